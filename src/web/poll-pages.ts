import { publicationList, receiptsOf } from '../app/ballot-entry.js';
import type { Member } from '../app/members.js';
import type { VoteResult } from '../app/polls.js';
import { getCommunity } from '../app/communities.js';
import { formatLocal } from '../app/local-time.js';
import { getPoll, pollTally, type Poll } from '../app/polls.js';
import type { Catalogue } from '../chat/i18n/index.js';
import { matterLines, renderResults, renderTurnout, outcomeWords, timeLines } from '../chat/render-poll.js';
import type { Db } from '../db/client.js';
import { ruleSource } from '../domain/tally.js';
import { html, paragraphs, type Html } from './layout.js';
import { checkReceipt } from '../app/receipts.js';
import { linkKeyOf, pagePath } from './links.js';

export interface PageDeps {
  db: Db;
  now: () => Date;
}

/** Who is looking: a signed-in member and the form token of their session. */
export interface Viewer {
  member: Member;
  csrf: string;
}

/** Why a vote from the page was not recorded: the chat's own words for the same refusal. */
export function refusalText(t: Catalogue, poll: Poll, code: Exclude<VoteResult, { ok: true }>['code'] | 'other-community' | 'form', tz: string): string {
  switch (code) {
    case 'other-community':
      return t.web.otherCommunity;
    case 'form':
      return t.web.formExpired;
    case 'bad-option':
      return t.vote.badOption(poll.options.map((o, i) => `${i + 1}. ${o}`), poll.pollNo);
    case 'poll-closed':
      return t.vote.closed(poll.pollNo, t.outcomeName(poll.outcome === 'open' ? 'open' : (poll.outcome as 'passed')));
    case 'final-cast':
      return t.vote.final(poll.pollNo);
    case 'not-open-yet':
      return t.matters.notOpenYet(poll.pollNo, formatLocal(poll.opensAt, tz));
    case 'out-of-scope':
      return t.matters.outOfScope(poll.pollNo, poll.scope ?? '');
    case 'owners-only':
      return t.vote.ownersOnly(poll.pollNo, t.ruleName(poll.rule));
    case 'duplicate':
    case 'not-member':
    case 'not-bound':
      return t.common.notMemberPrivate;
  }
}

/** The household's own vote and, while it may vote, a button per option (forms that POST with the session's token). */
async function voteSection(deps: PageDeps, t: Catalogue, poll: Poll, key: string, viewer: Viewer | null, notice: string | null): Promise<Html> {
  if (!viewer) return html``;
  if (viewer.member.communityId !== poll.communityId) return html`<section class="box" id="vote"><p class="answer">${t.web.otherCommunity}</p></section>`;
  const unitId = viewer.member.unitId;
  const mine = unitId ? (await receiptsOf(deps.db, poll, unitId)).find((r) => r.counted) : undefined;
  const votedLine = mine ? (poll.secret ? t.web.youVotedSecret(mine.code) : t.web.youVoted(poll.options[mine.optionNo - 1] ?? String(mine.optionNo), mine.code)) : null;
  const canVote = poll.status === 'open' && unitId !== null && !(mine && poll.final);
  return html`<section class="box" id="vote">
<h2>${t.web.yourVote}</h2>
${notice ? html`<p class="answer" role="status">${notice}</p>` : ''}
${votedLine && votedLine !== notice ? html`<p>${votedLine}</p>` : ''}
${canVote
  ? html`<p>${mine ? t.web.changeVote : t.web.notVotedYet}</p>
${poll.options.map(
  (o, i) => html`<form method="post" action="/p/${key}/vote" class="vote">
<input type="hidden" name="csrf" value="${viewer.csrf}"><input type="hidden" name="option" value="${i + 1}">
<button type="submit">${t.web.voteButton(i + 1, o)}</button>
</form>`,
)}`
  : ''}
</section>`;
}

/** What a poll's page and its publication page show, in words of the catalogue. */
export interface PollView {
  poll: Poll;
  title: string;
  body: Html;
}

function statusOf(t: Catalogue, poll: Poll, now: Date, tz: string, result: Parameters<typeof outcomeWords>[1]): string {
  if (poll.status === 'closed') return t.web.statusClosed(outcomeWords(t, result));
  if (poll.opensAt.getTime() > now.getTime()) return t.web.statusNotYet(formatLocal(poll.opensAt, tz));
  return t.web.statusOpen;
}

function receiptForm(t: Catalogue, lang: string, answer: string | null, typed: string): Html {
  return html`<section class="box" id="receipt">
<h2>${t.web.receiptHeading}</h2>
<p>${t.web.receiptHelp}</p>
<form method="get" action="#receipt">
<input type="hidden" name="lang" value="${lang}">
<label for="code">${t.web.receiptLabel}</label>
<input type="text" id="code" name="code" value="${typed}" autocomplete="off" inputmode="text" maxlength="40">
<p><button type="submit">${t.web.receiptButton}</button></p>
</form>
${answer ? html`<p class="answer" role="status">${answer}</p>` : ''}
</section>`;
}

async function receiptAnswer(t: Catalogue, db: Db, poll: Poll, typed: string | undefined): Promise<string | null> {
  if (typed === undefined || typed.trim() === '') return null;
  const r = await checkReceipt(db, poll.pollId, typed.slice(0, 40));
  if (r.kind === 'bad') return t.web.receiptBad;
  if (r.kind === 'counted') return t.web.receiptCounted(r.code);
  if (r.kind === 'replaced') return t.web.receiptReplaced(r.code);
  return t.web.receiptUnknown(r.code);
}

