import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long Telegram's signed launch data is taken after it was issued. */
export const INIT_DATA_MAX_AGE_S = 3600;

/**
 * Checks a Telegram Mini App's launch data (`initData`) against the bot's token, as Telegram's docs
 * say: the data-check string is every field but `hash`, sorted, `key=value` one a line; the secret is
 * HMAC-SHA256 of the token keyed with "WebAppData"; the hash is HMAC-SHA256 of the string under that
 * secret, in hex. Returns the Telegram user id when the hash is right and the data is fresh, else null.
 */
export function telegramUserOf(initData: string, botToken: string, now: Date, maxAgeS = INIT_DATA_MAX_AGE_S): string | null {
  if (!botToken || initData.length > 4096) return null;
  const params = new URLSearchParams(initData);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return null;
  const lines = [...params.entries()].filter(([k]) => k !== 'hash').map(([k, v]) => `${k}=${v}`).sort();
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const want = createHmac('sha256', secret).update(lines.join('\n')).digest();
  if (!timingSafeEqual(want, Buffer.from(hash, 'hex'))) return null;
  const authDate = Number(params.get('auth_date'));
  if (!Number.isInteger(authDate) || Math.abs(now.getTime() / 1000 - authDate) > maxAgeS) return null;
  try {
    const user = JSON.parse(params.get('user') ?? 'null') as { id?: unknown } | null;
    return typeof user?.id === 'number' && Number.isSafeInteger(user.id) ? String(user.id) : null;
  } catch {
    return null;
  }
}
