/**
 * Poll cards, receipts and reminders link to the poll's page (SPEC §13) on Telegram: a URL button,
 * or, where Telegram refuses the address as a button (it does for http://127.0.0.1:…), a line of
 * the text. The real service against the stand-in Bot API server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PG_ENABLED } from '../helpers/db.js';
import { ALICE, BOB, GROUP, dm, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const KIND = PG_ENABLED ? 'postgres' : 'pglite';
type Key = { text: string; url?: string; callback_data?: string };
const keysOf = (m: { replyMarkup?: any }): Key[] => (m.replyMarkup?.inline_keyboard ?? []).flat();

describe(`poll page links on Telegram [${KIND}]`, () => {
  it('puts a URL button to the poll page under the card, keeps it on the edits, and the page opens', { timeout: 60_000 }, async () => {
    const w = (world = await startTelegramWorld(KIND));
    await w.setupAndBind([ALICE, BOB]);
    const card = await w.ask(GROUP, ALICE, '/poll 更换门禁\n规则: 简单多数');
    const keys = keysOf(card);
    expect(keys.map((k) => k.text)).toEqual(['1. 同意', '2. 反对', '3. 弃权', '在网页上查看']);
    const url = keys.at(-1)!.url!;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${w.service.httpPort}/p/[A-Za-z0-9_-]{22}$`));
    expect(card.text).not.toContain(url);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>更换门禁</h1>');

    // A vote edits the card: the page button stays.
    w.fake.pressButton({ chat: GROUP, from: BOB, messageId: card.messageId, data: keys[0]!.callback_data! });
    const now = () => w.fake.sent(GROUP.id).find((m) => m.messageId === card.messageId)!;
    await w.waitFor(() => now().edits.length > 0);
    expect(keysOf(now()).at(-1)).toEqual({ text: '在网页上查看', url });
  });

  it('sends the card with the link in its text when Telegram refuses the address as a button, asking once', { timeout: 60_000 }, async () => {
    const w = (world = await startTelegramWorld(KIND, { before: (fake) => fake.refuseButtonUrls((u) => /^http:\/\/127\./.test(u)) }));
    await w.setupAndBind([ALICE, BOB]);
    const card = await w.ask(GROUP, ALICE, '/poll 更换门禁\n规则: 简单多数');
    expect(keysOf(card).map((k) => k.text)).toEqual(['1. 同意', '2. 反对', '3. 弃权']);
    expect(card.text).toMatch(/\n在网页上查看\nhttp:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{22}$/);
    const refused = () => w.fake.calls.filter((c) => c.error?.description === 'Bad Request: BUTTON_URL_INVALID');
    expect(refused()).toHaveLength(1);

    // The edit after a vote, and a second card, go out with the link in the text without asking again.
    w.fake.pressButton({ chat: GROUP, from: BOB, messageId: card.messageId, data: keysOf(card)[0]!.callback_data! });
    const now = () => w.fake.sent(GROUP.id).find((m) => m.messageId === card.messageId)!;
    await w.waitFor(() => now().edits.length > 0);
    expect(now().text).toMatch(/\n在网页上查看\nhttp:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{22}$/);
    expect(keysOf(now())).toHaveLength(3);
    const second = await w.ask(GROUP, ALICE, '/poll 安装充电桩\n规则: 简单多数');
    expect(second.text).toContain('http://127.0.0.1:');
    expect(refused()).toHaveLength(1);
  });

  it('gives a typed vote a private receipt with a personal sign-in link that opens the poll page once', { timeout: 60_000 }, async () => {
    const w = (world = await startTelegramWorld(KIND, { before: (fake) => fake.refuseButtonUrls((u) => /^http:\/\/127\./.test(u)) }));
    await w.setupAndBind([ALICE, BOB]);
    const card = await w.ask(GROUP, ALICE, '/poll 更换门禁\n规则: 简单多数');
    const before = w.fake.sent(BOB.id).length;
    w.fake.sendText({ chat: GROUP, from: BOB, text: '投票 1 同意' });
    const receipt = await w.nth(dm(BOB).id, before);
    expect(receipt.text).toMatch(/^已记录：表决 #1，您家投的是“同意”。/);
    // Telegram refused the address as a button here: the button's label and the address end the text.
    const m = /\n登录网页查看（15 分钟内有效）\n(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}\?p=([A-Za-z0-9_-]{22}))$/.exec(receipt.text);
    expect(m, receipt.text).not.toBeNull();
    const pageUrl = /\/p\/[A-Za-z0-9_-]{22}/.exec(card.text)![0];
    expect(m![2]).toBe(pageUrl.slice(3));
    const first = await fetch(m![1]!, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`${pageUrl}?lang=zh-CN`);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^yishi_session=[A-Za-z0-9_-]{43};/);
    // Signed in: the page shows the household's vote.
    const page = await (await fetch(`http://127.0.0.1:${w.service.httpPort}${pageUrl}`, { headers: { cookie: cookie.split(';')[0]! } })).text();
    expect(page).toContain('您家投的是“同意”');
    expect((await fetch(m![1]!, { redirect: 'manual' })).status).toBe(410);
  });
});
