/** Small sense rules the manifests share: what may follow a bare Chinese command word for it to be a command. Pure. */
import type { ParsedCommand } from '../chat/parse-command.js';
import { readNumber } from '../chat/parse-text.js';

export { looksLikeChatter } from '../chat/parse-sense.js';

/** Nothing follows the word. */
export const empty = (c: ParsedCommand): boolean => c.args.trim() === '';

/** A number comes first (`3`, `#3`, `三`, `第三`). */
export const numbered = (c: ParsedCommand): boolean => readNumber(c.argv[0]) !== null;
