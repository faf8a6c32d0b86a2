import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { catalogue, type Catalogue } from '../chat/i18n/index.js';
import type { Locale } from '../chat/model.js';
import type { HttpRoute } from '../http.js';
import { html, page } from './layout.js';
import { findLink } from './links.js';
import { pollPage, publicationPage, type PageDeps } from './poll-pages.js';
import { SITE_CSS } from './site-css.js';

/** Path prefixes the pages own on the service's HTTP server (the rest: /healthz, /metrics, the webhook). */
const PREFIXES = ['/p/', '/g/', '/assets/'];

/** The page's language: `?lang=`, else the browser's first preference, else Chinese. */
function localeOf(c: Context): Locale {
  const q = c.req.query('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'zh-CN';
}

const otherLanguage = (c: Context, locale: Locale): string => {
  const u = new URL(c.req.url);
  u.searchParams.set('lang', locale === 'en' ? 'zh-CN' : 'en');
  return `${u.pathname}?${u.searchParams.toString()}`;
};

function notFound(c: Context, t: Catalogue, locale: Locale) {
  c.status(404);
  return c.html(page(t, { title: t.web.notFoundTitle, body: html`<h1>${t.web.notFoundTitle}</h1><p>${t.web.notFound}</p>`, otherLanguage: otherLanguage(c, locale) }));
}

/**
 * The residents' pages (SPEC §13) as a Hono app: rendered on the server, no script, one stylesheet
 * from this host, and headers that forbid anything else (CSP `default-src 'self'`, no framing, no
 * referrer leaving with the unguessable address).
 */
export function createWebApp(deps: PageDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.get('/assets/site.css', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(SITE_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  const view = (kind: 'poll' | 'publication') => async (c: Context) => {
    const locale = localeOf(c);
    const t = catalogue(locale);
    const link = await findLink(deps.db, c.req.param('key') ?? '', kind);
    const shown = link && (await (kind === 'poll' ? pollPage : publicationPage)(deps, t, link.pollId, { code: c.req.query('code'), lang: locale }));
    if (!shown) return notFound(c, t, locale);
    c.header('cache-control', 'no-store');
    return c.html(page(t, { title: shown.title, body: shown.body, otherLanguage: otherLanguage(c, locale) }));
  };
  app.get('/p/:key', view('poll'));
  app.get('/g/:key', view('publication'));
  app.notFound((c) => notFound(c, catalogue(localeOf(c)), localeOf(c)));
  app.onError((_err, c) => c.text('', 500));
  return app;
}

/** The pages as a route of the service's HTTP server: takes the paths the pages own, leaves the rest. */
export function webRoute(app: Hono): HttpRoute {
  const listener = getRequestListener(app.fetch);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!PREFIXES.some((p) => path.startsWith(p))) return false;
    await listener(req, res);
    return true;
  };
}
