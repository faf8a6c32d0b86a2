import { guessUnitCode, type GuessResult } from '../app/binding.js';
import type { Platform } from '../app/communities.js';
import { householdMember } from '../app/members.js';
import type { Db } from '../db/client.js';
import type { Catalogue } from '../chat/i18n/index.js';
import { html, type Html } from './layout.js';
import { startSession } from './sessions.js';

/**
 * The identity of a household signed in on the pages with its unit and code (no chat account): one
 * per unit and kind of code, so that the household's ballot is the same whoever of it signs in.
 */
const WEB = 'web' as Platform;
const webUserId = (unitId: number, kind: 'owner' | 'tenant') => `unit:${unitId}:${kind}`;

export type CodeSignIn = { ok: true; session: string } | Exclude<GuessResult, { ok: true }>;

/**
 * Signs a household in on the pages with its unit and household code (SPEC §13), under the guessing
 * limits of `/bind` (SPEC §3): `who` is the client's address, the limits of the unit and the whole
 * service are the very counters `/bind` uses. A right code makes (once, audited like a binding) the
 * household's web identity, and a 30-day session for it.
 */
export async function signInByCode(db: Db, at: Date, input: { who: string; unit: string; code: string }): Promise<CodeSignIn> {
  const guessed = await guessUnitCode(db, at, { who: `web:${input.who}`, unit: input.unit, code: input.code });
  if (!guessed.ok) return guessed;
  const { hit } = guessed;
  const member = await householdMember(db, at, { ...hit, platform: WEB, userId: webUserId(hit.unitId, hit.kind) });
  return { ok: true, session: await startSession(db, member, at) };
}

/** What a refused sign-in says. */
export function codeRefusal(t: Catalogue, r: Exclude<CodeSignIn, { ok: true }>): string {
  switch (r.code) {
    case 'wrong-code':
      return t.web.codeWrong(r.left);
    case 'locked':
      return t.web.codeLocked(r.minutes);
    case 'unknown-unit':
      return t.web.codeUnknownUnit;
    case 'bad-format':
      return t.web.codeBadFormat;
  }
}

/** The sign-in form (unit and household code), POSTed with its form token; what was typed is escaped, the code never echoed. */
export function codeSignInForm(t: Catalogue, o: { lang: string; token: string; next: string | null; unit: string; answer: string | null }): Html {
  return html`<h1>${t.web.codeSignInTitle}</h1>
<p>${t.web.codeSignInIntro}</p>
${o.answer ? html`<p class="answer" role="alert">${o.answer}</p>` : ''}
<form method="post" action="/signin?lang=${o.lang}" class="box">
<input type="hidden" name="form" value="${o.token}">
${o.next ? html`<input type="hidden" name="p" value="${o.next}">` : ''}
<label for="unit">${t.web.unitLabel}</label>
<input type="text" id="unit" name="unit" value="${o.unit}" autocomplete="off" maxlength="40" required>
<label for="code">${t.web.codeLabel}</label>
<input type="text" id="code" name="code" value="" autocomplete="off" autocapitalize="characters" maxlength="40" required>
<p><button type="submit">${t.web.codeSignInButton}</button></p>
</form>`;
}
