import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { checkMatterRule, type MatterItem } from '../domain/matters.js';
import { isApprovalWord, isOwnerRule, tally, type PollRule, type TallyResult } from '../domain/tally.js';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { ACTOR_MARK, BALLOT_HASH_MARK, type BallotChannel } from '../db/ballot-writer.js';
import { createBallotWriter, type BallotTurn, type BallotWriter } from '../db/ballot-writer.js';
import { channelCounts, countBallots, diagnoseBallot, eligibleTotals, type BallotRefusal } from '../db/polls-repo.js';
import { eligibleSql, notVotedSql, pollRowTerms } from '../db/holder-sql.js';
import { communities, pollOptions, polls } from '../db/schema.js';
import type { Clock } from './clock.js';
import { adoptConvention } from './conventions.js';
import { localToInstant } from './local-time.js';
import type { Member } from './members.js';
import { recordTopicPollResult } from './topics.js';

export const DEFAULT_POLL_DAYS = 7;
export const MAX_POLL_DAYS = 90;

export interface Poll {
  pollId: number;
  communityId: number;
  pollNo: number;
  title: string;
  rule: PollRule;
  secret: boolean;
  hideResults: boolean;
  final: boolean;
  convention: boolean;
  articles: string[] | null;
  abstainOption: number | null;
  /** The options were written with letters (`A. …`): `A` names option 1. */
  optionLetters: boolean;
  status: 'open' | 'closed';
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  eligibleHeads: number;
  eligibleAreaCenti: number;
  outcome: string;
  result: TallyResult | null;
  topicId: number | null;
  matter: MatterItem | null;
  scope: string | null;
  /** When voting opens (the opening time itself for polls without a notice period). */
  opensAt: Date;
  noticeWaived: boolean;
  options: string[];
}

export interface PollDraftInput {
  title: string;
  options: string[];
  abstainOption: number | null;
  /** The options were written `A. …`, `B. …`. */
  optionLetters?: boolean;
  rule: PollRule;
  deadline: { kind: 'at'; local: string } | { kind: 'in'; minutes: number } | null;
  secret: boolean;
  hideResults: boolean;
  final: boolean;
  confirmRule: boolean;
  convention: boolean;
  articles: string[];
  matter?: MatterItem | null;
  /** Whether `rule` was written (false: the parser's default, so a matter line decides). */
  ruleGiven?: boolean;
  scope?: string | null;
  opens?: { kind: 'now' } | { kind: 'at'; local: string } | { kind: 'in'; minutes: number } | null;
}

/** The community's notice period for owners' polls when none is set (《物业管理条例》第十四条). */
export const DEFAULT_NOTICE_DAYS = 15;

export type OpenPollResult =
  | { ok: true; poll: Poll }
  | { ok: false; code: 'not-committee' }
  | { ok: false; code: 'matter-rule-weaker' | 'matter-rule-stronger' | 'major-without-matter'; rule: PollRule; needs: PollRule; matter: MatterItem | null }
  | { ok: false; code: 'open-too-early'; earliest: Date }
  | { ok: false; code: 'open-now-unconfirmed'; noticeDays: number }
  | { ok: false; code: 'bad-deadline' | 'deadline-past' | 'deadline-too-far' | 'no-roster' | 'scope-empty' };

const pollCols = {
  pollId: polls.pollId,
  communityId: polls.communityId,
  pollNo: polls.pollNo,
  title: polls.title,
  rule: polls.rule,
  secret: polls.secret,
  hideResults: polls.hideResults,
  final: polls.final,
  convention: polls.convention,
  articles: polls.articles,
  abstainOption: polls.abstainOption,
  optionLetters: polls.optionLetters,
  status: polls.status,
  openedAt: polls.openedAt,
  closesAt: polls.closesAt,
  closedAt: polls.closedAt,
  eligibleHeads: polls.eligibleHeads,
  eligibleAreaCenti: polls.eligibleAreaCenti,
  outcome: polls.outcome,
  result: polls.result,
  topicId: polls.topicId,
  matter: polls.matter,
  scope: polls.scope,
  opensAt: sql<Date>`coalesce(${polls.opensAt}, ${polls.openedAt})`.mapWith(polls.openedAt),
  noticeWaived: polls.noticeWaived,
};

async function withOptions(db: Db, list: Omit<Poll, 'options'>[]): Promise<Poll[]> {
  if (list.length === 0) return [];
  const opts = await db
    .select({ pollId: pollOptions.pollId, optionNo: pollOptions.optionNo, text: pollOptions.text })
    .from(pollOptions)
    .where(inArray(pollOptions.pollId, list.map((p) => p.pollId)))
    .orderBy(asc(pollOptions.pollId), asc(pollOptions.optionNo));
  return list.map((p) => ({ ...p, options: opts.filter((o) => o.pollId === p.pollId).map((o) => o.text) }));
}