/**
 * A poll's page (SPEC §13): title, matter and rule in words, scope, notice, opening, deadline,
 * options, live turnout, and the tally only where the poll shows it (not while results are hidden).
 * A secret poll's page shows nobody's choice; no page ever does.
 */
export async function pollPage(
  deps: PageDeps,
  t: Catalogue,
  link: { pollId: number; key: string },
  query: { code?: string; lang: string; notice?: string | null },
  viewer: Viewer | null = null,
): Promise<PollView | null> {
  const pollId = link.pollId;
  const poll = await getPoll(deps.db, pollId);
  if (!poll) return null;
  const community = await getCommunity(deps.db, poll.communityId);
  const tz = community?.timezone ?? 'Asia/Shanghai';
  const result = await pollTally(deps.db, poll);
  const hidden = poll.status === 'open' && poll.hideResults;
  const resultLines = renderResults(t, poll, result, tz, { hidden }).split('\n').slice(1);
  const publication = poll.status === 'closed' ? await linkKeyOf(deps.db, poll, 'publication', deps.now()) : null;
  const answer = await receiptAnswer(t, deps.db, poll, query.code);
  const about = [t.poll.cardRule(t.ruleName(poll.rule), ruleSource(poll.rule)), ...matterLines(t, poll), ...timeLines(t, poll, tz)];
  // The results repeat the rule, matter and deadline for chat; here they stand above once.
  const tallyLines = resultLines.filter((l) => !about.includes(l) && l !== t.results.rule(t.ruleName(poll.rule), ruleSource(poll.rule)) && l !== t.results.deadline(formatLocal(poll.closesAt, tz)));
  const body = html`<p>${t.web.pollHeading(poll.pollNo)} · ${community?.name ?? ''}</p>
<h1>${poll.title}</h1>
<p class="status">${statusOf(t, poll, deps.now(), tz, result)}</p>
${paragraphs(about)}
${poll.articles?.length ? paragraphs(poll.articles) : ''}
<h2>${t.web.options}</h2>
<ol class="options">${poll.options.map((o) => html`<li>${o}</li>`)}</ol>
<h2>${poll.status === 'closed' ? t.web.finalResults : hidden ? t.web.turnout : t.web.results}</h2>
${paragraphs(hidden ? [...renderTurnout(t, result), t.results.hidden] : tallyLines)}
${publication ? html`<p><a class="button" href="${pagePath('publication', publication)}?lang=${query.lang}">${t.web.publicationLink}</a></p>` : ''}
${await voteSection(deps, t, poll, link.key, viewer, query.notice ?? null)}
${poll.status === 'open' && !viewer
  ? html`<h2>${t.web.howToVote}</h2><p>${poll.secret ? t.web.howToVoteSecret(poll.pollNo) : t.web.howToVoteText(poll.pollNo)}</p>
<p><a class="button" href="/signin?lang=${query.lang}&amp;p=${link.key}">${t.web.signInToVote}</a></p>`
  : ''}
${receiptForm(t, query.lang, answer, query.code ?? '')}`;
  return { poll, title: poll.title, body };
}

/**
 * A closed poll's result and publication list (公示): per counted holder the units, area, receipt
 * code, the option for open ballots, and how it was cast; never names. Null while the poll is open.
 */
export async function publicationPage(deps: PageDeps, t: Catalogue, link: { pollId: number }, query: { code?: string; lang: string }): Promise<PollView | null> {
  const pollId = link.pollId;
  const poll = await getPoll(deps.db, pollId);
  if (!poll || poll.status !== 'closed') return null;
  const community = await getCommunity(deps.db, poll.communityId);
  const tz = community?.timezone ?? 'Asia/Shanghai';
  const result = await pollTally(deps.db, poll);
  const list = await publicationList(deps.db, poll);
  const answer = await receiptAnswer(t, deps.db, poll, query.code);
  const withOption = !poll.secret;
  const channel = (c: string) => t.matters.channelName(c as Parameters<Catalogue['matters']['channelName']>[0]);
  const body = html`<p>${community?.name ?? ''}</p>
<h1>${t.web.publicationHeading(poll.pollNo)}</h1>
<p><strong>${poll.title}</strong></p>
${paragraphs(renderResults(t, poll, result, tz, { hidden: false }).split('\n').slice(1))}
<h2>${t.web.publicationHeading(poll.pollNo)}</h2>
<p>${t.web.publicationIntro}${withOption ? t.web.publicationIntroOpen : ''}${t.web.publicationIntroTail}</p>
${list.length
  ? html`<div class="table"><table>
<thead><tr><th>${t.web.colUnit}</th><th>${t.web.colArea}</th><th>${t.web.colReceipt}</th>${withOption ? html`<th>${t.web.colOption}</th>` : ''}<th>${t.web.colChannel}</th></tr></thead>
<tbody>${list.map((r) => html`<tr><td>${r.units}</td><td>${r.areaM2}</td><td>${r.receipt}</td>${withOption ? html`<td>${r.option ?? ''}</td>` : ''}<td>${channel(r.channel)}</td></tr>`)}</tbody>
</table></div>`
  : html`<p>${t.web.noBallots}</p>`}
${receiptForm(t, query.lang, answer, query.code ?? '')}`;
  return { poll, title: t.web.publicationHeading(poll.pollNo), body };
}
