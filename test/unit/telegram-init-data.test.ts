import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withoutUrlButtons } from '../../src/adapters/telegram/transport.js';
import { telegramUserOf } from '../../src/web/telegram-init-data.js';

const TOKEN = '7000000001:AAFakeTokenForTheYishiTests_0123';
const NOW = new Date('2026-12-01T02:00:00Z');
const T = NOW.getTime() / 1000;

/** Launch data signed as Telegram signs it. */
function signed(fields: Record<string, string>, token = TOKEN): string {
  const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  return new URLSearchParams({ ...fields, hash: createHmac('sha256', secret).update(check).digest('hex') }).toString();
}
const user = (id: number) => JSON.stringify({ id, first_name: 'Ann' });

describe('Telegram Mini App launch data', () => {
  it('gives the user id of data signed with the bot token, fresh within the hour', () => {
    expect(telegramUserOf(signed({ auth_date: String(T - 60), user: user(4242), query_id: 'q' }), TOKEN, NOW)).toBe('4242');
  });
  it('refuses data signed with another token, changed after signing, stale, or without a user', () => {
    expect(telegramUserOf(signed({ auth_date: String(T), user: user(4242) }, '1:other'), TOKEN, NOW)).toBeNull();
    expect(telegramUserOf(signed({ auth_date: String(T), user: user(4242) }).replace('4242', '4243'), TOKEN, NOW)).toBeNull();
    expect(telegramUserOf(signed({ auth_date: String(T - 3601), user: user(4242) }), TOKEN, NOW)).toBeNull();
    expect(telegramUserOf(signed({ auth_date: String(T) }), TOKEN, NOW)).toBeNull();
    expect(telegramUserOf('auth_date=1&hash=zz', TOKEN, NOW)).toBeNull();
    expect(telegramUserOf(signed({ auth_date: String(T), user: user(4242) }), '', NOW)).toBeNull();
  });
});

describe('a message whose link buttons Telegram refuses', () => {
  it('keeps the other buttons and ends the text with each link’s label and address', () => {
    const msg = { text: '【表决 #1】装门禁', buttons: [[{ label: '1. 同意', data: 'v:1:1' }], [{ label: '在网页上查看', url: 'http://127.0.0.1:8080/p/AAAAAAAAAAAAAAAAAAAAAA' }]] };
    expect(withoutUrlButtons(msg, msg.text)).toEqual({
      text: '【表决 #1】装门禁\n在网页上查看\nhttp://127.0.0.1:8080/p/AAAAAAAAAAAAAAAAAAAAAA',
      buttons: [[{ label: '1. 同意', data: 'v:1:1' }]],
    });
    expect(withoutUrlButtons({ text: 'x', buttons: [[{ label: 'L', url: 'http://a' }]] }, 'x')).toEqual({ text: 'x\nL\nhttp://a', buttons: undefined });
  });
});
