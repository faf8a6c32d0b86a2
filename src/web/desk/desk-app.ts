import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { entryChannel, findUnitByLabel, grantProxy } from '../../app/ballot-entry.js';
import { enteredBallotNotes } from '../../features/ballots/notes.js';
import { confirmBallot, confirmationsOf } from '../../app/ballot-confirmations.js';
import { boundMembers, enteredBallots, turnoutByEntrance } from '../../app/ballot-overview.js';
import { getCommunity, type Community } from '../../app/communities.js';
import { conventionDraftFor } from '../../app/conventions.js';
import { addFaq, pendingQuestions } from '../../app/faq.js';
import { formatLocal } from '../../app/local-time.js';
import { findMember, type Member } from '../../app/members.js';
import { castVote, closePoll, getPollByNo, listPolls, openPoll, type Poll } from '../../app/polls.js';
import { pendingAnsweredBy } from '../../app/questions.js';
import { scheduleOf, syncReminders } from '../../app/reminders.js';
import { importUnits } from '../../app/roster.js';
import type { CsvRowError } from '../../app/csv.js';
import { pollParseErrorText, pollRefusal } from '../../features/polls/say.js';
import { closedPollEffects } from '../../chat/poll-result.js';
import { asWritten } from '../../chat/free-text.js';
import { catalogue, formatArea, localeFor, type Catalogue } from '../../chat/i18n/index.js';
import type { Effect, Locale, Platform } from '../../chat/model.js';
import { matchOption, parsePollText } from '../../chat/parse-poll.js';
import { renderPollCard, pollButtons } from '../../chat/render-poll.js';
import { pollNotice } from '../../chat/render-notice.js';
import { toCsv } from '../../cli/output.js';
import { deskReports, loadReport, receiptsReport } from '../../cli/reports.js';
import { receiptCode } from '../../domain/receipt.js';
import type { Db } from '../../db/client.js';
import { html, page, type Html } from '../layout.js';
import { linkKeyOf, pagePath } from '../links.js';
import { csrfMatches, csrfTokenOf, redeemSignInLink, sessionMember, SESSION_COOKIE } from '../sessions.js';
import { refusalText } from '../poll-pages.js';
import { DESK_CSS } from './desk-css.js';
import { rosterReason } from './roster-reasons.js';
import { MANIFESTS } from '../../features/index.js';
import { reminderKindLabel } from '../../features/registry.js';
import { formOf, localeOf, setSessionCookie } from '../request.js';

export interface DeskDeps {
  db: Db;
  now: () => Date;
  publicUrl: () => string;
  /**
   * Runs an action of a community's desk in one transaction, as a chat turn runs: `fn` makes the
   * change on `tx` and says what the chat command would say (cards, results, private notes) through
   * `say`, which writes outbox rows in that transaction; the change and its words are committed
   * together or not at all. Without it, an action runs in a transaction of `db` and says nothing.
   */
  commit?: DeskCommit;
}

/** What an action says, written to the outbox in the action's transaction. */
export type DeskSay = (effects: Effect[]) => Promise<void>;
export type DeskCommit = <T>(communityId: number, fn: (tx: Db, say: DeskSay) => Promise<T>) => Promise<T>;

/** Who is at the desk: a committee member or the chair of the community in the address, checked on every request. */
interface Desk {
  member: Member;
  community: Community;
  csrf: string;
  t: Catalogue;
  locale: Locale;
  tz: string;
  /** The desk's address of this community, e.g. `/desk/3`. */
  base: string;
}

type Env = { Variables: { desk: Desk; form: Record<string, string | File> } };

const MAX_UPLOAD = 5 * 1024 * 1024;
const MAX_FIELD = 20_000;

/** The address with `lang` set. */
const withLang = (path: string, locale: Locale, extra = ''): string => `${path}${path.includes('?') ? '&' : '?'}lang=${locale}${extra}`;

/** Roster files saved by Excel on a Chinese Windows are GB18030 (GBK); everything else is UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const field = (form: Record<string, string | File>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v.slice(0, MAX_FIELD) : '';
};

/**
 * The committee's desk (SPEC §13), mounted at `/desk` of the pages: roster upload, opening and
 * closing polls with the chat's parser and rules, turnout by building and entrance, paper, assisted
 * and proxy ballots with who entered them, notices, CSV exports, the reminders schedule and the
 * unanswered questions. Every action calls the app function its chat command calls, so it writes
 * the same audit entry; the member's role and community are read afresh on every request.
 */
