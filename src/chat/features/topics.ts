/** The group's catalogue, where the polls feature reads it (src/chat/feature-kit.ts holds the helpers the features share). */
export { groupT } from '../feature-kit.js';
