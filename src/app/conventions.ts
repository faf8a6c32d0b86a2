import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { adoptsConvention, conventionKey, conventionName, parseConventionText, type ConventionParse } from '../domain/convention-text.js';
import { rankMatches } from '../domain/text-match.js';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { conventions } from '../db/schema.js';
import type { Clock } from './clock.js';

export interface Convention {
  conventionId: number;
  communityId: number;
  title: string;
  version: number | null;
  articles: string[];
  status: 'draft' | 'in_force' | 'superseded';
  pollId: number | null;
  pollNo: number | null;
  createdAt: Date;
  adoptedAt: Date | null;
}

const cols = {
  conventionId: conventions.conventionId,
  communityId: conventions.communityId,
  title: conventions.title,
  version: conventions.version,
  articles: conventions.articles,
  status: conventions.status,
  pollId: conventions.pollId,
  pollNo: sql<number | null>`(select p.poll_no from polls p where p.poll_id = conventions.poll_id)`,
  createdAt: conventions.createdAt,
  adoptedAt: conventions.adoptedAt,
};

export type ImportConventionResult =
  | { ok: true; conventionId: number; title: string; imported: number }
  | { ok: false; code: Extract<ConventionParse, { ok: false }>['code'] };

/**
 * Records a convention text (its first line the title, then numbered articles) as a draft; the
 * next convention poll opened without articles puts these articles to the vote, and the draft is
 * in force once that poll passes. For the operator's `convention import COMMUNITY FILE`;
 * `imported` is the number of articles.
 */
export async function importConvention(db: Db, clock: Clock, communityId: number, text: string): Promise<ImportConventionResult> {
  const parsed = parseConventionText(text);
  if (!parsed.ok) return parsed;
  const title = conventionName(parsed.title);
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const r = await tx
      .insert(conventions)
      .values({ communityId, title, nameKey: conventionKey(title), articles: parsed.articles, status: 'draft', createdAt: now })
      .returning({ id: conventions.conventionId });
    await appendAudit(tx, communityId, { at: now.toISOString(), action: 'convention.imported', actor: 'operator', data: { title, articles: parsed.articles.length } });
    return r[0]!.id;
  });
  return { ok: true, conventionId: id, title, imported: parsed.articles.length };
}

/** The draft a convention poll without articles puts to the vote: the latest of the same name, else the latest. */
export async function conventionDraftFor(db: Db, communityId: number, pollTitle: string): Promise<Convention | null> {
  const drafts = (await db
    .select(cols)
    .from(conventions)
    .where(and(eq(conventions.communityId, communityId), eq(conventions.status, 'draft')))
    .orderBy(desc(conventions.conventionId))) as Convention[];
  const key = conventionKey(conventionName(pollTitle));
  return drafts.find((d) => conventionKey(d.title) === key) ?? drafts[0] ?? null;
}

/**
 * Inside a convention poll's closing transaction: when its approving option passed, puts its
 * articles in force. The version in force of the same name is superseded, and a draft with these
 * very articles becomes the new version (else a new row is written). Returns the version, or null
 * when nothing was adopted (not passed, passed against, or no articles).
 */
export async function adoptConvention(
  tx: Db,
  at: Date,
  poll: { pollId: number; communityId: number; pollNo: number; title: string; articles: string[] | null; options: string[] },
  result: { outcome: string; winners: readonly number[] },
): Promise<{ title: string; version: number; superseded: number | null } | null> {
  if (!poll.articles?.length || !adoptsConvention(result, poll.options)) return null;
  const title = conventionName(poll.title);
  const nameKey = conventionKey(title);
  const same = and(eq(conventions.communityId, poll.communityId), eq(conventions.nameKey, nameKey));
  const previous = await tx
    .update(conventions)
    .set({ status: 'superseded', supersededAt: at })
    .where(and(same, eq(conventions.status, 'in_force')))
    .returning({ version: conventions.version });
  const max = await tx.select({ v: sql<number>`coalesce(max(${conventions.version}), 0)::int` }).from(conventions).where(same);
  const version = Number(max[0]?.v ?? 0) + 1;
  const adopted = { title, nameKey, version, status: 'in_force' as const, pollId: poll.pollId, adoptedAt: at };
  const draft = await tx
    .select({ id: conventions.conventionId })
    .from(conventions)
    .where(and(eq(conventions.communityId, poll.communityId), eq(conventions.status, 'draft'), sql`${conventions.articles} = ${JSON.stringify(poll.articles)}::jsonb`))
    .orderBy(desc(conventions.conventionId))
    .limit(1);
  if (draft[0]) await tx.update(conventions).set(adopted).where(eq(conventions.conventionId, draft[0].id));
  else await tx.insert(conventions).values({ ...adopted, communityId: poll.communityId, articles: poll.articles, createdAt: at });
  const superseded = previous[0]?.version ?? null;
  await appendAudit(tx, poll.communityId, { at: at.toISOString(), action: 'convention.adopted', actor: 'system', data: { title, version, pollNo: poll.pollNo, superseded } });
  return { title, version, superseded };
}

/** The convention version a poll put in force, if any (for the result announcement). */
export async function adoptedByPoll(db: Db, pollId: number): Promise<Convention | null> {
  const r = await db
    .select(cols)
    .from(conventions)
    .where(and(eq(conventions.pollId, pollId), inArray(conventions.status, ['in_force', 'superseded'])))
    .limit(1);
  return (r[0] as Convention | undefined) ?? null;
}

/** The conventions in force in a community, oldest adoption first. */
export async function conventionsInForce(db: Db, communityId: number): Promise<Convention[]> {
  const r = await db
    .select(cols)
    .from(conventions)
    .where(and(eq(conventions.communityId, communityId), eq(conventions.status, 'in_force')))
    .orderBy(asc(conventions.adoptedAt), asc(conventions.conventionId));
  return r as Convention[];
}

export interface ArticleMatch {
  title: string;
  version: number | null;
  article: string;
  score: number;
}

/** Articles in force that match the words (Chinese by character bigrams), best first. */
export async function searchConventions(db: Db, communityId: number, words: string, limit = 5): Promise<ArticleMatch[]> {
  const items = (await conventionsInForce(db, communityId)).flatMap((c) => c.articles.map((article) => ({ title: c.title, version: c.version, article })));
  return rankMatches(words, items, (i) => i.article, { limit }).map((r) => ({ ...r.item, score: r.score }));
}
