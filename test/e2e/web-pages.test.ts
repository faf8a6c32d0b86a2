/**
 * The residents' pages (SPEC §13) in a real browser: Debian's Chromium through playwright-core,
 * against the pages as the service serves them (the same Hono app and route on node's HTTP server).
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publicationList } from '../../src/app/ballot-entry.js';
import { createManualClock } from '../../src/app/clock.js';
import { findMember } from '../../src/app/members.js';
import { castVote, closePoll } from '../../src/app/polls.js';
import { receiptCode } from '../../src/domain/receipt.js';
import { startHttp } from '../../src/http.js';
import { createWebApp, webRoute } from '../../src/web/app.js';
import { linkKeyOf } from '../../src/web/links.js';
import { ARTIFACTS, HAVE_CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { freshDatabase, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';
import { createChatWorld } from '../helpers/chat.js';
import { allFeatures } from '../../src/chat/features/index.js';
import { webSignInFeature } from '../../src/web/sign-in-feature.js';

const ROSTER = [
  { unit: '2-1-101', area: '89.50', owner: '王芳' },
  { unit: '2-1-102', area: '75.25', owner: '李强' },
  { unit: '2-2-201', area: '120.00', owner: '张伟' },
  { unit: '3-1-301', area: '60.00', owner: '赵敏' },
];

describe.runIf(HAVE_CHROMIUM)('the poll pages in Chromium', () => {
  let browser: Browser;
  let d: TestDatabase;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let tab: Page;
  let clock = createManualClock('2026-12-01T02:00:00Z');
  const base = () => `http://127.0.0.1:${http.port}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    d = await freshDatabase(PG_ENABLED ? 'postgres' : 'pglite');
    clock = createManualClock('2026-12-01T02:00:00Z');
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: base });
    http = await startHttp({ port: 0, health: async () => ({ ok: true, database: 'up', platforms: {} }), metrics: () => '', routes: [webRoute(app)] });
    tab = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' })).newPage();
  });
  afterEach(async () => {
    await tab?.context().close();
    await http?.close();
    await d?.drop();
  });

  async function world(over: Parameters<typeof openAsChair>[3] = {}) {
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    for (const [i, r] of ROSTER.entries()) await bindAs(d.db, clock, s, `u${i}`, r.unit);
    const poll = await openAsChair(d.db, clock, s.id, over);
    const vote = async (i: number, optionNo: number) => {
      const r = await castVote(d.db, clock, { poll, platform: 'telegram', userId: `u${i}`, optionNo, sourceKey: null });
      if (!r.ok) throw new Error(r.code);
      return receiptCode(r.ballotHash);
    };
    return { s, poll, vote, key: await linkKeyOf(d.db, poll, 'poll', clock.now()) };
  }

  it('shows a poll with its matter, rule, scope, deadline and options, and a title residents typed as text', async () => {
    const w = await world({ title: '<img src=x onerror=alert(1)> 加装电梯', rule: 'owners-major', matter: 7, scope: '2' });
    await w.vote(0, 1);
    let dialogs = 0;
    tab.on('dialog', (dlg) => {
      dialogs++;
      void dlg.dismiss();
    });
    const res = await tab.goto(`${base()}/p/${w.key}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(await tab.locator('h1').textContent()).toBe('<img src=x onerror=alert(1)> 加装电梯');
    expect(await tab.locator('img').count()).toBe(0);
    const text = await tab.locator('main').innerText();
    expect(text).toContain('表决 #1 · 幸福里');
    expect(text).toContain('投票进行中');
    expect(text).toContain('重大事项（业主双四分之三）');
    expect(text).toContain('《民法典》第二百七十八条');
    expect(text).toContain('范围：2号楼');
    expect(text).toMatch(/截止：2026-12-08 \d\d:\d\d/);
    expect(await tab.locator('ol.options li').allTextContents()).toEqual(['同意', '反对', '弃权']);
    expect(text).toContain('参与：面积 89.50/284.75 m²');
    expect(text).toContain('1. 同意：面积 89.50 m²，1 人');
    expect(dialogs).toBe(0);
    // Large enough for older eyes, and the button a thumb can hit.
    expect(await tab.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
    expect((await tab.locator('button').first().boundingBox())!.height).toBeGreaterThanOrEqual(48);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'poll-page-360.png'), fullPage: true });
  });

  it('shows turnout but no tally while results are hidden, and in English on request', async () => {
    const w = await world({ title: '更换门禁', rule: 'simple', hideResults: true });
    await w.vote(0, 1);
    await w.vote(1, 2);
    await tab.goto(`${base()}/p/${w.key}`);
    const text = await tab.locator('main').innerText();
    expect(text).toContain('参与：2/4 户');
    expect(text).not.toContain('同意：1 户');
    await tab.getByRole('link', { name: 'English' }).click();
    const en = await tab.locator('main').innerText();
    expect(en).toContain('Voting is open');
    expect(en).toContain('Options');
    expect(await tab.locator('html').getAttribute('lang')).toBe('en');
  });

  it('checks a receipt code: counted, replaced by a later vote, unknown, or not a code at all', async () => {
    const w = await world({ title: '更换门禁', rule: 'simple' });
    const first = await w.vote(0, 1);
    const second = await w.vote(0, 2);
    await tab.goto(`${base()}/p/${w.key}`);
    const check = async (code: string) => {
      await tab.fill('#code', code);
      await tab.click('button[type=submit]');
      return tab.locator('.answer').innerText();
    };
    expect(await check(second.toLowerCase().replace(/-/g, ' '))).toBe(`回执码 ${second} 对应的选票已计入。`);
    expect(await check(first)).toBe(`回执码 ${first} 对应的选票已被同一户后来的选票替换，计入的是后来那一张。`);
    expect(await check('0000-0000-0000')).toBe('在本次表决中找不到回执码 0000-0000-0000。请核对后再试。');
    expect(await check('不是回执码')).toBe('回执码是 12 位数字或字母 A–F，可以带横线，例如 3F9A-C21B-77D0。');
  });

  it('links a closed poll to its result and publication list, with no names, and no options for a secret poll', async () => {
    const w = await world({ title: '选聘物业', rule: 'owners-general', matter: 4 });
    const receipt = await w.vote(0, 1);
    await w.vote(2, 2);
    const chair = (await findMember(d.db, w.s.id, 'telegram', 'chair'))!;
    const closed = await closePoll(d.db, clock, { pollId: w.poll.pollId, actor: chair });
    expect(closed.ok).toBe(true);
    await tab.goto(`${base()}/p/${w.key}`);
    expect(await tab.locator('main').innerText()).toContain('已结束：');
    await tab.getByRole('link', { name: '查看结果和公示名单' }).click();
    expect(tab.url()).toMatch(/\/g\/[A-Za-z0-9_-]{22}\?lang=zh-CN$/);
    const rows = await tab.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual((await publicationList(d.db, closed.ok ? closed.poll : w.poll)).map((r) => [r.units, r.areaM2, r.receipt, r.option, '线上']));
    expect(rows.map((r) => r[0])).toEqual(['2-1-101', '2-2-201']);
    expect(rows.find((r) => r[0] === '2-1-101')).toEqual(['2-1-101', '89.50', receipt, '同意', '线上']);
    const page = await tab.content();
    for (const r of ROSTER) expect(page).not.toContain(r.owner);

    const secret = await openAsChair(d.db, clock, w.s.id, { title: '不记名测评', rule: 'simple', secret: true });
    await castVote(d.db, clock, { poll: secret, platform: 'telegram', userId: 'u1', optionNo: 2, sourceKey: null });
    await closePoll(d.db, clock, { pollId: secret.pollId, actor: chair });
    await tab.goto(`${base()}/g/${await linkKeyOf(d.db, secret, 'publication', clock.now())}`);
    expect(await tab.locator('thead th').allTextContents()).toEqual(['房号', '面积（m²）', '回执码', '方式']);
    expect(await tab.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent))).toEqual([expect.not.stringContaining('反对')]);
  });

  it('answers an address nobody was given with a polite page, and no page for an open poll\'s publication', async () => {
    const w = await world({ title: '更换门禁', rule: 'simple' });
    const res = await tab.goto(`${base()}/p/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(res?.status()).toBe(404);
    expect(await tab.locator('h1').textContent()).toBe('找不到这个页面');
    expect((await tab.goto(`${base()}/g/${await linkKeyOf(d.db, w.poll, 'publication', clock.now())}`))?.status()).toBe(404);
    expect((await tab.goto(`${base()}/p/${w.key}'"><script>`))?.status()).toBe(404);
  });

  /** The chat over the same database, with /web; its clock is the pages' clock. */
  function chat() {
    const c = createChatWorld(d.db, { features: [...allFeatures(), webSignInFeature(base)] });
    clock = c.clock;
    const linkFor = async (userId: string) => {
      await c.say('private', { id: userId }, '网页');
      const text = c.transport.sent.at(-1)!.text;
      expect(text).toMatch(/^这是您的个人网页登录链接（15 分钟内有效，只能用一次，请勿转发）：\nhttp:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}\n/);
      return /(http:\/\/\S+\/s\/[A-Za-z0-9_-]{43})/.exec(text)![1]!;
    };
    return { ...c, linkFor };
  }

  it('signs a household in by its link, votes, shows its receipt, changes the vote; the link works only once', async () => {
    const c = chat();
    const w = await world({ title: '更换门禁', rule: 'simple' });
    const link = await c.linkFor('u1');
    await tab.goto(link);
    expect(new URL(tab.url()).pathname).toBe('/');
    const cookie = (await tab.context().cookies()).find((x) => x.name === 'yishi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    expect(cookie.expires - clock.now().getTime() / 1000).toBeGreaterThan(29 * 86_400);
    expect(await tab.locator('main').innerText()).toContain('幸福里 · 2-1-102');
    await tab.getByRole('link', { name: '表决 #1 更换门禁' }).click();
    expect(await tab.locator('#vote').innerText()).toContain('您家还没有投票。点下面的选项投票：');
    await tab.screenshot({ path: path.join(ARTIFACTS, 'ballot-page-360.png'), fullPage: true });
    await tab.getByRole('button', { name: '1. 同意' }).click();
    const recorded = await tab.locator('#vote .answer').innerText();
    expect(recorded).toMatch(/^已记录：您家投的是“同意”。回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}。$/);
    await tab.getByRole('button', { name: '2. 反对' }).click();
    const changed = await tab.locator('#vote .answer').innerText();
    expect(changed).toMatch(/^已改票：您家投的是“反对”。回执码 /);
    const votes = await d.db.execute((await import('drizzle-orm')).sql`select pv.option_no, b.channel from poll_votes pv join ballots b on b.ballot_id = pv.ballot_id`);
    expect((Array.isArray(votes) ? votes : (votes as { rows: unknown[] }).rows)).toEqual([{ option_no: 2, channel: 'online' }]);
    // The same link a second time, in another browser: refused.
    const other = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' })).newPage();
    const again = await other.goto(link);
    expect(again?.status()).toBe(410);
    expect(await other.locator('main').innerText()).toContain('这个登录链接已经用过或已过期');
    await other.context().close();
    // Sign-out ends the session.
    await tab.goto(`${base()}/`);
    await tab.getByRole('button', { name: '退出登录' }).click();
    expect(await tab.locator('main').innerText()).toContain('您已退出登录。');
    await tab.goto(`${base()}/p/${w.key}`);
    expect(await tab.locator('#vote').count()).toBe(0);
  });

  it('refuses an expired link, a household of another community, and a vote posted without its form token', async () => {
    const c = chat();
    const w = await world({ title: '更换门禁', rule: 'simple' });
    const expired = await c.linkFor('u0');
    clock.advance(16 * 60_000);
    expect((await tab.goto(expired))?.status()).toBe(410);

    // A household of another community, signed in, on this community's poll.
    const other = await seedCommunity(d.db, clock, [{ unit: '9-9-909', area: '50.00', owner: '钱多' }], '隔壁小区');
    await bindAs(d.db, clock, other, 'x9', '9-9-909');
    await tab.goto(await c.linkFor('x9'));
    await tab.goto(`${base()}/p/${w.key}`);
    expect(await tab.locator('#vote').innerText()).toBe('您登录的是另一个小区的账号，不能在这个表决中投票。');
    expect(await tab.locator('#vote form').count()).toBe(0);

    // Signed in here, a POST without the form token (as another site would send it) changes nothing.
    await tab.context().clearCookies();
    await tab.goto(await c.linkFor('u2'));
    const forged = await tab.evaluate(async (url) => (await fetch(url, { method: 'POST', body: new URLSearchParams({ option: '1' }) })).status, `${base()}/p/${w.key}/vote`);
    expect(forged).toBe(403);
    const fromElsewhere = await fetch(`${base()}/p/${w.key}/vote`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', cookie: (await tab.context().cookies()).map((k) => `${k.name}=${k.value}`).join('; ') },
      body: 'option=1&csrf=x',
      redirect: 'manual',
    });
    expect(fromElsewhere.status).toBe(403);
    const n = await d.db.execute((await import('drizzle-orm')).sql`select count(*)::int as n from ballots`);
    expect((Array.isArray(n) ? n : (n as { rows: { n: number }[] }).rows)[0]).toEqual({ n: 0 });
  });
});
