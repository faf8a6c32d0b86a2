/** Polls in the chat: open (表决), vote (投票, #N, a lone 同意, a reply to the card, a button), results, close, list. */
import { formatLocal } from '../../app/local-time.js';
import { castVote, closePoll, getPollByNo, listPolls, openPollsOf, openPoll, pollTally, type Poll } from '../../app/polls.js';
import { RECEIPT_CODE_MARK, receiptCode } from '../../domain/receipt.js';
import { notVotedUnits } from '../../app/eligibility.js';
import type { Ctx } from '../../chat/context.js';
import type { Effect } from '../../chat/model.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { matchOption, parsePollText } from '../../chat/parse-poll.js';
import { renderResults } from '../../chat/render-poll.js';
import { channelNote, closedPollEffects } from '../../chat/poll-result.js';
import { conventionArticles } from '../conventions/articles.js';
import type { FeatureHandlers } from '../manifest.js';
import { tzOf } from '../../chat/feature-kit.js';
import { announcePollCard, optionList, pollParseErrorText, pollRefusal, voteRefusal } from './say.js';

/** The community's open polls, as the services keep them for votes without a number. */
function openPolls(ctx: Ctx): Promise<Poll[]> {
  return ctx.deps.services.votePolls.open(ctx.community!.communityId);
}

/** Finds the poll a command means: `N` given, or the only open poll. Replies and returns null when it cannot. */
async function pickPoll(ctx: Ctx, no: number | null, forVote = false): Promise<Poll | null> {
  const { t } = ctx;
  if (no != null) {
    const communityId = ctx.community!.communityId;
    const p = forVote ? await ctx.deps.services.votePolls.get(communityId, no) : await getPollByNo(ctx.deps.db, communityId, no);
    if (!p) ctx.reply(t.vote.noSuchPoll(no));
    return p;
  }
  const open = forVote ? await openPolls(ctx) : await openPollsOf(ctx.deps.db, ctx.community!.communityId);
  if (open.length === 1) return open[0]!;
  if (open.length === 0) ctx.reply(t.vote.noOpenPoll);
  else ctx.reply(t.vote.whichPoll(open.map((p) => `#${p.pollNo} ${p.title}`)));
  return null;
}

const asNumber = (s: string | undefined): number | null => (s && /^\d{1,6}$/.test(s) ? Number(s) : null);
/** The largest value of a PostgreSQL integer column. */
const INT4_MAX = 2_147_483_647;

/**
 * Casts a vote. Quiet in groups: a button press is answered by its toast; a typed vote by a reaction on
 * the voter's message (where the platform has them) and a private receipt. The group sees only the
 * live card, edited every few seconds, or where cards cannot be edited one short turnout line every
 * few minutes. Refusals go privately, into the group only when the person cannot be reached.
 */
async function vote(ctx: Ctx, poll: Poll, optionNo: number, via: 'text' | 'button'): Promise<void> {
  const { t, msg, deps } = ctx;
  const inGroup = msg.chatKind === 'group';
  const say = (text: string): void => {
    if (via === 'button') return ctx.toast(text);
    if (!inGroup) return ctx.reply(text);
    ctx.effects.push({ kind: 'private', userId: msg.sender.userId, text, fallback: text });
  };
  if (poll.secret && inGroup) return say(t.vote.secretInGroup(poll.pollNo));
  if (!ctx.member) return say(inGroup ? t.common.notBound : t.common.notMemberPrivate);
  if (ctx.member.unitId == null) return say(t.common.notBound);
  const option = poll.options[optionNo - 1]!;
  /** What a cast vote says: the receipt (with its code, when known) and the card's edit or the turnout line. */
  const acknowledged = (changed: boolean, code: string | null): Effect[] => {
    const receipt = `${t.vote.ok(poll.pollNo, option, changed)}${code ? `\n${t.receipt.code(code, poll.pollNo)}` : ''}`;
    const out: Effect[] = [];
    // The receipt carries a personal sign-in link to the poll's page, made when it is sent.
    const page = { pollId: poll.pollId, signIn: true };
    if (via === 'button') out.push({ kind: 'toast', text: receipt });
    else if (!inGroup) out.push({ kind: 'reply', text: receipt, page });
    else {
      if (deps.hasReactions(msg.platform)) out.push({ kind: 'react', emoji: '👍' });
      // What the group is told when this receipt cannot be delivered privately (the units, never the option).
      const fallback = { pollId: poll.pollId, pollNo: poll.pollNo, unit: ctx.member?.unitLabel ?? '', memberId: ctx.member?.memberId ?? 0, name: msg.sender.name };
      out.push({ kind: 'private', userId: msg.sender.userId, text: receipt, ack: true, receipt: fallback, page });
    }
    out.push(deps.hasButtons(msg.platform) || !inGroup ? { kind: 'card', pollId: poll.pollId } : { kind: 'turnout', pollId: poll.pollId });
    return out;
  };
  // The ballot's statement also marks the update handled and writes these words, in the variant its ballot takes.
  const turn = ctx.turn?.forBallot({ first: acknowledged(false, RECEIPT_CODE_MARK), changed: acknowledged(true, RECEIPT_CODE_MARK) });
  const r = await castVote(deps.db, deps.clock, {
    poll,
    platform: msg.platform,
    userId: msg.sender.userId,
    optionNo,
    sourceKey: `${msg.platform}:${msg.updateKey}`,
    ...(turn ? { turn } : {}),
  }, deps.services.ballots);
  if (r.ok && r.sealed) ctx.turn?.committed();
  // A redelivered vote whose ballot is in already (the process stopped before its receipt was written): acknowledged as cast, without its code.
  if (r.ok || r.code === 'duplicate') {
    ctx.effects.push(...acknowledged(r.ok && r.changed, r.ok ? receiptCode(r.ballotHash) : null));
    return;
  }
  return voteRefusal(ctx, poll, r.code, say);
}

