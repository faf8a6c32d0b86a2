import type { FakeApiCall } from '../../test/helpers/fake-bot-api.js';

/** Bot API calls that put a message in a chat or change one (what Telegram's per-chat limits count). */
export function isMessageOrEdit(c: FakeApiCall): boolean {
  return !c.error && (c.method.startsWith('send') || c.method.startsWith('edit')) && c.params.chat_id !== undefined;
}

/** The most calls in any window of `windowMs` (calls sorted by time or not). */
export function maxInWindow(calls: FakeApiCall[], windowMs: number): number {
  const at = calls.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Messages and edits to one chat. */
export function toChat(calls: FakeApiCall[], chatId: number): FakeApiCall[] {
  return calls.filter((c) => isMessageOrEdit(c) && Number(c.params.chat_id) === chatId);
}

/** The `q` quantile (0..1) of `xs`, nearest rank; Infinity entries stand for values never observed. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}
