import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { receiptsOf } from '../app/ballot-entry.js';
import { getCommunity } from '../app/communities.js';
import { latestMembership } from '../app/members.js';
import { castVote, createVotePolls, getPoll, listPolls, type Poll, type VotePolls, type VoteResult } from '../app/polls.js';
import { catalogue, type Catalogue } from '../chat/i18n/index.js';
import type { Locale } from '../chat/model.js';
import type { BallotWriter } from '../db/ballot-writer.js';
import type { HttpRoute } from '../http.js';
import { codeRefusal, codeSignInForm, signInByCode } from './code-sign-in.js';
import { communityPage } from './community-page.js';
import { html, page, type Html } from './layout.js';
import { findLink, KEY_PATTERN, linkKeyOf, pagePath } from './links.js';
import { pollPage, publicationPage, refusalText, type PageDeps, type Viewer } from './poll-pages.js';
import { csrfMatches, csrfTokenOf, endSession, redeemSignInLink, sessionKey, sessionMember, SESSION_COOKIE, startSession } from './sessions.js';
import { telegramUserOf } from './telegram-init-data.js';
import { SITE_CSS } from './site-css.js';
import { deskApp, type DeskDeps } from './desk/desk-app.js';
import { formOf, localeOf, setSessionCookie } from './request.js';

export interface WebDeps extends PageDeps, Pick<DeskDeps, 'commit'> {
  /** The address residents reach the pages at (PUBLIC_URL): cookies are Secure under https. */
  publicUrl: () => string;
  /** The instance's ballot batch writer (the chat's), so web and chat votes share batches. */
  ballots?: BallotWriter;
  /** The instance's vote-poll cache (the chat's), so a poll opened or closed is seen alike by both; its own when not given. */
  votePolls?: VotePolls;
  /** After a vote from the page: the poll's live card and turnout line are brought up to date. */
  afterVote?: (poll: Poll) => Promise<void>;
  /** The Telegram bot's token: a Mini App's launch data signed with it signs its user in (`/tg`). */
  telegramToken?: string;
}

/** Exact paths and path prefixes the pages own on the service's HTTP server (the rest: /healthz, /metrics, the webhook). */
const EXACT = new Set(['/', '/signout', '/desk', '/community', '/signin', '/tg']);
const PREFIXES = ['/p/', '/g/', '/s/', '/assets/', '/desk/'];

const otherLanguage = (c: Context, locale: Locale): string => {
  const u = new URL(c.req.url);
  u.searchParams.set('lang', locale === 'en' ? 'zh-CN' : 'en');
  for (const k of ['voted', 'refused']) u.searchParams.delete(k);
  return `${u.pathname}?${u.searchParams.toString()}`;
};

function message(c: Context, t: Catalogue, locale: Locale, status: 404 | 403 | 410 | 200, title: string, text: string) {
  c.status(status);
  return c.html(page(t, { title, body: html`<h1>${title}</h1><p>${text}</p>`, otherLanguage: otherLanguage(c, locale) }));
}

/** Not signed in: how to sign in (a link from the bot, or unit and household code here). */
function notSignedIn(c: Context, t: Catalogue, locale: Locale) {
  const body = html`<h1>${t.web.homeTitle}</h1><p>${t.web.notSignedIn}</p><p><a class="button" href="/signin?lang=${locale}">${t.web.codeSignInLink}</a></p>`;
  return c.html(page(t, { title: t.web.homeTitle, body, otherLanguage: otherLanguage(c, locale) }));
}

/** The client's address, for the guessing limit per identity: behind a proxy on this machine, the address it forwarded. */
function clientAddress(c: Context): string {
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (/^(127\.|::1$|::ffff:127\.)/.test(peer)) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((a) => a.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded.slice(0, 64);
  }
  return peer;
}

const FORM_COOKIE = 'yishi_form';