/** A short hint to the voter: privately where the platform can reach them, else in the chat. Never the whole help. */
function hint(ctx: Ctx, text: string): void {
  if (ctx.msg.chatKind === 'private') return ctx.reply(text);
  ctx.effects.push({ kind: 'private', userId: ctx.msg.sender.userId, text, fallback: text });
}

async function handleVote(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t } = ctx;
  const form = cmd.form ?? 'typed';
  const inGroup = ctx.msg.chatKind === 'group';
  // A lone 同意 in a group is only a vote while a poll is open; otherwise it is talk.
  const quiet = (form === 'bare' || form === 'loose') && inGroup;
  if (!ctx.community) return quiet ? undefined : ctx.reply(inGroup ? t.common.notLinked : t.common.notMemberPrivate);
  const argv = cmd.argv;
  let no: number | null = null;
  let typed: string;
  if (argv.length >= 2 && asNumber(argv[0]) != null) {
    no = asNumber(argv[0]);
    typed = argv.slice(1).join(' ');
  } else typed = argv.join(' ');
  if (form === 'loose') return looseVote(ctx, no, typed);
  if (form === 'attempt' || typed === '') {
    if (form === 'typed' && argv.length === 0 && !inGroup) return ctx.reply(t.vote.usage);
    const polls = no != null ? [await ctx.deps.services.votePolls.get(ctx.community.communityId, no)].filter((p): p is Poll => p != null) : await openPolls(ctx);
    if (polls.length === 0) return hint(ctx, t.vote.noOpenPoll);
    return hint(ctx, t.vote.hint(polls.map((p) => ({ no: p.pollNo, title: p.title, options: optionList(p) }))));
  }
  if (no === null && quiet) {
    const open = await openPolls(ctx);
    if (open.length === 0) return;
    if (open.length > 1) return hint(ctx, t.vote.whichPoll(open.map((p) => `#${p.pollNo} ${p.title}`)));
  }
  const poll = no === null && form !== 'typed' ? await pickQuietly(ctx) : await pickPoll(ctx, no, true);
  if (!poll) return;
  const optionNo = matchOption(poll.options, typed, { letters: poll.optionLetters });
  if (optionNo == null) return hint(ctx, t.vote.badOption(optionList(poll), poll.pollNo));
  await vote(ctx, poll, optionNo, 'text');
}

/**
 * `#N` and words: a vote when the words are one of poll N's options (`#2 方案甲`); otherwise talk
 * (`#1 看看大家的意见`), left alone in a group, and answered with the options in a private chat.
 */
async function looseVote(ctx: Ctx, no: number | null, typed: string): Promise<void> {
  const { t } = ctx;
  const poll = no != null ? await ctx.deps.services.votePolls.get(ctx.community!.communityId, no) : null;
  const optionNo = poll ? matchOption(poll.options, typed, { letters: poll.optionLetters }) : null;
  if (poll && optionNo != null) return vote(ctx, poll, optionNo, 'text');
  if (ctx.msg.chatKind === 'group') return;
  ctx.reply(poll ? t.vote.badOption(optionList(poll), poll.pollNo) : t.vote.noSuchPoll(no ?? 0));
}

/** The only open poll, or a private hint saying which ones there are. */
async function pickQuietly(ctx: Ctx): Promise<Poll | null> {
  const open = await openPolls(ctx);
  if (open.length === 1) return open[0]!;
  hint(ctx, open.length === 0 ? ctx.t.vote.noOpenPoll : ctx.t.vote.whichPoll(open.map((p) => `#${p.pollNo} ${p.title}`)));
  return null;
}