/** An instant from a deadline-like line: `in` counts from `from`. Null when the local time does not exist. */
function instantOf(d: { kind: 'at'; local: string } | { kind: 'in'; minutes: number }, from: Date, tz: string): Date | null {
  return d.kind === 'in' ? new Date(from.getTime() + d.minutes * 60_000) : localToInstant(d.local, tz);
}

/**
 * Opens a poll (committee or chair). The matter decides the rule (SPEC §6, `checkMatterRule`); an
 * owners' poll opens for voting after the community's notice period unless `开始: 立即` is confirmed;
 * a scope limits E to that building's or entrance's units.
 */
export async function openPoll(
  db: Db,
  clock: Clock,
  input: { community: { communityId: number; timezone: string }; member: Member; draft: PollDraftInput; topicId?: number },
): Promise<OpenPollResult> {
  const { draft, member } = input;
  if (member.role !== 'committee' && member.role !== 'chair') return { ok: false, code: 'not-committee' };
  let rule = draft.rule;
  let matter: MatterItem | null = null;
  if (!draft.convention) {
    const check = checkMatterRule({ title: draft.title, matter: draft.matter ?? null, rule: draft.rule, ruleGiven: draft.ruleGiven ?? true, confirmRule: draft.confirmRule });
    if (!check.ok) return { ok: false, code: check.code, rule: check.rule, needs: check.needs, matter: check.matter };
    rule = check.rule;
    matter = isOwnerRule(rule) ? check.matter : null;
  }
  const now = clock.now();
  const tz = input.community.timezone;
  const communityId = input.community.communityId;
  const c = await db.select({ noticeDays: communities.noticeDays }).from(communities).where(eq(communities.communityId, communityId)).limit(1);
  const noticeDays = isOwnerRule(rule) ? (c[0]?.noticeDays ?? DEFAULT_NOTICE_DAYS) : 0;
  const earliest = new Date(now.getTime() + noticeDays * 86_400_000);
  let opensAt = earliest;
  let noticeWaived = false;
  if (draft.opens?.kind === 'now') {
    if (noticeDays > 0 && !draft.confirmRule) return { ok: false, code: 'open-now-unconfirmed', noticeDays };
    opensAt = now;
    noticeWaived = noticeDays > 0;
  } else if (draft.opens) {
    const at = instantOf(draft.opens, now, tz);
    if (!at) return { ok: false, code: 'bad-deadline' };
    if (at.getTime() < earliest.getTime() && !draft.confirmRule) return { ok: false, code: 'open-too-early', earliest };
    opensAt = at.getTime() < now.getTime() ? now : at;
    noticeWaived = opensAt.getTime() < earliest.getTime();
  }
  const closesAt = draft.deadline ? instantOf(draft.deadline, opensAt, tz) : new Date(opensAt.getTime() + DEFAULT_POLL_DAYS * 86_400_000);
  if (!closesAt) return { ok: false, code: 'bad-deadline' };
  // A span (`30m`, `7d`) is always ahead of the opening; a date written out must be more than a minute ahead.
  if (draft.deadline?.kind !== 'in' && closesAt.getTime() <= Math.max(now.getTime(), opensAt.getTime()) + 60_000) return { ok: false, code: 'deadline-past' };
  if (closesAt.getTime() > opensAt.getTime() + MAX_POLL_DAYS * 86_400_000) return { ok: false, code: 'deadline-too-far' };
  const scope = draft.scope ?? null;
  const eligible = await eligibleTotals(db, communityId, isOwnerRule(rule), scope);
  if (eligible.heads === 0 && scope !== null) return { ok: false, code: 'scope-empty' };
  if (eligible.heads === 0 && rule !== 'simple') return { ok: false, code: 'no-roster' };
  const pollId = await db.transaction(async (tx) => {
    const next = await tx
      .select({ n: sql<number>`coalesce(max(${polls.pollNo}), 0)::int + 1` })
      .from(polls)
      .where(eq(polls.communityId, communityId));
    const pollNo = next[0]!.n;
    const inserted = await tx
      .insert(polls)
      .values({
        communityId,
        pollNo,
        title: draft.title,
        rule,
        secret: draft.secret,
        hideResults: draft.hideResults,
        final: draft.final,
        convention: draft.convention,
        articles: draft.articles.length ? draft.articles : null,
        abstainOption: draft.abstainOption,
        optionLetters: draft.optionLetters ?? false,
        openedBy: member.memberId,
        openedAt: now,
        closesAt,
        eligibleHeads: eligible.heads,
        eligibleAreaCenti: eligible.areaCenti,
        topicId: input.topicId ?? null,
        matter,
        scope,
        opensAt,
        noticeWaived,
      })
      .returning({ pollId: polls.pollId });
    const id = inserted[0]!.pollId;
    await tx.insert(pollOptions).values(draft.options.map((text, i) => ({ communityId, pollId: id, optionNo: i + 1, text })));
    await appendAudit(tx, communityId, {
      at: now.toISOString(),
      action: 'poll.opened',
      actor: `${member.platform}:${member.userId}`,
      data: {
        pollNo,
        title: draft.title,
        rule,
        matter,
        scope,
        options: draft.options,
        opensAt: opensAt.toISOString(),
        noticeWaived,
        closesAt: closesAt.toISOString(),
        secret: draft.secret,
        hideResults: draft.hideResults,
        final: draft.final,
      },
    });
    return id;
  });
  openedOrClosed(input.community.communityId);
  return { ok: true, poll: (await getPoll(db, pollId))! };
}

