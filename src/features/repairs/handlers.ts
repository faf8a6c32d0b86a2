/** The chat side of repair requests: reads the commands, runs the use cases, says what happened to whom. */
import { DateTime } from 'luxon';
import type { Community } from '../../app/communities.js';
import { formatLocal, localToInstant } from '../../app/local-time.js';
import { findMember, membersByName, type Member } from '../../app/members.js';
import { findByUsername } from '../../app/usernames.js';
import type { Ctx } from '../../chat/context.js';
import { needCommunity, numberAndRest } from '../../chat/feature-kit.js';
import { asWritten } from '../../chat/free-text.js';
import { localeFor } from '../../chat/i18n/index.js';
import type { Effect } from '../../chat/model.js';
import { normalizeText, type ParsedCommand } from '../../chat/parse-command.js';
import { parseSpokenDate } from '../../chat/parse-date.js';
import { readNumber, toSimplified } from '../../chat/parse-text.js';
import type { FeatureHandlers } from '../manifest.js';
import { DEFAULT_PROMISE_HOURS } from './domain.js';
import { repairsText, type RepairsText } from './i18n.js';
import { contactOf, getRepairByNo, openRepairsOf, reportRepair, stepRepair, unratedOf, type Repair, type StepRefusal } from './repairs.js';

type CCtx = Ctx & { community: Community };

const tOf = (ctx: Ctx): RepairsText => repairsText(ctx.locale);
/** The words of the community's groups (announcements are read there, whoever sent the command). */
const gOf = (ctx: CCtx): RepairsText => repairsText(ctx.community.locale === 'en' ? 'en' : 'zh-CN');
const tzOf = (ctx: CCtx) => ctx.community.timezone;
const when = (at: Date, tz: string) => formatLocal(at, tz);

/** `报修的事情怎么样了`, `报修 进度`: talk about one's requests rather than a new one. */
const ASKS_ABOUT = /^(?:的|了|呢|吗|进度|进展|情况|状态|怎么样|怎样|咋样|好了没|有人管|还没|status\b|progress\b)/i;
const PROPERTY = /^(?:物业|物业公司|物管|物業|物業公司|property|pm)$/i;
const RATINGS: Readonly<Record<string, 'satisfied' | 'unsatisfied'>> = {
  满意: 'satisfied',
  很满意: 'satisfied',
  非常满意: 'satisfied',
  不满意: 'unsatisfied',
  不太满意: 'unsatisfied',
  satisfied: 'satisfied',
  unsatisfied: 'unsatisfied',
};

/** The sentence for a refused step (`notCommittee`: the common one, from the chat's catalogue). */
export function refusalText(t: RepairsText, no: number, code: StepRefusal, notCommittee: string): string {
  const r = t.refused;
  switch (code) {
    case 'no-repair':
      return r.noRepair(no);
    case 'not-committee':
      return notCommittee;
    case 'not-assignee':
      return r.notAssignee(no);
    case 'not-reporter':
      return r.notReporter(no);
    case 'not-dispatched':
      return r.notDispatched(no);
    case 'already-fixed':
      return r.alreadyFixed(no);
    case 'closed':
      return r.closed(no);
    case 'not-fixed':
      return r.notFixed(no);
    case 'not-confirmed':
      return r.notConfirmed(no);
    case 'already-rated':
      return r.alreadyRated(no);
  }
}

const refusal = (ctx: Ctx, no: number, code: StepRefusal): string => refusalText(tOf(ctx), no, code, ctx.t.common.notCommittee);

/** A private message to a member (the reporter, the assignee), in their own language. */
async function tell(ctx: Ctx, memberId: number | null, say: (t: RepairsText) => string): Promise<void> {
  if (memberId == null) return;
  const c = await contactOf(ctx.deps.db, memberId);
  if (!c) return;
  // Someone acting on their own request in a private chat: said here, as the reply.
  if (c.platform === ctx.msg.platform && c.userId === ctx.msg.sender.userId && ctx.msg.chatKind === 'private') return ctx.reply(say(tOf(ctx)));
  const effect: Effect = { kind: 'private', platform: c.platform, userId: c.userId, text: say(repairsText(localeFor(c.locale))) };
  ctx.effects.push(effect);
}

async function show(ctx: CCtx, no: number): Promise<void> {
  const t = tOf(ctx);
  const r = await getRepairByNo(ctx.deps.db, ctx.community.communityId, no);
  if (!r) return ctx.reply(t.refused.noRepair(no));
  ctx.reply(t.detail(r.repairNo, t.building(r.building), t.status(r.status), r.assigneeName, r.promisedAt ? when(r.promisedAt, tzOf(ctx)) : null));
}

async function mine(ctx: CCtx): Promise<void> {
  const t = tOf(ctx);
  if (!ctx.member) return ctx.reply(t.refused.notMember);
  const open = await openRepairsOf(ctx.deps.db, ctx.member.memberId);
  ctx.reply(t.mine(open.map((r) => t.mineLine(r.repairNo, t.status(r.status)))));
}

