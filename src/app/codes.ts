import { createHash, randomInt } from 'node:crypto';

/** Letters and digits that are hard to confuse when read aloud or typed by older residents (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random code of `length` characters from an unambiguous alphabet. */
export function randomCode(length = 8): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Normalises a typed code: upper case, no spaces or dashes. */
export function normalizeCode(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}
