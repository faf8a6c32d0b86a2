/** What polls say beyond one command: refusals of a vote or a poll, the options in hints, and a new poll's card (the topics' and the desk's polls say them too). */
import { formatLocal } from '../../app/local-time.js';
import { getPoll, type OpenPollResult, type Poll, type VoteResult } from '../../app/polls.js';
import type { Ctx } from '../../chat/context.js';
import { groupT, tzOf } from '../../chat/feature-kit.js';
import type { Catalogue } from '../../chat/i18n/index.js';
import { pollButtons, renderPollCard } from '../../chat/render-poll.js';

/** The sentence for a ballot that was not recorded (nothing for a redelivered update). */
export async function voteRefusal(ctx: Ctx, poll: Poll, code: Exclude<VoteResult, { ok: true }>['code'], say: (text: string) => void): Promise<void> {
  const { t, msg, deps } = ctx;
  const inGroup = msg.chatKind === 'group';
  switch (code) {
    case 'duplicate':
      return;
    case 'bad-option':
      return say(t.vote.badOption(optionList(poll), poll.pollNo));
    case 'poll-closed': {
      const fresh = (await getPoll(deps.db, poll.pollId)) ?? poll;
      return say(t.vote.closed(poll.pollNo, t.outcomeName(fresh.outcome === 'open' ? 'open' : (fresh.outcome as 'passed'))));
    }
    case 'final-cast':
      return say(t.vote.final(poll.pollNo));
    case 'not-open-yet':
      return say(t.matters.notOpenYet(poll.pollNo, formatLocal(poll.opensAt, tzOf(ctx))));
    case 'out-of-scope':
      return say(t.matters.outOfScope(poll.pollNo, poll.scope ?? ''));
    case 'owners-only':
      return say(t.vote.ownersOnly(poll.pollNo, t.ruleName(poll.rule)));
    case 'not-member':
    case 'not-bound':
      return say(inGroup ? t.common.notBound : t.common.notMemberPrivate);
  }
}

/** A poll's options as listed in hints, numbered or lettered as they were written. */
export const optionList = (poll: Poll) => poll.options.map((o, i) => `${poll.optionLetters ? String.fromCharCode(65 + i) : i + 1}. ${o}`);

/** The sentence for a poll text that could not be read. */
export function pollParseErrorText(t: Catalogue, code: string): string {
  return t.poll.parseError[code] ?? t.matters.parseError[code] ?? '';
}

/** The sentence for a poll that was not opened. */
export function pollRefusal(t: Catalogue, r: Extract<OpenPollResult, { ok: false }>, tz = 'Asia/Shanghai'): string {
  const m = t.matters;
  switch (r.code) {
    case 'matter-rule-weaker':
      return m.weaker(m.name(r.matter ?? 9), t.ruleName(r.rule), t.ruleName(r.needs), m.ruleWord(r.needs));
    case 'matter-rule-stronger':
      return m.stronger(m.name(r.matter ?? 9), t.ruleName(r.rule), t.ruleName(r.needs), m.ruleWord(r.needs));
    case 'major-without-matter':
      return m.majorWithoutMatter;
    case 'open-now-unconfirmed':
      return m.openNowUnconfirmed(r.noticeDays);
    case 'open-too-early':
      return m.openTooEarly(formatLocal(r.earliest, tz));
    case 'scope-empty':
      return m.scopeEmpty('');
  }
  if (r.code === 'not-committee') return t.common.notCommittee;
  if (r.code === 'bad-deadline') return t.poll.parseError['bad-deadline']!;
  if (r.code === 'deadline-past') return t.poll.deadlinePast;
  if (r.code === 'deadline-too-far') return t.poll.deadlineTooFar;
  return t.poll.noRoster;
}

/** Announces a newly opened poll's card in every group of its community (buttons where the platform has them). */
export function announcePollCard(ctx: Ctx, poll: Poll): void {
  const tz = tzOf(ctx);
  const buttons = pollButtons(poll);
  // Announcements speak the community's language, whoever opened the poll.
  const t = groupT(ctx);
  ctx.announce(poll.communityId, renderPollCard(t, poll, tz, { buttons: Boolean(buttons) }), {
    ...(buttons ? { buttons } : {}),
    textWithoutButtons: renderPollCard(t, poll, tz, { buttons: false }),
    page: { pollId: poll.pollId },
    track: { pollId: poll.pollId },
  });
}

