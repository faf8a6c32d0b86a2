/** Where the desk reads the polls' refusals; they live in the polls' folder (src/features/polls/say.ts). */
export { pollParseErrorText, pollRefusal } from '../../features/polls/say.js';
