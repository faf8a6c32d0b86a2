/** A member's role in the community, and the words that name one. Pure. */

export type Role = 'resident' | 'committee' | 'chair';
export const ROLES: readonly Role[] = ['resident', 'committee', 'chair'];

const ROLE_WORDS: Readonly<Record<string, Role>> = {
  resident: 'resident',
  居民: 'resident',
  committee: 'committee',
  委员: 'committee',
  委員: 'committee',
  chair: 'chair',
  主任: 'chair',
  召集人: 'chair',
};

/** A role named in English or Chinese (`chair`, `主任`, `召集人`, `委员`, `居民`), or null. */
export function parseRole(word: string): Role | null {
  const w = word.normalize('NFKC').trim().toLowerCase();
  return Object.hasOwn(ROLE_WORDS, w) ? ROLE_WORDS[w]! : null;
}