export async function getPoll(db: Db, pollId: number): Promise<Poll | null> {
  const r = await db.select(pollCols).from(polls).where(eq(polls.pollId, pollId)).limit(1);
  return (await withOptions(db, r as Omit<Poll, 'options'>[]))[0] ?? null;
}

export async function getPollByNo(db: Db, communityId: number, pollNo: number): Promise<Poll | null> {
  const r = await db.select(pollCols).from(polls).where(and(eq(polls.communityId, communityId), eq(polls.pollNo, pollNo))).limit(1);
  return (await withOptions(db, r as Omit<Poll, 'options'>[]))[0] ?? null;
}

/** The open-poll lists kept by this process's vote caches, told when a poll opens or closes here. */
const openListWatchers = new Set<(communityId: number) => void>();
function openedOrClosed(communityId: number): void {
  for (const w of openListWatchers) w(communityId);
}

/**
 * The polls votes name, remembered for a minute (instance state, built once by the services): what
 * a vote needs of a poll (id, rule, flags, options) never changes after it opens, and whether it is
 * still open is checked when the ballot is written.
 */
export function createVotePolls(db: Db) {
  const cache = new LRUCache<string, Poll>({ max: 2000, ttl: 60_000 });
  // The votes that name a poll not remembered yet share one read (a burst right after it opened).
  const reading = new Map<string, Promise<Poll | null>>();
  const openLists = new LRUCache<number, Promise<Poll[]>>({ max: 2000, ttl: 1000 });
  // A poll opened or closed in this process is seen by the next vote at once; one opened by another
  // process within the second.
  // (Held weakly: a cache no longer used by anyone is not kept alive by the list of watchers.)
  const lists = new WeakRef(openLists);
  openListWatchers.add(function watch(communityId) {
    const l = lists.deref();
    if (l) l.delete(communityId);
    else openListWatchers.delete(watch);
  });
  const remembered = (key: string, read: () => Promise<Poll | null>): Promise<Poll | null> => {
    const hit = cache.get(key);
    if (hit) return Promise.resolve(hit);
    let p = reading.get(key);
    if (!p) {
      p = read().then((poll) => {
        if (poll && poll.status === 'open') cache.set(key, poll);
        return poll;
      });
      reading.set(key, p);
      void p.finally(() => reading.delete(key)).catch(() => {});
    }
    return p;
  };
  return {
    /** The poll numbered `pollNo` in a community (a typed vote). */
    get(communityId: number, pollNo: number): Promise<Poll | null> {
      return remembered(`${communityId}:${pollNo}`, () => getPollByNo(db, communityId, pollNo));
    },
    /** The poll a button names by its id (a press on the card). */
    byId(pollId: number): Promise<Poll | null> {
      return remembered(`id:${pollId}`, () => getPoll(db, pollId));
    },
    /**
     * The community's open polls (a vote without a number), read at most once a second: a poll opened
     * since is not yet on anyone's screen (its card goes out after it commits), and one closed since
     * refuses the ballot when it is written.
     */
    open(communityId: number): Promise<Poll[]> {
      const hit = openLists.get(communityId);
      if (hit) return hit;
      const p = openPollsOf(db, communityId);
      openLists.set(communityId, p);
      p.catch(() => openLists.delete(communityId));
      return p;
    },
  };
}
export type VotePolls = ReturnType<typeof createVotePolls>;

