/** `convention import COMMUNITY FILE` (SPEC §4): a convention text kept as a draft until a convention poll adopts it. */
import { importConvention } from '../../app/conventions.js';
import { communityOf, readText, type CommandContext } from '../../cli/command-spec.js';
import { CliError, EXIT } from '../../cli/output.js';
import { MAX_ARTICLE_CHARS, MAX_ARTICLES, MAX_CONVENTION_CHARS } from '../../domain/convention-text.js';

/** Why a convention file was refused, in the operator's words. */
const CONVENTION_REFUSALS = {
  'no-articles': 'no numbered articles were found: after the title line, each article starts a line with 第一条, 第1条, "1." or "1、"',
  'too-long': `the text is too long: at most ${MAX_CONVENTION_CHARS} characters in all and ${MAX_ARTICLE_CHARS} per article`,
  'too-many-articles': `it has more than ${MAX_ARTICLES} articles`,
} as const;

export async function importConventionFile(community: string, file: string, { db, clock, out, cwd }: CommandContext): Promise<number> {
  const c = await communityOf(db, community);
  const r = await importConvention(db, clock, c.communityId, await readText(cwd, file));
  if (!r.ok) throw new CliError(`${file}: nothing imported; ${CONVENTION_REFUSALS[r.code]}`);
  if (out.json) out.value({ imported: r.imported, title: r.title, conventionId: r.conventionId });
  else {
    out.line(`Imported 《${r.title}》 with ${r.imported} article${r.imported === 1 ? '' : 's'} into ${c.name} as a draft (id ${r.conventionId}).`);
    out.line(`It goes to the vote when a committee member opens a convention poll without articles (in a group: "表决 《${r.title}》" and a second line "公约"), and is in force once that poll passes.`);
  }
  return EXIT.ok;
}
