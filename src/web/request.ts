import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Locale } from '../chat/model.js';
import { SESSION_COOKIE, SESSION_MS } from './sessions.js';

/** The page's language: `?lang=`, else the browser's first preference, else Chinese. */
export function localeOf(c: Context): Locale {
  const q = c.req.query('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'zh-CN';
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, 30 days; Secure when the pages are reached over https). */
export function setSessionCookie(c: Context, session: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: SESSION_MS / 1000 });
}

/**
 * A posted form's fields: a plain form (`application/x-www-form-urlencoded`, what the pages' forms
 * send) read as URL parameters, anything else (a file upload) by hono's parser, which builds a
 * FormData for it.
 */
export async function formOf(c: Context): Promise<Record<string, string | File>> {
  const type = c.req.header('content-type')?.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(await c.req.text()));
  return (await c.req.parseBody()) as Record<string, string | File>;
}
