import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Catalogue } from '../chat/i18n/index.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The page shell: one column for phones (WeChat's built-in browser, 360 px), the site's own
 * stylesheet (nothing from another host), a link to the other language. Everything passed in as
 * text is escaped by hono's `html` template.
 */
export function page(t: Catalogue, opts: { title: string; body: Html; otherLanguage: string }): Html {
  return html`<!doctype html>
<html lang="${t.web.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title} · ${t.web.siteName}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header><span class="site">${t.web.siteName}</span><a class="lang" href="${opts.otherLanguage}">${t.web.switchLanguage}</a></header>
<main>${opts.body}</main>
</body>
</html>`;
}

/** Lines of text as paragraphs (escaped). */
export const paragraphs = (lines: string[]): Html => html`${lines.map((l) => html`<p>${l}</p>`)}`;

export { html, raw };
export type { Html };