/** Posts the Mini App's launch data (Telegram puts it in the address's fragment as tgWebAppData). */
const TG_SCRIPT = `(function(){var d=new URLSearchParams(location.hash.slice(1)).get('tgWebAppData');var f=document.getElementById('tg');if(d&&f){f.elements.initData.value=d;f.submit();}})();`;
const sameToken = (a: string | undefined, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.length === b.length && a.length > 0 && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The residents' pages (SPEC §13) as a Hono app: rendered on the server, no script, one stylesheet
 * from this host, and headers that forbid anything else (CSP `default-src 'self'`, no framing, no
 * referrer leaving with the unguessable address). A form POSTs with its session's token and from this
 * site only (hono's csrf checks the Origin).
 */
export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  // A key always opens the same poll: kept once read (a key nobody was given is not kept).
  const links = new LRUCache<string, { pollId: number; communityId: number }>({ max: 20_000 });
  const linkOf = async (key: string, kind: 'poll' | 'publication') => {
    const hit = links.get(`${kind}:${key}`);
    if (hit) return hit;
    const found = await findLink(deps.db, key, kind);
    if (found) links.set(`${kind}:${key}`, found);
    return found;
  };
  // A page as anyone sees it, kept for a second: 200 readers of a busy poll cost one render a second.
  // When it is older, the next reader starts one render and everyone is shown the kept page until the
  // new one is ready (no reader waits on a render while votes keep the database busy). A page older
  // than a few seconds is never shown: a lone reader waits for the render.
  type Shown = { title: string; html: string; at: number };
  const anonymous = new LRUCache<string, Shown, () => Promise<Shown | undefined>>({
    max: 2_000,
    ttl: 1000,
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  // The polls votes from the pages name: the chat's cache (whether one is still open is checked when the ballot is written).
  const votePolls = deps.votePolls ?? createVotePolls(deps.db);
  // Who a session cookie signs in, kept for a few seconds (sign-out here forgets it at once).
  const viewers = new LRUCache<string, Viewer>({ max: 20_000, ttl: 5000 });
  // A poll's live card is brought up to date at most once a second for the votes from the pages.
  const refreshing = new Set<number>();
  const refreshCard = (poll: Poll) => {
    if (!deps.afterVote || refreshing.has(poll.pollId)) return;
    refreshing.add(poll.pollId);
    setTimeout(() => {
      refreshing.delete(poll.pollId);
      void deps.afterVote!(poll).catch(() => {});
    }, 1000).unref?.();
  };
  const secure = () => deps.publicUrl().startsWith('https:');
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('*', csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === new URL(deps.publicUrl()).origin }));
  app.get('/assets/site.css', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(SITE_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  const viewerOf = async (c: Context): Promise<Viewer | null> => {
    const session = getCookie(c, SESSION_COOKIE);
    if (!session) return null;
    const kept = viewers.get(session);
    if (kept) return kept;
    const member = await sessionMember(deps.db, session, deps.now());
    if (!member) return null;
    const viewer = { member, csrf: csrfTokenOf(session) };
    viewers.set(session, viewer);
    return viewer;
  };

  // A sign-in link: used once, it becomes a session cookie, and the resident lands on the home page.
  app.get('/s/:token', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    const session = await redeemSignInLink(deps.db, c.req.param('token'), deps.now());
    c.header('cache-control', 'no-store');
    if (!session) return message(c, t, locale, 410, t.web.linkInvalidTitle, t.web.linkInvalid);
    setSessionCookie(c, session, secure());
    // A link from a receipt or a reminder opens its poll's page (`?p=KEY`); the link from /web, the home page.
    const to = c.req.query('p');
    return c.redirect(to && KEY_PATTERN.test(to) ? `${pagePath('poll', to)}?lang=${locale}` : `/?lang=${locale}`, 303);
  });

  app.get('/', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.header('cache-control', 'no-store');
    const viewer = await viewerOf(c);
    if (!viewer) return notSignedIn(c, t, locale);
    const community = await getCommunity(deps.db, viewer.member.communityId);
    const { open, closed } = await listPolls(deps.db, viewer.member.communityId);
    const item = async (p: Poll) => html`<li><a href="${pagePath('poll', await linkKeyOf(deps.db, p, 'poll', deps.now()))}?lang=${locale}">${t.web.pollHeading(p.pollNo)} ${p.title}</a></li>`;
    const body: Html = html`<h1>${t.web.homeTitle}</h1>
<p>${t.web.signedInAs(community?.name ?? '', viewer.member.unitLabel ?? '')}</p>
<h2>${t.web.openPolls}</h2>
${open.length ? html`<ul class="polls">${await Promise.all(open.map(item))}</ul>` : html`<p>${t.web.noOpenPolls}</p>`}
${closed.length ? html`<h2>${t.web.recentPolls}</h2><ul class="polls">${await Promise.all(closed.map(item))}</ul>` : ''}
<p><a class="button" href="/community?lang=${locale}">${t.web.communityLink}</a></p>
<form method="post" action="/signout"><input type="hidden" name="csrf" value="${viewer.csrf}"><button type="submit">${t.web.signOut}</button></form>`;
    return c.html(page(t, { title: t.web.homeTitle, body, otherLanguage: otherLanguage(c, locale) }));
  });

  // Sign-in with unit and household code, for a household without the bot: the guessing limits of /bind.
  const signInForm = (c: Context, t: Catalogue, locale: Locale, token: string, o: { next: string | null; unit: string; answer: string | null }) =>
    c.html(page(t, { title: t.web.codeSignInTitle, body: codeSignInForm(t, { lang: locale, token, ...o }), otherLanguage: otherLanguage(c, locale) }));
  const nextOf = (p: unknown) => (typeof p === 'string' && KEY_PATTERN.test(p) ? p : null);
  app.get('/signin', (c) => {
    const locale = localeOf(c);
    c.header('cache-control', 'no-store');
    const token = randomBytes(24).toString('base64url');
    setCookie(c, FORM_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: secure(), path: '/signin', maxAge: 3600 });
    return signInForm(c, catalogue(locale), locale, token, { next: nextOf(c.req.query('p')), unit: '', answer: null });
  });
  app.post('/signin', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.header('cache-control', 'no-store');
    const form = await formOf(c);
    const token = getCookie(c, FORM_COOKIE);
    if (!sameToken(token, form.form)) return message(c, t, locale, 403, t.web.formExpired, t.web.formExpired);
    const unit = String(form.unit ?? '').slice(0, 40);
    const next = nextOf(form.p);
    const r = await signInByCode(deps.db, deps.now(), { who: clientAddress(c), unit, code: String(form.code ?? '').slice(0, 40) });
    if (!r.ok) {
      if (r.code === 'locked') c.status(429);
      return signInForm(c, t, locale, token!, { next, unit, answer: codeRefusal(t, r) });
    }
    deleteCookie(c, FORM_COOKIE, { path: '/signin', secure: secure() });
    setSessionCookie(c, r.session, secure());
    return c.redirect(next ? `${pagePath('poll', next)}?lang=${locale}` : `/?lang=${locale}`, 303);
  });

  // Telegram Mini App: the page reads Telegram's signed launch data from its address (a script of this
  // host) and posts it; checked against the bot's token, it signs in the member that account is bound as.
  app.get('/assets/tg.js', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(TG_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  app.get('/tg', (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.header('cache-control', 'no-store');
    const body = html`<h1>${t.web.tgTitle}</h1><p>${t.web.tgOpening}</p><form method="post" action="/tg?lang=${locale}" id="tg"><input type="hidden" name="initData" value=""></form><script src="/assets/tg.js"></script>`;
    return c.html(page(t, { title: t.web.tgTitle, body, otherLanguage: otherLanguage(c, locale) }));
  });
  app.post('/tg', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.header('cache-control', 'no-store');
    const form = await formOf(c);
    const userId = deps.telegramToken ? telegramUserOf(String(form.initData ?? ''), deps.telegramToken, deps.now()) : null;
    const found = userId ? await latestMembership(deps.db, 'telegram', userId) : null;
    if (!found?.member.unitId) return message(c, t, locale, 403, t.web.tgTitle, t.web.tgFailed);
    const session = await startSession(deps.db, found.member, deps.now());
    setSessionCookie(c, session, secure());
    return c.redirect(`/?lang=${locale}`, 303);
  });

  // The community page: members only, and the household's own fees only for that household.
  app.get('/community', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    c.header('cache-control', 'no-store');
    const viewer = await viewerOf(c);
    if (!viewer) return notSignedIn(c, t, locale);
    const shown = await communityPage(deps, t, viewer, locale);
    if (!shown) return message(c, t, locale, 404, t.web.notFoundTitle, t.web.notFound);
    return c.html(page(t, { title: shown.title, body: shown.body, otherLanguage: otherLanguage(c, locale) }));
  });

  app.post('/signout', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    const session = getCookie(c, SESSION_COOKIE);
    const form = await formOf(c);
    if (!csrfMatches(session, form.csrf)) return message(c, t, locale, 403, t.web.formExpired, t.web.formExpired);
    await endSession(deps.db, session, deps.now());
    if (session) viewers.delete(session);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure() });
    return message(c, t, locale, 200, t.web.signOut, t.web.signedOut);
  });

  const view = (kind: 'poll' | 'publication') => async (c: Context) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    const key = c.req.param('key') ?? '';
    const link = await linkOf(key, kind);
    if (!link) return message(c, t, locale, 404, t.web.notFoundTitle, t.web.notFound);
    const code = c.req.query('code');
    const viewer = kind === 'poll' ? await viewerOf(c) : null;
    const show = async () => {
      if (kind === 'publication') return publicationPage(deps, t, link, { code, lang: locale });
      const notice = viewer ? await noticeOf(t, c, link.pollId, viewer) : null;
      return pollPage(deps, t, { pollId: link.pollId, key }, { code, lang: locale, notice }, viewer);
    };
    c.header('cache-control', 'no-store');
    const render = async (): Promise<Shown | undefined> => {
      const shown = await show();
      if (!shown) return undefined;
      const html = String(await page(t, { title: shown.title, body: shown.body, otherLanguage: otherLanguage(c, locale) }));
      return { title: shown.title, html, at: performance.now() };
    };
    // What anyone sees (no session, no receipt asked) is rendered about once a second.
    const shared = !viewer && !code ? `${kind}:${key}:${locale}` : null;
    const kept = shared ? anonymous.peek(shared, { allowStale: true }) : undefined;
    const recent = kept != null && performance.now() - kept.at < 3000;
    const shown = shared ? await anonymous.fetch(shared, { context: render, allowStale: recent }) : await render();
    if (!shown) return message(c, t, locale, 404, t.web.notFoundTitle, t.web.notFound);
    return c.html(shown.html);
  };

  /** What the page says after a vote from it: recorded (with the receipt), or why not. */
  async function noticeOf(t: Catalogue, c: Context, pollId: number, viewer: Viewer): Promise<string | null> {
    const voted = c.req.query('voted');
    const refused = c.req.query('refused');
    if (!voted && !refused) return null;
    const poll = await getPoll(deps.db, pollId);
    if (!poll) return null;
    const tz = (await getCommunity(deps.db, poll.communityId))?.timezone ?? 'Asia/Shanghai';
    if (refused) return REFUSALS.has(refused) ? refusalText(t, poll, refused as never, tz) : null;
    const mine = viewer.member.unitId ? (await receiptsOf(deps.db, poll, viewer.member.unitId)).find((r) => r.counted) : undefined;
    if (!mine) return null;
    const changed = voted === 'changed';
    return poll.secret ? t.web.voteOkSecret(changed, mine.code) : t.web.voteOk(poll.options[mine.optionNo - 1] ?? '', changed, mine.code);
  }

  app.route('/desk', deskApp(deps));
  app.get('/p/:key', view('poll'));
  app.get('/g/:key', view('publication'));

  // A vote from the page: the same ballot writer, rules and audit entry as a vote in chat.
  app.post('/p/:key/vote', async (c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    const key = c.req.param('key');
    const link = await linkOf(key, 'poll');
    if (!link) return message(c, t, locale, 404, t.web.notFoundTitle, t.web.notFound);
    const back = (q: string) => c.redirect(`${pagePath('poll', key)}?lang=${locale}&${q}#vote`, 303);
    const session = getCookie(c, SESSION_COOKIE);
    const form = await formOf(c);
    const signedIn = sessionKey(session);
    if (!signedIn || !csrfMatches(session, form.csrf)) {
      const viewer = await viewerOf(c);
      return message(c, t, locale, 403, t.web.formExpired, viewer ? t.web.formExpired : t.web.notSignedIn);
    }
    const poll = await votePolls.byId(link.pollId);
    if (!poll) return message(c, t, locale, 404, t.web.notFoundTitle, t.web.notFound);
    const optionNo = /^\d{1,3}$/.test(String(form.option ?? '')) ? Number(form.option) : 0;
    // The ballot statement reads who the session signs in (one round trip for the vote); who it is
    // is looked up here only when the vote is refused, to say why (once, for castVote and the answer).
    let seen: Promise<Viewer | null> | undefined;
    const viewer = () => (seen ??= viewerOf(c));
    const voter = async () => (await viewer())?.member ?? null;
    const r: VoteResult = await castVote(
      deps.db,
      { now: deps.now },
      { poll, platform: '', userId: '', optionNo, sourceKey: `web:${randomUUID()}`, session: { key: signedIn, voter } },
      ...(deps.ballots ? [deps.ballots] : []),
    );
    if (!r.ok) {
      const who = await viewer();
      if (!who) return message(c, t, locale, 403, t.web.formExpired, t.web.notSignedIn);
      if (who.member.communityId !== link.communityId) return back('refused=other-community');
      return back(`refused=${r.code}`);
    }
    refreshCard(r.poll);
    return back(`voted=${r.changed ? 'changed' : 'new'}`);
  });

  app.notFound((c) => message(c, catalogue(localeOf(c)), localeOf(c), 404, catalogue(localeOf(c)).web.notFoundTitle, catalogue(localeOf(c)).web.notFound));
  // A form from another site (refused by hono's csrf check) gets the same polite page as an expired one.
  app.onError((err, c) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    if (err instanceof HTTPException && err.status === 403) return message(c, t, locale, 403, t.web.formExpired, t.web.formExpired);
    return c.text('', 500);
  });
  return app;
}

const REFUSALS = new Set(['other-community', 'form', 'bad-option', 'poll-closed', 'final-cast', 'not-open-yet', 'out-of-scope', 'owners-only', 'not-member', 'not-bound', 'duplicate']);

/** The pages as a route of the service's HTTP server: takes the paths the pages own, leaves the rest. */
export function webRoute(app: Hono): HttpRoute {
  const listener = getRequestListener(app.fetch);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!EXACT.has(path) && !PREFIXES.some((p) => path.startsWith(p))) return false;
    await listener(req, res);
    return true;
  };
}
