/**
 * Links to a poll's page (SPEC §13) in what the bot sends, made when it is sent from PUBLIC_URL: the
 * card's URL button (or last line where there are no buttons), and the personal sign-in link of a
 * receipt and of a personal reminder.
 */
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { syncAllReminders } from '../../src/app/reminders.js';
import { localToInstant } from '../../src/app/local-time.js';
import { tickOnce } from '../../src/scheduler/ticker.js';
import { redeemSignInLink, sessionMember } from '../../src/web/sessions.js';
import { CHAIR, createDeliberationWorld } from '../helpers/deliberation.js';
import { describeEachDb, freshDatabase, type TestDatabase } from '../helpers/db.js';

const SITE = 'https://yishi.example.org';
const log = pino({ level: 'silent' });

describeEachDb('poll page links in messages', (kind) => {
  let d: TestDatabase;
  beforeEach(async () => {
    d = await freshDatabase(kind);
  });
  afterEach(async () => {
    await d.drop();
  });

  it('puts the page under the card as a URL button, and gives a personal reminder a single-use sign-in link to it', async () => {
    const w = await createDeliberationWorld(d.db, { publicUrl: SITE });
    await w.say(w.g, CHAIR, '表决 装门禁\n规则: 简单多数\n截止: 2026-12-04 20:00');
    const card = w.transport.sent.find((m) => m.text.startsWith('【表决 #1】'))!;
    const link = card.buttons!.at(-1)![0]!;
    expect(link).toEqual({ label: '在网页上查看', url: expect.stringMatching(/^https:\/\/yishi\.example\.org\/p\/[A-Za-z0-9_-]{22}$/) });
    expect(card.text).not.toContain(SITE);
    const key = link.url!.split('/p/')[1]!;

    await w.say('private', w.residents[1]!, '提醒 开');
    await syncAllReminders(d.db, w.clock);
    const from = w.transport.sent.length;
    w.clock.set(localToInstant('2026-12-03 20:00', 'Asia/Shanghai')!);
    await tickOnce({ services: w.messaging.services, clock: w.clock, core: w.core, log }, { sync: true });
    await w.drain();
    const reminder = w.transport.sent.slice(from).find((m) => m.private && m.chatId === 'r1')!;
    expect(reminder.text).toMatch(/^【个人提醒】表决 #1/);
    const personal = reminder.buttons!.at(-1)![0]!;
    expect(personal.label).toBe('登录网页查看（15 分钟内有效）');
    const m = /^https:\/\/yishi\.example\.org\/s\/([A-Za-z0-9_-]{43})\?p=([A-Za-z0-9_-]{22})$/.exec(personal.url!)!;
    expect(m[2]).toBe(key);
    // The link signs in the reminded household, once.
    const session = await redeemSignInLink(d.db, m[1]!, w.clock.now());
    expect((await sessionMember(d.db, session!, w.clock.now()))!.userId).toBe('r1');
    expect(await redeemSignInLink(d.db, m[1]!, w.clock.now())).toBeNull();
  });

  it('ends the card and a private receipt with the links where the platform shows no buttons (WeChat)', async () => {
    const w = await createDeliberationWorld(d.db, { publicUrl: SITE, platform: 'wechat' });
    await w.say(w.g, CHAIR, '表决 装门禁\n规则: 简单多数');
    const card = w.transport.sent.find((m) => m.text.startsWith('【表决 #1】'))!;
    expect(card.buttons).toBeUndefined();
    expect(card.text.split('\n').at(-1)).toMatch(/^网页：https:\/\/yishi\.example\.org\/p\/[A-Za-z0-9_-]{22}$/);
    await w.say('private', w.residents[0]!, '投票 1 同意');
    const receipt = w.transport.sent.filter((m) => m.chatId === 'r0').at(-1)!;
    expect(receipt.text).toMatch(/^已记录：表决 #1，您家投的是“同意”。/);
    expect(receipt.text).toMatch(/\n在网页上查看和投票（您的个人登录链接，15 分钟内有效，只能用一次，请勿转发）：\nhttps:\/\/yishi\.example\.org\/s\/[A-Za-z0-9_-]{43}\?p=[A-Za-z0-9_-]{22}$/);
    // Fifteen minutes later the link no longer signs in.
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(receipt.text)![1]!;
    w.clock.advance(15 * 60_000 + 1);
    expect(await redeemSignInLink(d.db, token, w.clock.now())).toBeNull();
  });
});