/** `报修 TEXT`: a new request; `报修 N` shows one; `报修` alone asks what to report. */
async function report(ctx: CCtx, cmd: ParsedCommand): Promise<void> {
  const t = tOf(ctx);
  const args = cmd.args.trim();
  if (!args) return ctx.reply(t.refused.usage);
  const only = numberAndRest(args);
  if (only && !only.rest) return show(ctx, only.no);
  if (ASKS_ABOUT.test(args)) return mine(ctx);
  const r = await reportRepair(ctx.deps.db, ctx.deps.clock, { community: ctx.community, member: ctx.member, text: asWritten(args) });
  if (!r.ok) return ctx.reply(r.code === 'not-member' ? t.refused.notMember : r.code === 'too-long' ? t.refused.tooLong : t.refused.usage);
  const g = gOf(ctx);
  const repair = r.repair;
  // The groups see the number, the building and the state, and the words as the reporter wrote them.
  ctx.announce(ctx.community.communityId, g.card(repair.repairNo, g.building(repair.building), g.status(repair.status), repair.text));
  if (ctx.msg.chatKind === 'private') ctx.reply(t.reportedPrivately(repair.repairNo));
}

/** The person named in `派单 N WHO`: the property company, or a member by mention, reply, @username or name. */
async function assigneeOf(ctx: CCtx, word: string): Promise<{ kind: 'property' | 'member'; memberId: number | null; name: string } | null> {
  const { msg, deps, community } = ctx;
  // Kept as the groups read it (物业, or "the property company" in an English community).
  if (PROPERTY.test(toSimplified(word))) return { kind: 'property', memberId: null, name: gOf(ctx).property };
  let member: Member | null = null;
  const target = msg.mentions[0] ?? (word.startsWith('@') ? undefined : msg.replyTo);
  if (target) member = await findMember(deps.db, community.communityId, msg.platform, target.userId);
  if (!member && word.startsWith('@') && word.length > 1) {
    const seen = await findByUsername(deps.db, community.communityId, msg.platform, word.slice(1));
    if (seen) member = await findMember(deps.db, community.communityId, msg.platform, seen.userId);
  }
  if (!member) {
    const named = await membersByName(deps.db, community.communityId, msg.platform, word.replace(/^@/, ''));
    if (named.length === 1) member = named[0]!;
  }
  return member ? { kind: 'member', memberId: member.memberId, name: member.displayName } : null;
}

/** `48小时`, `3天`, `两天`, `明天下午3点`, `12月5日 18:00` (the community's zone); nothing: 48 hours. */
export function promisedTime(spec: string, now: Date, tz: string): { ok: true; at: Date } | { ok: false; code: 'bad-time' | 'past-time' } {
  const s = toSimplified(spec.trim());
  if (!s) return { ok: true, at: new Date(now.getTime() + DEFAULT_PROMISE_HOURS * 3_600_000) };
  const span = /^(.+?) ?(?:个)?(小时|钟头|h|hours?|天|d|days?)(?:内|以内)?$/i.exec(s);
  const n = span ? readNumber(span[1]) : null;
  if (span && n !== null && n > 0 && n <= 24 * 60) {
    const hours = /^(?:小时|钟头|h|hours?)$/i.test(span[2]!);
    return { ok: true, at: hours ? new Date(now.getTime() + n * 3_600_000) : DateTime.fromJSDate(now, { zone: tz }).plus({ days: n }).toJSDate() };
  }
  const d = parseSpokenDate(s, { now, timezone: tz });
  const at = d && d.rest === '' ? localToInstant(d.local, tz) : null;
  if (!at) return { ok: false, code: 'bad-time' };
  return at.getTime() > now.getTime() ? { ok: true, at } : { ok: false, code: 'past-time' };
}

async function dispatch(ctx: CCtx, cmd: ParsedCommand): Promise<void> {
  const t = tOf(ctx);
  const n = numberAndRest(cmd.args);
  if (!n || !n.rest) return ctx.reply(t.refused.dispatchUsage);
  if (!ctx.isCommittee()) return ctx.reply(ctx.t.common.notCommittee);
  const [word = '', ...time] = n.rest.split(/\s+/);
  const assignee = await assigneeOf(ctx, word);
  if (!assignee) return ctx.reply(t.refused.unknownAssignee(word));
  const promise = promisedTime(time.join(' '), ctx.deps.clock.now(), tzOf(ctx));
  if (!promise.ok) return ctx.reply(promise.code === 'bad-time' ? t.refused.badTime : t.refused.pastTime);
  const r = await stepRepair(ctx.deps.db, ctx.deps.clock, { community: ctx.community, member: ctx.member, repairNo: n.no, action: 'dispatch', assignee, promisedAt: promise.at });
  if (!r.ok) return ctx.reply(refusal(ctx, n.no, r.code));
  const g = gOf(ctx);
  const repair = r.repair;
  const promised = when(promise.at, tzOf(ctx));
  ctx.announce(ctx.community.communityId, g.dispatched(repair.repairNo, g.building(repair.building), assignee.name, promised));
  if (ctx.msg.chatKind === 'private') ctx.reply(t.dispatched(repair.repairNo, t.building(repair.building), assignee.name, promised));
  await tell(ctx, assignee.memberId, (x) => x.toAssignee(repair.repairNo, x.building(repair.building), repair.text, promised));
  await tell(ctx, repair.reporterMemberId, (x) => x.toReporterDispatched(repair.repairNo, assignee.name, promised));
}

