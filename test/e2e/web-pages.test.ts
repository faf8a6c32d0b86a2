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
  const clock = createManualClock('2026-12-01T02:00:00Z');
  const base = () => `http://127.0.0.1:${http.port}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    d = await freshDatabase(PG_ENABLED ? 'postgres' : 'pglite');
    const app = createWebApp({ db: d.db, now: () => clock.now() });
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
});