/** Open polls and the most recent closed ones of a community. */
export async function listPolls(db: Db, communityId: number, recentClosed = 5): Promise<{ open: Poll[]; closed: Poll[] }> {
  const open = await db.select(pollCols).from(polls).where(and(eq(polls.communityId, communityId), eq(polls.status, 'open'))).orderBy(asc(polls.pollNo));
  const closed = await db
    .select(pollCols)
    .from(polls)
    .where(and(eq(polls.communityId, communityId), eq(polls.status, 'closed')))
    .orderBy(desc(polls.closedAt))
    .limit(recentClosed);
  return { open: await withOptions(db, open as Omit<Poll, 'options'>[]), closed: await withOptions(db, closed as Omit<Poll, 'options'>[]) };
}

/**
 * The open polls of a community with their options, in one query: what a vote without a number looks
 * for (`投票 1` in a group), on every such vote of a burst.
 */
export async function openPollsOf(db: Db, communityId: number): Promise<Poll[]> {
  const r = await db
    .select({
      ...pollCols,
      options: sql<string[]>`(select coalesce(json_agg(o.text order by o.option_no), '[]'::json) from ${pollOptions} o where o.poll_id = ${polls.pollId})`,
    })
    .from(polls)
    .where(and(eq(polls.communityId, communityId), eq(polls.status, 'open')))
    .orderBy(asc(polls.pollNo));
  return r as Poll[];
}

export type VoteResult =
  /** `sealed`: the turn given was committed with the ballot. */
  | { ok: true; poll: Poll; optionNo: number; changed: boolean; ballotHash: string; sealed: boolean }
  | { ok: false; code: Exclude<BallotRefusal, 'no-poll'> | 'bad-option'; poll: Poll };

/** The deadlines of a community's open polls, for their reminders. */
export async function openPollDeadlines(db: Db, communityId: number): Promise<{ pollId: number; closesAt: Date }[]> {
  return db.select({ pollId: polls.pollId, closesAt: polls.closesAt }).from(polls).where(and(eq(polls.communityId, communityId), eq(polls.status, 'open')));
}

/** Casts or changes the household's (or owner's) ballot through the batch writer. Acknowledged only once committed. */
export async function castVote(
  db: Db,
  clock: Clock,
  input: {
    poll: Poll;
    platform: string;
    userId: string;
    optionNo: number;
    sourceKey: string | null;
    /** A ballot entered for another household: its unit and how it came in (paper, assisted, proxy). */
    forUnit?: { unitId: number; label: string; channel: Exclude<BallotChannel, 'online'> };
    /** The turn the vote is cast in, committed with the ballot (its mark and words), or not at all. */
    turn?: BallotTurn;
    /**
     * A vote from the pages: the voter is whom the session (its key) signs in as the ballot is written
     * (`platform`/`userId` are not read); `voter` finds that member only when the ballot was refused, to say why.
     */
    session?: { key: string; voter: () => Promise<{ platform: string; userId: string } | null> };
  },
  /** The instance's batch writer (the services'); without one, a writer for this call. */
  ballots: BallotWriter = createBallotWriter(db),
): Promise<VoteResult> {
  const { poll } = input;
  if (!Number.isInteger(input.optionNo) || input.optionNo < 1 || input.optionNo > poll.options.length) {
    return { ok: false, code: 'bad-option', poll };
  }
  const at = clock.now();
  const sourceKey = input.sourceKey ?? `local:${randomUUID()}`;
  const channel: BallotChannel = input.forUnit?.channel ?? 'online';
  const base = {
    communityId: poll.communityId,
    pollId: poll.pollId,
    platform: input.platform,
    userId: input.userId,
    optionNo: input.optionNo,
    at,
    sourceKey,
    unitId: input.forUnit?.unitId ?? null,
    channel,
  };
  // A secret poll's audit entry holds no option in clear: the ballot's hash commits to it.
  const data: Record<string, unknown> = { pollNo: poll.pollNo, source: sourceKey, channel, ballot: BALLOT_HASH_MARK };
  if (!poll.secret) data.option = input.optionNo;
  if (input.forUnit) data.unit = input.forUnit.label;
  const cast = await ballots.cast({
    ...base,
    audit: { at: at.toISOString(), action: 'ballot.cast', actor: input.session ? ACTOR_MARK : `${input.platform}:${input.userId}`, data },
    ...(input.turn ? { turn: input.turn } : {}),
    ...(input.session ? { session: input.session.key } : {}),
  });
  if (cast) return { ok: true, poll, optionNo: input.optionNo, changed: cast.previous > 0, ballotHash: cast.ballotHash, sealed: cast.sealed };
  const voter = input.session ? await input.session.voter() : input;
  if (!voter) return { ok: false, code: 'not-member', poll };
  const why = await diagnoseBallot(db, { ...base, platform: voter.platform, userId: voter.userId });
  return { ok: false, code: why === 'no-poll' ? 'poll-closed' : why, poll };
}

