/**
 * The community page (SPEC §13) in Chromium: conventions in force, meetings, the deliberation day
 * and agenda, the fee schedule, and — for the signed-in household only — its own fees and bills.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importConvention } from '../../src/app/conventions.js';
import { importBills, importFees } from '../../src/app/fees.js';
import { findMember } from '../../src/app/members.js';
import { castVote, closePoll } from '../../src/app/polls.js';
import { allFeatures } from '../../src/chat/features/index.js';
import { startHttp } from '../../src/http.js';
import { createWebApp, webRoute } from '../../src/web/app.js';
import { linkKeyOf } from '../../src/web/links.js';
import { issueSignInLink } from '../../src/web/sessions.js';
import { ARTIFACTS, HAVE_CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { createChatWorld } from '../helpers/chat.js';
import { freshDatabase, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { FEES_CSV } from '../helpers/fee-seed.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const ROSTER = [
  { unit: '2-1-101', area: '89.50', owner: '王芳' },
  { unit: '2-1-102', area: '75.25', owner: '李强' },
  { unit: '3-1-301', area: '60.00', owner: '赵敏' },
];
const BILLS = `unit,item,period,amount,paid
2-1-101,物业费,2026上半年,644.40,644.40
2-1-101,物业费,2026下半年,644.40,0
2-1-102,物业费,2026下半年,541.80,123.45
`;

describe.runIf(HAVE_CHROMIUM)('the community page in Chromium', () => {
  let browser: Browser;
  let d: TestDatabase;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let tab: Page;
  const base = () => `http://127.0.0.1:${http.port}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    d = await freshDatabase(PG_ENABLED ? 'postgres' : 'pglite');
    tab = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' })).newPage();
  });
  afterEach(async () => {
    await tab?.context().close();
    await http?.close();
    await d?.drop();
  });

  /** A community with a convention in force, a topic on the agenda, a meeting, fees and bills; the pages on its clock. */
  async function world() {
    const c = createChatWorld(d.db, { features: allFeatures() });
    const { clock } = c;
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: base });
    http = await startHttp({ port: 0, health: async () => ({ ok: true, database: 'up', platforms: {} }), metrics: () => '', routes: [webRoute(app)] });
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    for (const [i, r] of ROSTER.entries()) await bindAs(d.db, clock, s, `u${i}`, r.unit);
    // A convention adopted by a residents' vote.
    expect((await importConvention(d.db, clock, s.id, '文明养犬公约\n第一条 遛狗拴绳，<b>不放任</b>。\n第二条 及时清理粪便。')).ok).toBe(true);
    const poll = await openAsChair(d.db, clock, s.id, { title: '《文明养犬公约》', rule: 'residents', convention: true, articles: ['第一条 遛狗拴绳，<b>不放任</b>。', '第二条 及时清理粪便。'] });
    for (const i of [0, 1]) await castVote(d.db, clock, { poll, platform: 'telegram', userId: `u${i}`, optionNo: 1, sourceKey: `c${i}` });
    await closePoll(d.db, clock, { pollId: poll.pollId, actor: null });
    // The chat: a group, a topic on the agenda, a meeting.
    await c.say({ group: 'g1' }, { id: 'chair' }, `开通 ${s.setupCode}`);
    await c.say({ group: 'g1' }, { id: 'u0' }, '提议 楼道加装声控灯');
    await c.say({ group: 'g1' }, { id: 'chair' }, '上会 1');
    await c.say({ group: 'g1' }, { id: 'chair' }, '会议 2026-12-10 19:00 业主座谈会 @ 社区活动室');
    expect((await importFees(d.db, clock, s.id, FEES_CSV)).ok).toBe(true);
    expect((await importBills(d.db, clock, s.id, BILLS)).ok).toBe(true);
    const signIn = async (i: number) => {
      const member = (await findMember(d.db, s.id, 'telegram', `u${i}`))!;
      await tab.goto(`${base()}/s/${await issueSignInLink(d.db, member, clock.now())}`);
    };
    return { s, c, signIn };
  }

  it('shows the conventions in full, the deliberation day and agenda, meetings, the fees, and the household’s own bill only', async () => {
    const w = await world();
    await w.signIn(0);
    await tab.getByRole('link', { name: '小区公约、会议、议事日和收费' }).click();
    expect(new URL(tab.url()).pathname).toBe('/community');
    expect(await tab.locator('h1').textContent()).toBe('幸福里 小区信息');
    const text = await tab.locator('main').innerText();
    // The deliberation day (the default rule) and its agenda.
    expect(text).toContain('议事协商日：每月第一个星期六 19:30（时区 Asia/Shanghai）');
    expect(text).toContain('下一次议事协商日：2026-12-05（周六）19:30');
    expect(text).toContain('#1 楼道加装声控灯（附议 0 户）');
    // Meetings.
    expect(text).toMatch(/#\d+ 业主座谈会 — 2026-12-10（周四）19:00 @ 社区活动室 · 0 人参加/);
    // The convention in force, in full, as text.
    expect(text).toContain('《文明养犬公约》（第 1 版，现行有效）');
    expect(text).toContain('第一条 遛狗拴绳，<b>不放任</b>。');
    expect(text).toContain('第二条 及时清理粪便。');
    expect(await tab.locator('main b').count()).toBe(0);
    // The fee schedule.
    expect(text).toContain('物业费：1.20 元/m²/月');
    // The household's own fees and bills (2-1-101, 89.50 m²), and nobody else's.
    const mine = await tab.locator('#my-fees').innerText();
    expect(mine).toContain('【2-1-101 的费用】专有面积 89.50 m²');
    expect(mine).toContain('物业费：89.50 m² × 1.20 元/m²/月 × 12 = 1,288.80 元/年');
    expect(mine).toContain('2026下半年 物业费：应缴 644.40 元，已缴 0.00 元，未缴 644.40 元');
    expect(mine).toContain('合计未缴：644.40 元。');
    const html = await tab.content();
    expect(html).not.toContain('541.80');
    expect(html).not.toContain('123.45');
    expect(html).not.toContain('75.25');
    for (const r of ROSTER) expect(html).not.toContain(r.owner);

    // Large type, thumb-sized targets, no sideways scrolling on a 360 px phone.
    expect(await tab.evaluate(() => Math.min(...[...document.querySelectorAll('main *')].filter((e) => e.textContent?.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize))))).toBeGreaterThanOrEqual(18);
    for (const link of await tab.locator('main a').all()) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'community-page-360.png'), fullPage: true });

    // Another household sees its own bill.
    await tab.context().clearCookies();
    await w.signIn(1);
    await tab.goto(`${base()}/community`);
    const theirs = await tab.locator('#my-fees').innerText();
    expect(theirs).toContain('2026下半年 物业费：应缴 541.80 元，已缴 123.45 元，未缴 418.35 元');
    expect(await tab.content()).not.toContain('644.40');
  });

  it('signs a household without the bot in with unit and code from the poll page, then it votes; wrong codes count and lock politely', async () => {
    const c = createChatWorld(d.db, { features: allFeatures() });
    const { clock } = c;
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: base });
    http = await startHttp({ port: 0, health: async () => ({ ok: true, database: 'up', platforms: {} }), metrics: () => '', routes: [webRoute(app)] });
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    const poll = await openAsChair(d.db, clock, s.id, { title: '更换门禁', rule: 'simple' });
    await tab.goto(`${base()}/p/${await linkKeyOf(d.db, poll, 'poll', clock.now())}`);
    await tab.getByRole('link', { name: '登录后在网页上投票' }).click();
    expect(await tab.locator('h1').textContent()).toBe('用房号和户码登录');
    const attempt = async (unit: string, code: string) => {
      await tab.fill('#unit', unit);
      await tab.fill('#code', code);
      await tab.getByRole('button', { name: '登录' }).click();
    };
    // What a person typed comes back as text, the code never.
    await attempt('<img src=x onerror=alert(1)>', 'ABCDEFGH');
    expect(await tab.locator('.answer').innerText()).toBe('名册里没有这个房号，请核对后再填（例如 3-2-501）。');
    expect(await tab.inputValue('#unit')).toBe('<img src=x onerror=alert(1)>');
    expect(await tab.locator('main img').count()).toBe(0);
    for (let left = 4; left >= 0; left--) {
      await attempt('2-1-101', 'WRONGCOD');
      expect(await tab.locator('.answer').innerText()).toBe(left > 0 ? `房号或户码不对。还可以再试 ${left} 次。` : '房号或户码不对。本小时的尝试次数已用完。');
      expect(await tab.inputValue('#code')).toBe('');
    }
    await attempt('2-1-101', s.ownerCode.get('2-1-101')!);
    expect(await tab.locator('.answer').innerText()).toBe('尝试次数太多，为了安全暂时不能登录。请 60 分钟后再试，或私聊机器人发送“网页”获取登录链接。');
    await tab.screenshot({ path: path.join(ARTIFACTS, 'code-sign-in-360.png'), fullPage: true });

    // From another address (the proxy's forwarded one), the right code signs in and lands on the poll.
    await tab.context().setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.7' });
    await attempt('2号楼1单元101室', s.ownerCode.get('2-1-101')!.toLowerCase());
    expect(new URL(tab.url()).pathname).toMatch(/^\/p\/[A-Za-z0-9_-]{22}$/);
    await tab.getByRole('button', { name: '1. 同意' }).click();
    expect(await tab.locator('#vote .answer').innerText()).toMatch(/^已记录：您家投的是“同意”。回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}。$/);

    // A form without its token (posted from elsewhere or replayed) is refused.
    const forged = await fetch(`${base()}/signin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `unit=2-1-102&code=${s.ownerCode.get('2-1-102')}` });
    expect(forged.status).toBe(403);
  });

  it('signs a Telegram Mini App user in by the launch data signed with the bot token, and refuses forged or stale data', async () => {
    const TOKEN = '7000000001:AAFakeTokenForTheYishiTests_0123';
    const c = createChatWorld(d.db, { features: allFeatures() });
    const { clock } = c;
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: base, telegramToken: TOKEN });
    http = await startHttp({ port: 0, health: async () => ({ ok: true, database: 'up', platforms: {} }), metrics: () => '', routes: [webRoute(app)] });
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    await bindAs(d.db, clock, s, '4242', '2-1-102');
    /** Launch data as Telegram signs it (core.telegram.org/bots/webapps, "Validating data received via the Mini App"). */
    const initData = (user: number, authDate: number, token = TOKEN) => {
      const fields: Record<string, string> = { auth_date: String(authDate), query_id: 'AAH', user: JSON.stringify({ id: user, first_name: '李', language_code: 'zh-hans' }) };
      const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n');
      const secret = createHmac('sha256', 'WebAppData').update(token).digest();
      return new URLSearchParams({ ...fields, hash: createHmac('sha256', secret).update(check).digest('hex') }).toString();
    };
    const now = Math.floor(clock.now().getTime() / 1000);
    const open = (data: string) => tab.goto(`${base()}/tg#tgWebAppData=${encodeURIComponent(data)}&tgWebAppVersion=7.0&tgWebAppPlatform=android`);
    await open(initData(4242, now));
    await tab.waitForURL((u) => u.pathname === '/');
    expect(await tab.locator('main').innerText()).toContain('幸福里 · 2-1-102');

    for (const data of [initData(4242, now, '7000000001:AnotherBotsToken_________________'), initData(4242, now - 2 * 3600), initData(5555, now)]) {
      await tab.context().clearCookies();
      await open(data);
      await tab.waitForURL((u) => u.pathname === '/tg' && !u.hash);
      expect(await tab.locator('main').innerText()).toContain('无法用 Telegram 登录');
      expect((await tab.context().cookies()).some((k) => k.name === 'yishi_session')).toBe(false);
    }
  });

  it('is for members: without a session it asks to sign in and shows no amounts', async () => {
    await world();
    const res = await tab.goto(`${base()}/community`);
    expect(res?.status()).toBe(200);
    const text = await tab.locator('main').innerText();
    expect(text).toContain('您还没有登录');
    expect(await tab.getByRole('link', { name: '没有用机器人？用房号和户码登录' }).count()).toBe(1);
    expect(text).not.toContain('物业费');
    expect(text).not.toContain('文明养犬公约');
  });
});
