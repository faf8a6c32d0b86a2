import type { MatterItem } from '../domain/matters.js';
import { isOwnerRule, ruleSource, type TallyResult } from '../domain/tally.js';
import { formatLocal } from '../app/local-time.js';
import type { Poll } from '../app/polls.js';
import { formatArea, type Catalogue } from './i18n/index.js';
import type { Button } from './model.js';

/** The poll's announcement card: title, rule, deadline, options, how to vote. */
export function renderPollCard(t: Catalogue, poll: Poll, tz: string, opts: { buttons: boolean; tally?: TallyResult }): string {
  const lines = [t.poll.card(poll.pollNo, poll.title), t.poll.cardRule(t.ruleName(poll.rule), ruleSource(poll.rule)), ...matterLines(t, poll), ...timeLines(t, poll, tz)];
  if (poll.articles?.length) lines.push(...poll.articles);
  // Without buttons (WeChat, read on phones) the options share one line to keep the card short.
  const options = poll.options.map((o, i) => `${i + 1}. ${o}`);
  if (opts.buttons || opts.tally) lines.push(...options);
  else lines.push(options.join('　'));
  if (opts.tally) lines.push(...renderTurnout(t, opts.tally));
  lines.push(opts.buttons ? t.poll.cardHowTo(poll.pollNo, poll.secret) : t.poll.cardHowToNoButtons(poll.pollNo, poll.secret));
  return lines.join('\n');
}

/** When voting opens (after the notice period), the deadline and the poll's flags, as the card says them. */
export function timeLines(t: Catalogue, poll: Poll, tz: string): string[] {
  const lines: string[] = [];
  const noticeDays = Math.round((poll.opensAt.getTime() - poll.openedAt.getTime()) / 86_400_000);
  if (noticeDays >= 1) lines.push(t.matters.opensLine(formatLocal(poll.opensAt, tz), noticeDays));
  else if (poll.opensAt.getTime() > poll.openedAt.getTime() + 60_000) lines.push(t.matters.opensLineSimple(formatLocal(poll.opensAt, tz)));
  if (poll.noticeWaived) lines.push(t.matters.waived);
  lines.push(t.poll.cardDeadline(formatLocal(poll.closesAt, tz)));
  const flags = [poll.secret && t.poll.flagSecret, poll.hideResults && t.poll.flagHidden, poll.final && t.poll.flagFinal].filter(Boolean) as string[];
  if (flags.length) lines.push(t.poll.cardFlags(flags));
  return lines;
}

/** The matter of Art. 278 and the scope a poll is decided in. */
export function matterLines(t: Catalogue, poll: Poll): string[] {
  const lines: string[] = [];
  if (poll.matter) lines.push(t.matters.card(poll.matter as MatterItem));
  if (poll.scope) lines.push(t.matters.scopeLine(poll.scope, poll.eligibleHeads));
  return lines;
}

/** Inline buttons for the options (not for secret polls, which are voted in private). */
export function pollButtons(poll: Poll): Button[][] | undefined {
  if (poll.secret || poll.status !== 'open') return undefined;
  return poll.options.map((o, i) => [{ label: `${i + 1}. ${o}`, data: `v:${poll.pollId}:${i + 1}` }]);
}

/** Turnout by area and heads against the thresholds. */
export function renderTurnout(t: Catalogue, r: TallyResult): string[] {
  if (isOwnerRule(r.rule)) {
    return [
      t.results.turnoutOwners(
        formatArea(r.voted.areaCenti),
        formatArea(r.eligible.areaCenti),
        r.voted.heads,
        r.eligible.heads,
        Boolean(r.turnoutMet.area),
        r.turnoutMet.heads,
        t.results.threshold(r.turnoutRule.heads.num, r.turnoutRule.heads.den, r.turnoutRule.heads.strict),
      ),
    ];
  }
  if (r.rule === 'residents') return [t.results.turnoutResidents(r.voted.heads, r.eligible.heads, r.turnoutMet.heads)];
  return [t.results.turnoutSimple(r.voted.heads, r.eligible.heads)];
}

/** A tally's outcome in words: a survey nobody answered has no votes (it is not a tie). */
export function outcomeWords(t: Catalogue, r: TallyResult): string {
  return r.rule === 'simple' && r.voted.heads === 0 ? t.results.noVotes : t.outcomeName(r.outcome);
}

/** The full results text: rule and source, turnout, each option's area and heads, the outcome. */
export function renderResults(t: Catalogue, poll: Poll, r: TallyResult, tz: string, opts: { hidden: boolean; compact?: boolean }): string {
  const noVotes = poll.status === 'closed' && r.rule === 'simple' && r.voted.heads === 0;
  const status = noVotes ? t.results.noVotes : t.outcomeName(poll.status === 'open' ? 'open' : (poll.outcome as 'passed'));
  const lines = [t.results.header(poll.pollNo, poll.title, status), t.results.rule(t.ruleName(poll.rule), ruleSource(poll.rule)), ...matterLines(t, poll)];
  if (poll.noticeWaived) lines.push(t.matters.waived);
  if (poll.rule === 'residents' && !opts.compact) lines.push(t.matters.residentsLaw);
  lines.push(...renderTurnout(t, r));
  if (opts.hidden) {
    lines.push(t.results.hidden, t.results.deadline(formatLocal(poll.closesAt, tz)));
    return lines.join('\n');
  }
  const owners = isOwnerRule(poll.rule);
  const optionLines = r.options.map((o) => {
    const text = poll.options[o.optionNo - 1] ?? String(o.optionNo);
    return owners ? t.results.optionOwners(o.optionNo, text, formatArea(o.areaCenti), o.heads, o.passed) : t.results.optionHouseholds(o.optionNo, text, o.heads, o.passed);
  });
  // A few lines for phones (compact): the options share one line and the pass rule is left to /results.
  if (opts.compact && poll.status === 'closed') lines.push(t.results.joinOptions(optionLines));
  else {
    lines.push(...optionLines);
    if (poll.rule === 'owners-general') lines.push(t.results.passRule(t.results.passOwnersGeneral));
    if (poll.rule === 'owners-major') lines.push(t.results.passRule(t.results.passOwnersMajor));
    if (poll.rule === 'residents') lines.push(t.results.passRule(t.results.passResidents));
  }
  if (poll.status === 'closed') {
    lines.push(t.results.outcome(outcomeWords(t, r)));
    const names = r.winners.map((n) => poll.options[n - 1] ?? String(n));
    if (r.outcome === 'tie' && names.length) lines.push(t.results.tie(names));
    else if (names.length && r.outcome !== 'failed' && r.outcome !== 'invalid') lines.push(t.results.winner(names.join('、')));
  } else {
    lines.push(t.results.deadline(formatLocal(poll.closesAt, tz)));
  }
  return lines.join('\n');
}