async function handlePoll(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!ctx.community) return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notLinked : t.common.notMemberPrivate);
  if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
  if (!cmd.args.trim()) return ctx.reply(t.poll.usage);
  const tz = tzOf(ctx);
  const parsed = parsePollText(cmd.args, cmd.lines, { today: formatLocal(deps.clock.now(), tz).slice(0, 10), ref: { now: deps.clock.now(), timezone: tz } });
  if (!parsed.ok) return ctx.reply(`${pollParseErrorText(t, parsed.code)}\n${t.poll.usage}`);
  const draft = await conventionArticles(ctx, parsed.draft);
  if (!draft) return;
  const r = await openPoll(deps.db, deps.clock, { community: ctx.community, member: ctx.member, draft });
  if (!r.ok) return ctx.reply(r.code === 'scope-empty' ? t.matters.scopeEmpty(parsed.draft.scope ?? '') : pollRefusal(t, r, tz));
  const poll = r.poll;
  announcePollCard(ctx, poll);
  if (ctx.msg.chatKind === 'private') ctx.reply(t.poll.opened(poll.pollNo));
}

async function handleResults(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!ctx.community) return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notLinked : t.common.notMemberPrivate);
  let no = asNumber(cmd.argv[0]);
  if (no == null) {
    const all = await listPolls(deps.db, ctx.community.communityId, 1);
    const only = all.open.length === 1 ? all.open[0] : all.open.length === 0 ? all.closed[0] : undefined;
    if (!only) {
      if (all.open.length) return ctx.reply(t.vote.whichPollResults(all.open.map((p) => `#${p.pollNo} ${p.title}`)));
      return ctx.reply(t.polls.none);
    }
    no = only.pollNo;
  }
  const poll = await pickPoll(ctx, no);
  if (!poll) return;
  const tz = tzOf(ctx);
  const tally = await pollTally(deps.db, poll);
  const hidden = poll.status === 'open' && poll.hideResults;
  const lines = [renderResults(t, poll, tally, tz, { hidden })];
  if (!hidden) lines.push(...(await channelNote(deps.db, t, poll)));
  if (poll.status === 'open' && ctx.msg.chatKind === 'private' && ctx.isCommittee()) {
    const u = await notVotedUnits(deps.db, poll, 100);
    lines.push(t.results.unvoted(u.total, u.labels));
  }
  ctx.reply(lines.join('\n'));
}

async function handleClose(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!ctx.community) return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notLinked : t.common.notMemberPrivate);
  if (!ctx.member || !ctx.isChair()) return ctx.reply(t.common.notChair);
  const no = asNumber(cmd.argv[0]);
  if (no == null) return ctx.reply(t.close.usage);
  const poll = await pickPoll(ctx, no);
  if (!poll) return;
  const r = await closePoll(deps.db, deps.clock, { pollId: poll.pollId, actor: ctx.member });
  if (!r.ok) return ctx.reply(r.code === 'not-chair' ? t.common.notChair : t.close.already(no));
  // The card loses its buttons at once; the result goes to every group ahead of acknowledgements.
  ctx.effects.push(...(await closedPollEffects(deps.db, r.poll, ctx.community)));
  if (ctx.msg.chatKind === 'private') ctx.reply(t.close.closedPrivately(r.poll.pollNo));
}

async function handlePolls(ctx: Ctx): Promise<void> {
  const { t, deps } = ctx;
  if (!ctx.community) return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notLinked : t.common.notMemberPrivate);
  const tz = tzOf(ctx);
  const { open, closed } = await listPolls(deps.db, ctx.community.communityId, 5);
  if (!open.length && !closed.length) return ctx.reply(t.polls.none);
  const lines: string[] = [];
  if (open.length) lines.push(t.polls.open, ...open.map((p) => t.polls.line(p.pollNo, p.title, t.polls.until(formatLocal(p.closesAt, tz)))));
  const outcome = (p: Poll) => (p.rule === 'simple' && p.result?.voted.heads === 0 ? t.results.noVotes : t.outcomeName(p.outcome as 'passed'));
  if (closed.length) lines.push(t.polls.closed, ...closed.map((p) => t.polls.line(p.pollNo, p.title, outcome(p))));
  ctx.reply(lines.join('\n'));
}

export const pollHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    switch (cmd.name) {
      case 'poll':
        return handlePoll(ctx, cmd);
      case 'vote':
        return handleVote(ctx, cmd);
      case 'results':
        return handleResults(ctx, cmd);
      case 'close':
        return handleClose(ctx, cmd);
      default:
        return handlePolls(ctx);
    }
  },
  /** `v:POLL:OPTION`, the card's vote buttons. */
  async onButton(ctx, data) {
    const m = /^v:(\d{1,12}):(\d{1,12})$/.exec(data);
    const pollId = m ? Number(m[1]) : NaN;
    const optionNo = m ? Number(m[2]) : NaN;
    // Button data comes from outside: numbers a database integer cannot hold are refused here.
    if (!m || !(pollId >= 1 && pollId <= INT4_MAX) || !(optionNo >= 1 && optionNo <= INT4_MAX)) return ctx.toast(ctx.t.vote.badButton);
    const poll = await ctx.deps.services.votePolls.byId(pollId);
    if (!poll || (ctx.community && poll.communityId !== ctx.community.communityId)) return ctx.toast(ctx.t.vote.noOpenPoll);
    if (optionNo > poll.options.length) return ctx.toast(ctx.t.vote.badButton);
    await vote(ctx, poll, optionNo, 'button');
  },
};
