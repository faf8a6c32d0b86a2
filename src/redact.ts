/**
 * Secret scrubbing at the edges (logs, /healthz, /metrics, start errors): a bot token can hide in a
 * library's error message (a request URL such as `…/bot<TOKEN>/getMe`), a password in a connection string.
 */

/** Anything shaped like a Telegram bot token (digits, a colon, the secret). */
const BOT_TOKEN = /\b\d{5,}:[A-Za-z0-9_-]{20,}/g;
/** The password of a URL (`scheme://user:password@host`). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@/?#\s]+@/gi;

/** Removes token-shaped strings and URL passwords. */
export function redactTokens(text: string): string {
  return text.replace(BOT_TOKEN, '[redacted]').replace(URL_PASSWORD, '$1[redacted]@');
}

/** A scrubber for the given secrets (values shorter than 6 characters are ignored) and every token-shaped string. */
export function createRedactor(secrets: Array<string | undefined>): (text: string) => string {
  const exact = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of exact) if (out.includes(s)) out = out.split(s).join('[redacted]');
    return redactTokens(out);
  };
}

/** The secrets of a configuration: tokens and the database password. */
export function configSecrets(config: { TELEGRAM_BOT_TOKEN?: string | undefined; WECHATY_PUPPET_TOKEN?: string | undefined; DATABASE_URL?: string | undefined }): string[] {
  const out = [config.TELEGRAM_BOT_TOKEN, config.WECHATY_PUPPET_TOKEN];
  if (config.DATABASE_URL) {
    try {
      const password = decodeURIComponent(new URL(config.DATABASE_URL).password);
      out.push(password, encodeURIComponent(password));
    } catch {
      // an unparsable URL is refused by the config
    }
  }
  return out.filter((s): s is string => !!s);
}