/** `处理 N TEXT`, `修好 N`, `确认 N`, `没修好 N`, `满意 N`, `不满意 N`. */
async function step(ctx: CCtx, cmd: ParsedCommand): Promise<void> {
  const t = tOf(ctx);
  const n = numberAndRest(cmd.args);
  const word = ctx.locale === 'en' ? `/${cmd.name}` : (WORDS[cmd.name] ?? cmd.name);
  if (!n) return ctx.reply(cmd.name === 'handle' ? t.refused.handleUsage : t.refused.numberUsage(word));
  if (cmd.name === 'handle' && !n.rest) return ctx.reply(t.refused.handleUsage);
  const action = cmd.name === 'satisfied' || cmd.name === 'unsatisfied' ? 'rate' : (cmd.name as 'handle' | 'fixed' | 'confirm' | 'reopen');
  const reopenBy = action === 'reopen' ? new Date(ctx.deps.clock.now().getTime() + DEFAULT_PROMISE_HOURS * 3_600_000) : undefined;
  const r = await stepRepair(ctx.deps.db, ctx.deps.clock, {
    community: ctx.community,
    member: ctx.member,
    repairNo: n.no,
    action,
    ...(action === 'handle' ? { text: n.rest } : {}),
    ...(reopenBy ? { promisedAt: reopenBy } : {}),
    ...(action === 'rate' ? { rating: cmd.name as 'satisfied' | 'unsatisfied' } : {}),
  });
  if (!r.ok) return ctx.reply(refusal(ctx, n.no, r.code));
  await said(ctx, r.repair, action, n.rest);
}

/** What a step that went through says, and to whom. */
async function said(ctx: CCtx, repair: Repair, action: 'handle' | 'fixed' | 'confirm' | 'reopen' | 'rate', text: string): Promise<void> {
  const t = tOf(ctx);
  const g = gOf(ctx);
  const no = repair.repairNo;
  const building = g.building(repair.building);
  const cid = ctx.community.communityId;
  switch (action) {
    case 'handle':
      await tell(ctx, repair.reporterMemberId, (x) => x.progressToReporter(no, text));
      return ctx.reply(t.progressNoted(no));
    case 'fixed':
      ctx.announce(cid, g.fixedInGroup(no, building));
      if (ctx.msg.chatKind === 'private') ctx.reply(t.fixedNoted(no));
      return tell(ctx, repair.reporterMemberId, (x) => x.askConfirm(no));
    case 'confirm':
      ctx.announce(cid, g.confirmedInGroup(no, building));
      return ctx.reply(t.askRating(no));
    case 'reopen':
      ctx.announce(cid, g.reopenedInGroup(no, building));
      if (ctx.msg.chatKind === 'private') ctx.reply(t.reopened(no));
      return tell(ctx, repair.assigneeMemberId, (x) => x.toAssigneeReopened(no, when(repair.promisedAt!, tzOf(ctx))));
    case 'rate':
      return ctx.reply(t.rated(no, repair.rating === 'satisfied'));
  }
}

const WORDS: Readonly<Record<string, string>> = { fixed: '修好', confirm: '确认', reopen: '没修好', satisfied: '满意', unsatisfied: '不满意' };

/**
 * `满意` / `不满意` as a reply to the bot's question about a request (`报修 #3`), or privately when the
 * sender has one confirmed request not yet rated.
 */
async function rateByReply(ctx: Ctx): Promise<boolean> {
  const word = normalizeText(toSimplified(ctx.msg.text)).replace(/[.!。！~]+$/, '').toLowerCase();
  const rating = RATINGS[word];
  if (!rating || !ctx.community || !ctx.member) return false;
  const quoted = ctx.msg.replyToBot ? /(?:报修|Repair) ?#(\d{1,6})/.exec(ctx.msg.replyToBot.text) : null;
  let no = quoted ? Number(quoted[1]) : null;
  if (no === null && ctx.msg.chatKind === 'private') {
    no = (await unratedOf(ctx.deps.db, ctx.member.memberId))?.repairNo ?? null;
  }
  if (no === null) return false;
  await step(ctx as CCtx, { name: rating, args: String(no), argv: [String(no)], lines: [] });
  return true;
}

export const repairHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    if (!needCommunity(ctx)) return;
    if (cmd.name === 'repair') return report(ctx, cmd);
    if (cmd.name === 'dispatch') return dispatch(ctx, cmd);
    return step(ctx, cmd);
  },
  onText: rateByReply,
};