/** The tally of a poll as it stands (open) or as frozen at its close. */
export async function pollTally(db: Db, poll: Poll): Promise<TallyResult> {
  if (poll.status === 'closed' && poll.result) return poll.result;
  const counts = await countBallots(db, poll.pollId);
  return tally({
    rule: poll.rule,
    eligible: { heads: poll.eligibleHeads, areaCenti: poll.eligibleAreaCenti },
    options: poll.options.map((_, i) => {
      const c = counts.find((x) => x.optionNo === i + 1);
      return {
        optionNo: i + 1,
        heads: c?.heads ?? 0,
        areaCenti: c?.areaCenti ?? 0,
        abstain: poll.abstainOption === i + 1,
        approve: isApprovalWord(poll.options[i]!),
      };
    }),
  });
}

/** How many counted ballots (one per holder, its latest) came in by each channel (online, paper, assisted, proxy). */
export function ballotsByChannel(db: Db, pollId: number): Promise<Record<string, number>> {
  return channelCounts(db, pollId);
}

export type ClosePollResult = { ok: true; poll: Poll; result: TallyResult } | { ok: false; code: 'already-closed' | 'not-chair' };

/**
 * Closes a poll exactly once (also with several instances): freezes the tally and records the outcome.
 * `actor` null means the deadline closed it.
 */
export async function closePoll(db: Db, clock: Clock, input: { pollId: number; actor: Member | null }): Promise<ClosePollResult> {
  if (input.actor && input.actor.role !== 'chair') return { ok: false, code: 'not-chair' };
  const now = clock.now();
  const done = await db.transaction(async (tx) => {
    const upd = await tx
      .update(polls)
      .set({ status: 'closed', closedAt: now })
      .where(and(eq(polls.pollId, input.pollId), eq(polls.status, 'open')))
      .returning({ pollId: polls.pollId });
    if (!upd[0]) return null;
    const poll = (await getPoll(tx as unknown as Db, input.pollId))!;
    const result = await pollTally(tx as unknown as Db, poll);
    await tx.update(polls).set({ outcome: result.outcome, result }).where(eq(polls.pollId, input.pollId));
    await appendAudit(tx, poll.communityId, {
      at: now.toISOString(),
      action: 'poll.closed',
      actor: input.actor ? `${input.actor.platform}:${input.actor.userId}` : 'deadline',
      data: { pollNo: poll.pollNo, outcome: result.outcome, voted: result.voted, eligible: result.eligible, winners: result.winners },
    });
    if (poll.convention) await adoptConvention(tx as unknown as Db, now, poll, result);
    if (poll.topicId != null) await recordTopicPollResult(tx as unknown as Db, { communityId: poll.communityId, topicId: poll.topicId, pollNo: poll.pollNo, outcome: result.outcome, at: now });
    return { poll: { ...poll, status: 'closed' as const, closedAt: now, outcome: result.outcome, result }, result };
  });
  if (!done) return { ok: false, code: 'already-closed' };
  openedOrClosed(done.poll.communityId);
  return { ok: true, ...done };
}

/** Polls whose deadline has passed and that are still open. */
export async function duePolls(db: Db, clock: Clock): Promise<{ pollId: number; communityId: number }[]> {
  return db
    .select({ pollId: polls.pollId, communityId: polls.communityId })
    .from(polls)
    .where(and(eq(polls.status, 'open'), lte(polls.closesAt, clock.now())));
}

/** Open polls of a community in which this member's household (or owner) has not voted. */
export async function pendingPollsFor(db: Db, member: Member): Promise<Poll[]> {
  if (member.unitId == null) return [];
  const p = pollRowTerms('p');
  const r = await db.execute(sql`select p.poll_id from polls p
      join units u on u.unit_id = ${member.unitId}
      where p.community_id = ${member.communityId} and p.status = 'open'
        and ${eligibleSql(p, 'u', sql`${member.relation}::text`)} and ${notVotedSql(p, 'u')}
      order by p.poll_no`);
  const ids = ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { poll_id: number }[]).map((x) => x.poll_id);
  if (!ids.length) return [];
  const list = await db.select(pollCols).from(polls).where(inArray(polls.pollId, ids)).orderBy(asc(polls.pollNo));
  return withOptions(db, list as Omit<Poll, 'options'>[]);
}