export function deskApp(deps: DeskDeps): Hono<Env> {
  const app = new Hono<Env>();
  const clock = { now: deps.now };
  const secure = () => deps.publicUrl().startsWith('https:');

  const shell = (c: Context, t: Catalogue, locale: Locale, title: string, body: Html, path?: string) => {
    const u = new URL(c.req.url);
    const other = withLang(path ?? u.pathname, locale === 'en' ? 'zh-CN' : 'en');
    return c.html(page(t, { title, body: html`<link rel="stylesheet" href="/desk/desk.css">${body}`, otherLanguage: other }));
  };
  const refuse = (c: Context, status: 403 | 404 | 410 | 413, text: string, title?: string) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.status(status);
    c.header('cache-control', 'no-store');
    return shell(c, t, locale, title ?? t.desk.title, html`<h1>${title ?? t.desk.title}</h1><p>${text}</p>`, '/desk');
  };

  app.get('/desk.css', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(DESK_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  // A desk sign-in link: the same single-use link and session as `/web`'s, landing on the desk.
  app.get('/s/:token', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    const session = await redeemSignInLink(deps.db, c.req.param('token'), deps.now());
    if (!session) return refuse(c, 410, t.desk.linkInvalid, t.web.linkInvalidTitle);
    setSessionCookie(c, session, secure());
    return c.redirect(withLang('/desk', locale), 303);
  });

  app.get('/', async (c) => {
    const t = catalogue(localeOf(c));
    const member = await sessionMember(deps.db, getCookie(c, SESSION_COOKIE), deps.now());
    if (!member) return refuse(c, 403, t.desk.notSignedIn);
    if (member.role !== 'committee' && member.role !== 'chair') return refuse(c, 403, t.desk.notCommittee);
    return c.redirect(withLang(`/desk/${member.communityId}`, localeOf(c)), 303);
  });

  // Every page of a community's desk: a session, of a committee member or the chair, of this community;
  // and every form: its session's token.
  const guard: MiddlewareHandler<Env> = async (c, next) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.header('cache-control', 'no-store');
    const session = getCookie(c, SESSION_COOKIE);
    const member = await sessionMember(deps.db, session, deps.now());
    if (!member) return refuse(c, 403, t.desk.notSignedIn);
    if (member.role !== 'committee' && member.role !== 'chair') return refuse(c, 403, t.desk.notCommittee);
    if (String(member.communityId) !== c.req.param('cid')) return refuse(c, 403, t.desk.otherCommunity);
    const community = await getCommunity(deps.db, member.communityId);
    if (!community) return refuse(c, 404, t.web.notFound, t.web.notFoundTitle);
    if (c.req.method === 'POST') {
      const form = await formOf(c);
      if (!csrfMatches(session, form.csrf)) return refuse(c, 403, t.web.formExpired, t.web.formExpired);
      c.set('form', form);
    }
    c.set('desk', { member, community, csrf: csrfTokenOf(session!), t, locale, tz: community.timezone, base: `/desk/${community.communityId}` });
    await next();
  };
  const limit = bodyLimit({ maxSize: MAX_UPLOAD, onError: (c) => refuse(c, 413, catalogue(localeOf(c)).desk.tooLarge) });
  // (`/:cid/*` takes `/:cid` itself too.)
  app.use('/:cid{[0-9]+}/*', limit, guard);

  /** An action's change and what it says in chats (the groups' card and result, private notes): one commit. */
  const commit: DeskCommit =
    deps.commit ?? ((_communityId, fn) => deps.db.transaction((tx) => fn(tx as unknown as Db, async () => {})));
  const groupT = (d: Desk) => catalogue(d.community.locale === 'en' ? 'en' : 'zh-CN');
  const actorOf = (d: Desk) => `${d.member.platform}:${d.member.userId}`;
  const csrfInput = (d: Desk) => html`<input type="hidden" name="csrf" value="${d.csrf}">`;
  const top = (d: Desk, home = false) =>
    html`<p class="desk-top"><span>${d.t.desk.signedInAs(d.community.name, d.member.displayName || d.member.unitLabel || actorOf(d), d.t.desk.roleName(d.member.role))}</span>${home ? '' : html`<a href="${withLang(d.base, d.locale)}">${d.t.desk.back}</a>`}</p>`;
  const notice = (text: string | null | undefined) => (text ? html`<p class="notice" role="status">${text}</p>` : '');
  const problem = (text: string | null | undefined) => (text ? html`<div class="problem" role="alert"><p>${text}</p></div>` : '');
  const view = (c: Context<Env>, title: string, body: Html, path?: string) => {
    const d = c.get('desk');
    return shell(c, d.t, d.locale, title, body, path);
  };

  // The desk's home: what there is to do, and the polls.
  app.get('/:cid{[0-9]+}', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    const { open, closed } = await listPolls(deps.db, d.community.communityId, 10);
    const pending = (await pendingQuestions(deps.db, d.community.communityId)).length;
    const item = (p: Poll) => html`<li><a href="${withLang(`${d.base}/poll/${p.pollNo}`, d.locale)}">${t.desk.polls.line(p.pollNo, p.title)}</a></li>`;
    const link = (path: string, text: string) => html`<li><a href="${withLang(`${d.base}/${path}`, d.locale)}">${text}</a></li>`;
    const body = html`${top(d, true)}<h1>${t.desk.title}</h1>
<nav class="desk"><ul>
${link('open', t.desk.nav.openPoll)}
${link('roster', t.desk.nav.roster)}
${link('questions', `${t.desk.nav.questions}${pending ? ` (${pending})` : ''}`)}
${link('reminders', t.desk.nav.reminders)}
${link('exports', t.desk.nav.exports)}
${MANIFESTS.flatMap((m) => (m.desk ? [link(m.desk.path, m.desk.nav[d.locale])] : []))}
</ul></nav>
<h2>${t.desk.polls.open}</h2>
${open.length ? html`<ul class="polls">${open.map(item)}</ul>` : html`<p>${t.desk.polls.none}</p>`}
${closed.length ? html`<h2>${t.desk.polls.closed}</h2><ul class="polls">${closed.map(item)}</ul>` : ''}
<form method="post" action="/signout">${csrfInput(d)}<button type="submit">${t.web.signOut}</button></form>`;
    return view(c, t.desk.title, body);
  });

  // The roster: a CSV upload, with the CLI's line-by-line errors.
  const rosterPage = (c: Context<Env>, said?: { ok?: string; errors?: CsvRowError[]; problem?: string }) => {
    const d = c.get('desk');
    const t = d.t;
    const errors = said?.errors;
    const body = html`${top(d)}<h1>${t.desk.roster.heading}</h1>
${notice(said?.ok)}${problem(said?.problem)}
${errors ? html`<div class="problem" role="alert"><p>${t.desk.roster.failed(errors.length)}</p><ul class="errors">${errors.map((e) => html`<li>${t.desk.roster.row(e.row, rosterReason(e.reason, d.locale))}</li>`)}</ul></div>` : ''}
<p class="help">${t.desk.roster.help}</p>
<form class="desk" method="post" action="${withLang(`${d.base}/roster`, d.locale)}" enctype="multipart/form-data">
${csrfInput(d)}
<label for="file">${t.desk.roster.file}</label>
<input type="file" id="file" name="file" accept=".csv,text/csv">
<button type="submit">${t.desk.roster.button}</button>
</form>`;
    return view(c, t.desk.roster.heading, body, `${d.base}/roster`);
  };
  app.get('/:cid{[0-9]+}/roster', (c) => rosterPage(c));
  app.post('/:cid{[0-9]+}/roster', async (c) => {
    const d = c.get('desk');
    const file = c.get('form').file;
    if (!(file instanceof File) || file.size === 0) return rosterPage(c, { problem: d.t.desk.roster.noFile });
    const text = decodeText(new Uint8Array(await file.arrayBuffer()));
    const r = await importUnits(deps.db, clock, d.community.communityId, text, actorOf(d));
    if (!r.ok) return rosterPage(c, { errors: r.errors });
    return rosterPage(c, { ok: d.t.desk.roster.ok(r.imported) });
  });

  // Opening a poll: the chat's parser, the chat's rules, and the chat's refusals.
  const openPage = (c: Context<Env>, typed?: { title: string; lines: string; problem: string }) => {
    const d = c.get('desk');
    const t = d.t;
    const body = html`${top(d)}<h1>${t.desk.open.heading}</h1>
${problem(typed?.problem)}
<p class="help">${t.desk.open.help}</p>
<form class="desk" method="post" action="${withLang(`${d.base}/open`, d.locale)}">
${csrfInput(d)}
<label for="title">${t.desk.open.titleLabel}</label>
<input type="text" id="title" name="title" value="${typed?.title ?? ''}" maxlength="500">
<label for="lines">${t.desk.open.linesLabel}</label>
<textarea id="lines" name="lines" rows="8">${typed?.lines ?? ''}</textarea>
<button type="submit">${t.desk.open.button}</button>
</form>`;
    return view(c, t.desk.open.heading, body, `${d.base}/open`);
  };
  app.get('/:cid{[0-9]+}/open', (c) => openPage(c));
  app.post('/:cid{[0-9]+}/open', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    const form = c.get('form');
    const title = field(form, 'title').replace(/[\r\n]+/g, ' ');
    const text = field(form, 'lines');
    const lines = text.split(/\r\n?|\n/).map((l) => l.trim()).filter((l) => l !== '');
    const again = (why: string) => openPage(c, { title, lines: text, problem: why });
    if (!title.trim()) return again(t.poll.usage);
    const parsed = parsePollText(title, lines, { today: formatLocal(deps.now(), d.tz).slice(0, 10), ref: { now: deps.now(), timezone: d.tz } });
    if (!parsed.ok) return again(pollParseErrorText(t, parsed.code));
    let draft = parsed.draft;
    // A convention poll without articles takes the imported draft of that name (as in chat).
    if (draft.convention) {
      if (draft.articles.length) draft = { ...draft, articles: draft.articles.map(asWritten) };
      else {
        const found = await conventionDraftFor(deps.db, d.community.communityId, draft.title);
        if (!found) return again(t.convention.needArticles);
        draft = { ...draft, articles: found.articles };
      }
    }
    const gt = groupT(d);
    const r = await commit(d.community.communityId, async (tx, say) => {
      const r = await openPoll(tx, clock, { community: d.community, member: d.member, draft });
      if (!r.ok) return r;
      const poll = r.poll;
      const buttons = pollButtons(poll);
      await say([
        {
          kind: 'announce',
          communityId: poll.communityId,
          text: renderPollCard(gt, poll, d.tz, { buttons: Boolean(buttons) }),
          ...(buttons ? { buttons } : {}),
          textWithoutButtons: renderPollCard(gt, poll, d.tz, { buttons: false }),
          track: { pollId: poll.pollId },
        },
      ]);
      return r;
    });
    if (!r.ok) return again(r.code === 'scope-empty' ? t.matters.scopeEmpty(parsed.draft.scope ?? '') : pollRefusal(t, r, d.tz));
    const poll = r.poll;
    return c.redirect(withLang(`${d.base}/poll/${poll.pollNo}`, d.locale, '&done=opened'), 303);
  });

  // A poll at the desk: turnout by building and entrance, ballots entered, a proxy, the close, the notice.
  const pollOf = async (c: Context<Env>): Promise<Poll | null> => {
    const no = c.req.param('no');
    if (!no || !/^\d{1,6}$/.test(no)) return null;
    return getPollByNo(deps.db, c.get('desk').community.communityId, Number(no));
  };
  const pollPage = async (c: Context<Env>, poll: Poll, said?: { ok?: string; problem?: string; typed?: Record<string, string> }) => {
    const d = c.get('desk');
    const t = d.t;
    const p = t.desk.poll;
    const turnout = await turnoutByEntrance(deps.db, poll);
    const entered = await enteredBallots(deps.db, poll);
    const confirmed = await confirmationsOf(deps.db, poll);
    const open = poll.status === 'open';
    const proxies = open ? await boundMembers(deps.db, poll.communityId) : [];
    const key = await linkKeyOf(deps.db, poll, 'poll', deps.now());
    const base = `${d.base}/poll/${poll.pollNo}`;
    const done = c.req.query('done');
    const doneText = done === 'opened' ? t.desk.open.opened(poll.pollNo) : done === 'closed' ? p.closed(poll.pollNo) : null;
    const buildings = new Map<string, typeof turnout>();
    for (const r of turnout) buildings.set(r.building, [...(buildings.get(r.building) ?? []), r]);
    const sum = (rs: typeof turnout) => rs.reduce((a, r) => ({ units: a.units + r.units, voted: a.voted + r.voted, area: a.area + r.areaCenti, votedArea: a.votedArea + r.votedAreaCenti }), { units: 0, voted: 0, area: 0, votedArea: 0 });
    const cells = (s: ReturnType<typeof sum>) => html`<td class="num">${s.voted}/${s.units}</td><td class="num">${formatArea(s.votedArea)}/<wbr>${formatArea(s.area)}</td>`;
    const typed = said?.typed ?? {};
    const status = poll.status === 'closed' ? t.web.statusClosed(t.outcomeName(poll.outcome as 'passed')) : poll.opensAt.getTime() > deps.now().getTime() ? t.web.statusNotYet(formatLocal(poll.opensAt, d.tz)) : t.web.statusOpen;
    const body = html`${top(d)}<p>${p.heading(poll.pollNo)}</p><h1>${poll.title}</h1>
<p class="status">${status}</p>
${notice(said?.ok ?? doneText)}${problem(said?.problem)}
<p><a class="button" href="${withLang(`${base}/notice.pdf`, d.locale)}">${p.noticeLink}</a></p>
${poll.status === 'closed' ? html`<p><a class="button" href="${withLang(`${base}/receipts.csv`, d.locale)}">${p.receiptsLink}</a></p>` : ''}
<p><a href="${withLang(pagePath('poll', key), d.locale)}">${p.publicPage}</a></p>
<h2>${p.turnoutHeading}</h2>
<p class="help">${p.turnoutHelp}</p>
<div class="table"><table>
<thead><tr><th>${p.colEntrance}</th><th class="num">${p.colVoted}</th><th class="num">${p.colArea}</th></tr></thead>
<tbody>${[...buildings.entries()].map(
  ([b, rs]) => html`${rs.map((r) => html`<tr><td class="place">${r.entrance ? p.entrance(b, r.entrance) : p.building(b)}</td>${cells(sum([r]))}</tr>`)}${rs.length > 1 || rs[0]?.entrance ? html`<tr class="total"><td class="place">${p.building(b)}</td>${cells(sum(rs))}</tr>` : ''}`,
)}</tbody>
</table></div>
${open
  ? html`<section class="box" id="entry"><h2>${p.entryHeading}</h2>
<p class="help">${p.entryHelp}</p>
<form class="desk" method="post" action="${withLang(`${base}/ballot`, d.locale)}">
${csrfInput(d)}<input type="hidden" name="nonce" value="${randomUUID()}">
<label for="unit">${p.unitLabel}</label>
<input type="text" id="unit" name="unit" value="${typed.unit ?? ''}" maxlength="40" autocomplete="off">
<label for="option">${p.optionLabel}</label>
<select id="option" name="option">${poll.options.map((o, i) => html`<option value="${i + 1}"${typed.option === String(i + 1) ? ' selected' : ''}>${i + 1}. ${o}</option>`)}</select>
<label for="channel">${p.channelLabel}</label>
<select id="channel" name="channel"><option value="paper">${t.matters.channelName('paper')}</option><option value="assisted"${typed.channel === 'assisted' ? ' selected' : ''}>${t.matters.channelName('assisted')}</option></select>
<button type="submit">${p.entryButton}</button>
</form></section>`
  : ''}
<h2>${p.entered}</h2>
${entered.length
  ? html`<ul class="entered">${entered.map(
      (e) => {
        const by = confirmed.get(e.ballotId) ?? [];
        const mayConfirm = e.enteredById !== d.member.memberId && !by.some((x) => x.memberId === d.member.memberId);
        return html`<li><span class="unit">${e.unit}</span>${poll.secret ? '' : html` · ${poll.options[e.optionNo - 1] ?? ''}`} · ${t.matters.channelName(e.channel)}${e.counted ? '' : html` ${p.replaced}`}<br>${p.byLine(e.enteredBy, formatLocal(e.castAt, d.tz))}
${by.length ? html`<br><span class="confirmed">${p.confirmedBy(by.map((x) => x.name).join('、'))}</span>` : ''}
${mayConfirm ? html`<form class="desk confirm" method="post" action="${withLang(`${base}/confirm`, d.locale)}">${csrfInput(d)}<input type="hidden" name="receipt" value="${e.receipt}"><button type="submit" aria-label="${p.confirmLabel(e.unit)}">${p.confirmButton}</button></form>` : ''}</li>`;
      },
    )}</ul>`
  : html`<p>${p.noneEntered}</p>`}
${open
  ? html`<section class="box" id="proxy"><h2>${p.proxyHeading}</h2>
<p class="help">${p.proxyHelp}</p>
<form class="desk" method="post" action="${withLang(`${base}/proxy`, d.locale)}">
${csrfInput(d)}
<label for="owner">${p.proxyUnitLabel}</label>
<input type="text" id="owner" name="owner" value="${typed.owner ?? ''}" maxlength="40" autocomplete="off">
<label for="proxy-member">${p.proxyWhoLabel}</label>
<select id="proxy-member" name="proxy"><option value="">${p.proxyChoose}</option>${proxies.map((m) => html`<option value="${m.memberId}">${m.unit} ${m.name}</option>`)}</select>
<label class="check"><input type="checkbox" name="thisPoll" value="1" checked> ${p.proxyThisPoll}</label>
<button type="submit">${p.proxyButton}</button>
</form></section>
${d.member.role === 'chair'
  ? html`<section class="box" id="close"><h2>${p.closeHeading}</h2>
<p class="help">${p.closeHelp}</p>
<form class="desk" method="post" action="${withLang(`${base}/close`, d.locale)}">
${csrfInput(d)}
<button type="submit">${p.closeButton}</button>
</form></section>`
  : ''}`
  : ''}`;
    return view(c, `${p.heading(poll.pollNo)} ${poll.title}`, body, base);
  };
  const noPoll = (c: Context<Env>) => {
    const d = c.get('desk');
    c.status(404);
    return view(c, d.t.web.notFoundTitle, html`${top(d)}<h1>${d.t.web.notFoundTitle}</h1><p>${d.t.desk.poll.noSuchPoll(Number(c.req.param('no')) || 0)}</p>`);
  };

  app.get('/:cid{[0-9]+}/poll/:no', async (c) => {
    const poll = await pollOf(c);
    return poll ? pollPage(c, poll) : noPoll(c);
  });

  // A paper or assisted ballot (or a proxy's), as `代录 N 房号 选项`: who entered it is its member.
  app.post('/:cid{[0-9]+}/poll/:no/ballot', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    const poll = await pollOf(c);
    if (!poll) return noPoll(c);
    const form = c.get('form');
    const typed = { unit: field(form, 'unit').trim(), option: field(form, 'option'), channel: field(form, 'channel') };
    const again = (why: string) => pollPage(c, poll, { problem: why, typed });
    const unit = typed.unit ? await findUnitByLabel(deps.db, poll.communityId, typed.unit) : null;
    if (!unit) return again(typed.unit ? t.ballotEntry.noUnit(typed.unit) : t.ballotEntry.usage);
    const optionNo = /^\d{1,3}$/.test(typed.option) ? Number(typed.option) : matchOption(poll.options, typed.option);
    if (optionNo == null || optionNo < 1 || optionNo > poll.options.length) return again(t.vote.badOption(poll.options.map((o, i) => `${i + 1}. ${o}`), poll.pollNo));
    // The desk is the committee's (checked on every request).
    const channel = await entryChannel(deps.db, poll, unit.unitId, d.member, { committee: true, asked: typed.channel === 'assisted' ? 'assisted' : 'paper' });
    if (!channel) return again(t.ballotEntry.notAllowed(unit.label));
    // The form's own key: sent twice (a reload), it is one ballot.
    const nonce = /^[0-9a-f-]{36}$/.test(field(form, 'nonce')) ? field(form, 'nonce') : randomUUID();
    const option = poll.options[optionNo - 1]!;
    // Written in the action's transaction (not the instance's batch writer, which commits on its own),
    // so the ballot, its audit entry and the notes to the household are committed together.
    const r = await commit(poll.communityId, async (tx, say) => {
      const r = await castVote(tx, clock, {
        poll,
        platform: d.member.platform,
        userId: d.member.userId,
        optionNo,
        sourceKey: `desk:${nonce}`,
        forUnit: { unitId: unit.unitId, label: unit.label, channel },
      });
      if (!r.ok) return r;
      const code = receiptCode(r.ballotHash);
      const notes = await enteredBallotNotes(tx, poll, unit, { option, channel, code, by: d.member.displayName, enterer: d.member });
      await say([{ kind: 'card', pollId: poll.pollId }, ...notes]);
      return r;
    });
    if (!r.ok) {
      if (r.code === 'duplicate') return pollPage(c, poll);
      return again(refusalText(t, poll, r.code, d.tz));
    }
    const code = receiptCode(r.ballotHash);
    return pollPage(c, poll, { ok: t.ballotEntry.ok(poll.pollNo, unit.label, option, t.matters.channelName(channel), code) });
  });

  // A second member's confirmation of an entered ballot (SPEC §13): kept with who confirmed it, and audited.
  app.post('/:cid{[0-9]+}/poll/:no/confirm', async (c) => {
    const d = c.get('desk');
    const p = d.t.desk.poll;
    const poll = await pollOf(c);
    if (!poll) return noPoll(c);
    const r = await confirmBallot(deps.db, clock, { poll, receipt: field(c.get('form'), 'receipt'), member: d.member });
    if (r.ok) return pollPage(c, poll, { ok: p.confirmOk(r.unit) });
    return pollPage(c, poll, { problem: r.code === 'own-entry' ? p.confirmOwn : r.code === 'already' ? p.confirmAlready : p.confirmNoBallot });
  });

  // A signed authorisation recorded by the committee, as `委托 @someone 房号 [N]`.
  app.post('/:cid{[0-9]+}/poll/:no/proxy', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    const poll = await pollOf(c);
    if (!poll) return noPoll(c);
    const form = c.get('form');
    const typed = { owner: field(form, 'owner').trim() };
    const again = (why: string) => pollPage(c, poll, { problem: why, typed });
    const unit = typed.owner ? await findUnitByLabel(deps.db, poll.communityId, typed.owner) : null;
    if (!unit) return again(typed.owner ? t.ballotEntry.noUnit(typed.owner) : t.proxy.usage);
    const chosen = (await boundMembers(deps.db, poll.communityId)).find((m) => String(m.memberId) === field(form, 'proxy'));
    const proxy = chosen ? await findMember(deps.db, poll.communityId, chosen.platform as Platform, chosen.userId) : null;
    if (!proxy || proxy.unitId == null) return again(t.proxy.who);
    const only = field(form, 'thisPoll') === '1';
    const pt = catalogue(proxy.locale === 'en' ? 'en' : 'zh-CN');
    await commit(poll.communityId, async (tx, say) => {
      await grantProxy(tx, clock, { communityId: poll.communityId, unitId: unit.unitId, unitLabel: unit.label, proxy, pollId: only ? poll.pollId : null, pollNo: only ? poll.pollNo : null, grantedBy: d.member });
      await say([{ kind: 'private', platform: proxy.platform, userId: proxy.userId, text: pt.proxy.toProxy(unit.label, only ? poll.pollNo : null) }]);
    });
    return pollPage(c, poll, { ok: t.proxy.ok(proxy.displayName, unit.label, only ? poll.pollNo : null) });
  });

  // The close, as `结束表决 N` (the chair only): the card at once, the result to every group.
  app.post('/:cid{[0-9]+}/poll/:no/close', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    const poll = await pollOf(c);
    if (!poll) return noPoll(c);
    const r = await commit(poll.communityId, async (tx, say) => {
      const r = await closePoll(tx, clock, { pollId: poll.pollId, actor: d.member });
      if (r.ok) await say(await closedPollEffects(tx, r.poll, d.community));
      return r;
    });
    if (!r.ok) return pollPage(c, poll, { problem: r.code === 'not-chair' ? t.common.notChair : t.close.already(poll.pollNo) });
    return c.redirect(withLang(`${d.base}/poll/${poll.pollNo}`, d.locale, '&done=closed'), 303);
  });

  // The notice (公告) as the CLI's `notice COMMUNITY poll N --out FILE.pdf` prints it.
  app.get('/:cid{[0-9]+}/poll/:no/notice.pdf', async (c) => {
    const d = c.get('desk');
    const poll = await pollOf(c);
    if (!poll) return noPoll(c);
    const doc = await pollNotice(deps.db, groupT(d), d.community, poll, deps.now());
    // PDFKit and the CJK font are loaded when a notice is first asked for, not at the service's start.
    const { noticePdf } = await import('../../print/notice-pdf.js');
    const bytes = await noticePdf(doc);
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="notice-poll-${poll.pollNo}.pdf"` });
  });

  const csv = (c: Context<Env>, name: string, text: string) =>
    // A byte-order mark, so that Excel reads the Chinese as UTF-8.
    c.body(`\uFEFF${text}`, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });

  app.get('/:cid{[0-9]+}/poll/:no/receipts.csv', async (c) => {
    const d = c.get('desk');
    const poll = await pollOf(c);
    if (!poll || poll.status !== 'closed') return noPoll(c);
    return csv(c, `receipts-poll-${poll.pollNo}`, toCsv(await receiptsReport(deps.db, d.community, poll.pollNo)));
  });

  // The CSV exports, as `export COMMUNITY KIND`.
  app.get('/:cid{[0-9]+}/exports', (c) => {
    const d = c.get('desk');
    const t = d.t;
    const body = html`${top(d)}<h1>${t.desk.exports.heading}</h1>
<p class="help">${t.desk.exports.help}</p>
<nav class="desk"><ul>${deskReports().map((r) => html`<li><a href="${withLang(`${d.base}/export/${r.name}.csv`, d.locale)}">${r.label[d.locale]}（CSV）</a></li>`)}</ul></nav>
<p class="help">${t.desk.exports.receipts}</p>`;
    return view(c, t.desk.exports.heading, body);
  });
  app.get('/:cid{[0-9]+}/export/:file', async (c) => {
    const d = c.get('desk');
    const kind = c.req.param('file').replace(/\.csv$/, '');
    if (!deskReports().some((r) => r.name === kind)) return refuse(c, 404, d.t.web.notFound, d.t.web.notFoundTitle);
    return csv(c, kind, toCsv(await loadReport(deps.db, d.community, kind)));
  });

  // The reminders schedule, as `schedule COMMUNITY`.
  // The features' own desk pages (their manifests': repair requests, …), behind the same guard.
  for (const m of MANIFESTS) {
    const section = m.desk;
    if (!section) continue;
    const show = async (c: Context<Env>, form?: Record<string, string>) => {
      const d = c.get('desk');
      const render = await section.page();
      const path = withLang(`${d.base}/${section.path}`, d.locale);
      const viewOn = (db: Db, say: DeskSay) => ({ db, clock, community: d.community, member: d.member, locale: d.locale, path, csrfInput: csrfInput(d), say });
      // A POST acts: the page runs in one transaction, so its change and what it says are committed together.
      const { title, body } = form
        ? await commit(d.community.communityId, (tx, say) => render(viewOn(tx, say), form))
        : await render(viewOn(deps.db, (effects) => commit(d.community.communityId, (_tx, say) => say(effects))));
      return view(c, title, html`${top(d)}${body}`, `${d.base}/${section.path}`);
    };
    app.get(`/:cid{[0-9]+}/${section.path}`, (c) => show(c));
    app.post(`/:cid{[0-9]+}/${section.path}`, (c) => {
      const form = c.get('form');
      return show(c, Object.fromEntries(Object.keys(form).map((k) => [k, field(form, k)])));
    });
  }

  app.get('/:cid{[0-9]+}/reminders', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    await syncReminders(deps.db, clock, d.community.communityId);
    const list = (await scheduleOf(deps.db, d.community.communityId)).slice(-200);
    const body = html`${top(d)}<h1>${t.desk.reminders.heading}</h1>
<p class="help">${t.desk.reminders.help}</p>
${list.length
  ? html`<div class="table"><table>
<thead><tr><th>${t.desk.reminders.colDue}</th><th>${t.desk.reminders.colKind}</th><th>${t.desk.reminders.colStatus}</th></tr></thead>
<tbody>${list.map((r) => html`<tr><td>${formatLocal(r.dueAt, d.tz)}</td><td>${reminderKindLabel(r.kind, d.locale) ?? t.desk.reminders.kind(r.kind)}</td><td>${t.desk.reminders.status(r.status)}</td></tr>`)}</tbody>
</table></div>`
  : html`<p>${t.desk.reminders.none}</p>`}`;
    return view(c, t.desk.reminders.heading, body);
  });

  // Unanswered questions, each with a form to answer it, as `添加问答 #N | ANSWER`.
  const questionsPage = async (c: Context<Env>, said?: { ok?: string; problem?: string }) => {
    const d = c.get('desk');
    const t = d.t;
    const list = await pendingQuestions(deps.db, d.community.communityId);
    const body = html`${top(d)}<h1>${t.desk.questions.heading}</h1>
${notice(said?.ok)}${problem(said?.problem)}
<p class="help">${t.desk.questions.help}</p>
${list.length
  ? list.map(
      (q) => html`<section class="box" id="q${q.pendingNo}">
<h2>#${q.pendingNo} ${q.question}</h2>
<p class="help">${t.desk.questions.asked(q.askers, formatLocal(q.askedAt, d.tz))}</p>
<form class="desk" method="post" action="${withLang(`${d.base}/questions/${q.pendingNo}`, d.locale)}">
${csrfInput(d)}
<label for="answer${q.pendingNo}">${t.desk.questions.answerLabel}</label>
<textarea id="answer${q.pendingNo}" name="answer" rows="4"></textarea>
<button type="submit">${t.desk.questions.button}</button>
</form></section>`,
    )
  : html`<p>${t.desk.questions.none}</p>`}`;
    return view(c, t.desk.questions.heading, body, `${d.base}/questions`);
  };
  app.get('/:cid{[0-9]+}/questions', (c) => questionsPage(c));
  app.post('/:cid{[0-9]+}/questions/:no', async (c) => {
    const d = c.get('desk');
    const t = d.t;
    const communityId = d.community.communityId;
    const answer = asWritten(field(c.get('form'), 'answer').trim());
    if (!answer) return questionsPage(c, { problem: t.desk.questions.empty });
    const p = (await pendingQuestions(deps.db, communityId)).find((x) => String(x.pendingNo) === c.req.param('no'));
    if (!p) return questionsPage(c, { problem: t.desk.questions.gone });
    const said = await commit(communityId, async (tx, say) => {
      const answers = await pendingAnsweredBy(tx, communityId, { question: p.question, answer, keywords: '' }, [p.pendingNo]);
      const added = await addFaq(tx, clock, { communityId, question: p.question, answer, actor: actorOf(d), answers });
      const effects: Effect[] = [];
      for (const a of added.answered) {
        for (const asker of a.askers) {
          const tt = catalogue(localeFor(asker.locale));
          effects.push({ kind: 'private', platform: asker.platform as Platform, userId: asker.userId, text: tt.faq.toAsker(a.question, answer, added.entry.faqNo) });
        }
      }
      await say(effects);
      return { faqNo: added.entry.faqNo, told: effects.length };
    });
    return questionsPage(c, { ok: t.desk.questions.answered(said.faqNo, said.told) });
  });

  return app;
}
