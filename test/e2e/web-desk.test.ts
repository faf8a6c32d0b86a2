/**
 * The committee's desk (SPEC §13) in a real browser: Debian's Chromium through playwright-core,
 * against the pages as the service serves them, with the chat over the same database for the
 * `/desk` (管理) link and for comparing the desk's refusals with the chat's.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordUnanswered } from '../../src/app/faq.js';
import { setRole } from '../../src/app/members.js';
import { getPollByNo } from '../../src/app/polls.js';
import { allFeatures } from '../../src/chat/features/index.js';
import type { Effect } from '../../src/chat/model.js';
import { rows, type Db } from '../../src/db/client.js';
import { startHttp } from '../../src/http.js';
import { createWebApp, webRoute } from '../../src/web/app.js';
import type { DeskCommit } from '../../src/web/desk/desk-app.js';
import { deskSignInFeature } from '../../src/web/desk/sign-in-feature.js';
import { webSignInFeature } from '../../src/web/sign-in-feature.js';
import { ARTIFACTS, HAVE_CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { createChatWorld } from '../helpers/chat.js';
import { freshDatabase, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { bindAs, seedCommunity } from '../helpers/fixtures.js';

const ROSTER = [
  { unit: '2-1-101', area: '89.50', owner: '王芳' },
  { unit: '2-1-102', area: '75.25', owner: '李强' },
  { unit: '2-2-201', area: '120.00', owner: '张伟' },
  { unit: '3-1-301', area: '60.00', owner: '赵敏' },
];

describe.runIf(HAVE_CHROMIUM)("the committee's desk in Chromium", () => {
  let browser: Browser;
  let d: TestDatabase;
  let http: Awaited<ReturnType<typeof startHttp>>;
  let tab: Page;
  let said: { effects: Effect[]; communityId: number }[];
  const base = () => `http://127.0.0.1:${http.port}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    d = await freshDatabase(PG_ENABLED ? 'postgres' : 'pglite');
    said = [];
  });
  afterEach(async () => {
    await tab?.context().close();
    await http?.close();
    await d?.drop();
  });

  /** A community with its roster, households bound, a chair, the chat with /web and /desk, and the pages on its clock. */
  async function world() {
    const c = createChatWorld(d.db, { features: [...allFeatures(), webSignInFeature(base), deskSignInFeature(base)] });
    const clock = c.clock;
    // What each action says is noted here (test/db/desk-commit.test.ts follows it into the outbox).
    const commit: DeskCommit = (communityId, fn) => d.db.transaction((tx) => fn(tx as unknown as Db, async (effects) => void (effects.length && said.push({ effects, communityId }))));
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: base, commit });
    http = await startHttp({ port: 0, health: async () => ({ ok: true, database: 'up', platforms: {} }), metrics: () => '', routes: [webRoute(app)] });
    tab = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' })).newPage();
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    for (const [i, r] of ROSTER.entries()) await bindAs(d.db, clock, s, `u${i}`, r.unit);
    // The chair lives here too, as a tenant of 3-1-301.
    await bindAs(d.db, clock, s, 'chair', '3-1-301', true);
    await setRole(d.db, clock, { communityId: s.id, platform: 'telegram', userId: 'chair', role: 'chair', actor: 'test' });
    const last = () => c.transport.sent.at(-1)!.text;
    const linkIn = (text: string) => /(http:\/\/\S+\/(?:desk\/)?s\/[A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? null;
    const deskLink = async (userId: string) => {
      await c.say('private', { id: userId }, '管理');
      expect(last()).toMatch(/^这是业委会工作台的登录链接（15 分钟内有效，只能用一次，请勿转发）：\nhttp:\/\/127\.0\.0\.1:\d+\/desk\/s\/[A-Za-z0-9_-]{43}\n/);
      return linkIn(last())!;
    };
    const webLink = async (userId: string) => {
      await c.say('private', { id: userId }, '网页');
      return linkIn(last())!;
    };
    const audit = async (action: string) => rows<{ entry: string }>(d.db, sql`select entry from audit_log where community_id = ${s.id} and action = ${action} order by seq`);
    return { ...c, clock, s, last, deskLink, webLink, audit, desk: `${base()}/desk/${s.id}` };
  }

  it('signs the committee in by its /desk link: roster errors by line, a poll opened, a paper ballot, the close and the notice PDF', async () => {
    const w = await world();
    await tab.goto(await w.deskLink('chair'));
    expect(new URL(tab.url()).pathname).toBe(`/desk/${w.s.id}`);
    expect(await tab.locator('h1').innerText()).toBe('业委会工作台');
    expect(await tab.locator('main').innerText()).toContain('幸福里 · chair（主任/召集人）');
    const cookie = (await tab.context().cookies()).find((x) => x.name === 'yishi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // The roster: a file with a bad row is refused whole, with the row's line number, as the CLI does.
    await tab.getByRole('link', { name: '导入名册' }).click();
    const upload = async (name: string, text: string) => {
      await tab.setInputFiles('#file', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await tab.getByRole('button', { name: '上传并导入' }).click();
      return tab.locator('main').innerText();
    };
    const bad = await upload('roster.csv', 'unit,area_m2,owner_name,owner_id\n5-1-501,88.00,<b>周到</b>,\n5-1-502,abc,吴用,\n\n5-1-501,0,,\n');
    expect(bad).toContain('没有导入：有 2 行有问题');
    expect(await tab.locator('ul.errors li').allInnerTexts()).toEqual([
      '第 3 行：面积（area_m2）“abc”不是最多两位小数的数字',
      '第 5 行：房号 5-1-501 与第 2 行重复；面积（area_m2）必须大于 0；缺少业主姓名（owner_name）',
    ]);
    expect(await tab.locator('b').count()).toBe(0);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-roster-360.png'), fullPage: true });
    expect((await rows<{ n: number }>(d.db, sql`select count(*)::int as n from units where community_id = ${w.s.id}`))[0]!.n).toBe(4);
    expect(await upload('roster.csv', 'unit,area_m2,owner_name,owner_id\n5-1-501,88.00,周到,\n')).toContain('已导入 1 户');
    expect((await w.audit('units.imported')).at(-1)!.entry).toContain('"actor":"telegram:chair"');

    // A poll refused the way the chat refuses it: the same sentence.
    await w.say('private', { id: 'chair' }, '表决 加装电梯\n规则: 一般事项');
    const chatRefusal = w.last();
    await tab.goto(`${w.desk}/open`);
    await tab.fill('#title', '加装电梯');
    await tab.fill('#lines', '规则: 一般事项');
    await tab.getByRole('button', { name: '发起表决' }).click();
    expect(await tab.locator('.problem').innerText()).toBe(chatRefusal);
    expect(await tab.inputValue('#title')).toBe('加装电梯');
    expect(await getPollByNo(d.db, w.s.id, 1)).toBeNull();
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-open-360.png'), fullPage: true });

    // Opened from a title and lines: the card goes to the community's groups.
    await tab.fill('#title', '更换门禁系统 <script>alert(1)</script>');
    await tab.fill('#lines', '同意\n反对\n规则: 简单多数');
    await tab.getByRole('button', { name: '发起表决' }).click();
    expect(new URL(tab.url()).pathname).toBe(`/desk/${w.s.id}/poll/1`);
    expect(await tab.locator('.notice').innerText()).toBe('表决 #1 已发起，已发到小区群。');
    expect(await tab.locator('h1').innerText()).toBe('更换门禁系统 <script>alert(1)</script>');
    expect(said.at(-1)!.effects).toEqual([expect.objectContaining({ kind: 'announce', communityId: w.s.id, track: { pollId: expect.any(Number) } })]);
    expect((await w.audit('poll.opened')).at(-1)!.entry).toContain('"actor":"telegram:chair"');

    // A paper ballot for a household, with who entered it; the owner is told privately.
    await tab.fill('#unit', '2-1-101');
    await tab.selectOption('#option', '1');
    await tab.getByRole('button', { name: '代录这张票' }).click();
    expect(await tab.locator('.notice').innerText()).toMatch(/^已代录：表决 #1，2-1-101 投“同意”（纸质）。回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}。/);
    expect(await tab.locator('ul.entered li').first().innerText()).toMatch(/^2-1-101 · 同意 · 纸质\n代录人：chair · 2026-12-01 \d\d:\d\d$/);
    expect(said.at(-1)!.effects).toEqual([{ kind: 'card', pollId: expect.any(Number) }, expect.objectContaining({ kind: 'private', userId: 'u0', text: expect.stringContaining('已由 chair 代录（纸质）') })]);
    const ballot = (await w.audit('ballot.cast')).at(-1)!.entry;
    expect(ballot).toContain('"actor":"telegram:chair"');
    expect(ballot).toContain('"channel":"paper"');
    expect(ballot).toContain('"unit":"2-1-101"');
    // The chair does not check its own entry; a second member does, and that is kept with their name.
    expect(await tab.locator('form.confirm').count()).toBe(0);
    await setRole(d.db, w.clock, { communityId: w.s.id, platform: 'telegram', userId: 'u3', role: 'committee', actor: 'test' });
    const second = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' })).newPage();
    await second.goto(await w.deskLink('u3'));
    await second.goto(`${w.desk}/poll/1`);
    await second.locator('ul.entered').evaluate((e) => e.scrollIntoView());
    await second.screenshot({ path: path.join(ARTIFACTS, 'desk-confirm-360.png') });
    await second.getByRole('button', { name: '核对 2-1-101 的代录选票无误' }).click();
    expect(await second.locator('.notice').innerText()).toBe('已记录：您核对了 2-1-101 的代录选票。');
    expect(await second.locator('ul.entered .confirmed').innerText()).toBe('已核对：u3');
    expect(await second.locator('form.confirm').count()).toBe(0);
    await second.context().close();
    expect((await w.audit('ballot.confirmed')).at(-1)!.entry).toMatch(/"actor":"telegram:u3".*"unit":"2-1-101"/);
    // A unit not on the roster is refused with the chat's words.
    await tab.fill('#unit', '9-9-999');
    await tab.getByRole('button', { name: '代录这张票' }).click();
    expect(await tab.locator('.problem').innerText()).toBe('名册里没有房屋“9-9-999”，请核对房号（例如 2-1-301）。');

    // Turnout by building and entrance.
    const turnout = await tab.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(turnout).toEqual([
      ['2-1', '1/2', '89.50/164.75'],
      ['2-2', '0/1', '0.00/120.00'],
      ['2号楼', '1/3', '89.50/284.75'],
      ['3-1', '0/1', '0.00/60.00'],
      ['3号楼', '0/1', '0.00/60.00'],
      ['5-1', '0/1', '0.00/88.00'],
      ['5号楼', '0/1', '0.00/88.00'],
    ]);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-poll-360.png'), fullPage: true });
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-poll-top-360.png') });
    await tab.locator('#entry').evaluate((e) => e.scrollIntoView());
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-poll-entry-360.png') });

    // The close, by the chair: the card at once and the result to the groups.
    await tab.getByRole('button', { name: '结束表决并公布结果' }).click();
    expect(await tab.locator('.notice').innerText()).toBe('表决 #1 已结束，结果已发到小区群。');
    expect(said.at(-1)!.effects.map((e) => e.kind)).toEqual(['card', 'announce']);
    expect((await getPollByNo(d.db, w.s.id, 1))!.status).toBe('closed');
    expect((await w.audit('poll.closed')).at(-1)!.entry).toContain('"actor":"telegram:chair"');

    // The notice as a PDF, and the publication list as CSV.
    const pdf = await tab.context().request.get(`${w.desk}/poll/1/notice.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const receipts = await tab.context().request.get(`${w.desk}/poll/1/receipts.csv`);
    expect((await receipts.text()).replace(/^\uFEFF/, '').split('\n')[0]).toBe('unit,area_m2,receipt,option,channel');

    // The desk's home, as a committee member sees it on a phone.
    await tab.goto(w.desk);
    expect(await tab.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
    for (const a of await tab.locator('nav.desk a').all()) expect((await a.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-360.png'), fullPage: true });
  });

  it('exports CSV, shows the reminders schedule, and answers an unanswered question', async () => {
    const w = await world();
    await recordUnanswered(d.db, w.clock, w.s.id, '电动车可以在哪里充电？', { platform: 'telegram', userId: 'u2', locale: 'zh-CN' });
    await tab.goto(await w.deskLink('chair'));
    await tab.getByRole('link', { name: '导出报表' }).click();
    const polls = await tab.context().request.get(`${w.desk}/export/polls.csv`);
    expect(polls.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await polls.text()).replace(/^\uFEFF/, '').split('\n')[0]).toContain('poll_no');
    for (const k of ['ballots', 'topics', 'meetings']) expect((await tab.context().request.get(`${w.desk}/export/${k}.csv`)).status()).toBe(200);
    await tab.goto(`${w.desk}/reminders`);
    expect(await tab.locator('h1').innerText()).toBe('提醒计划');

    await tab.goto(w.desk);
    await tab.getByRole('link', { name: '待答问题 (1)' }).click();
    expect(await tab.locator('#q1 h2').innerText()).toBe('#1 电动车可以在哪里充电？');
    await tab.fill('#answer1', '地下车库 B2 的充电桩，扫码付费。');
    await tab.getByRole('button', { name: '回答并通知提问的人' }).click();
    expect(await tab.locator('.notice').innerText()).toBe('已加入问答 #1，已通知 1 位提问的居民。');
    expect(await tab.locator('main').innerText()).toContain('没有待答的问题。');
    expect(said.at(-1)!.effects).toEqual([expect.objectContaining({ kind: 'private', userId: 'u2', text: expect.stringContaining('地下车库 B2 的充电桩') })]);
    expect((await w.audit('faq.added')).at(-1)!.entry).toContain('"actor":"telegram:chair"');
  });

  it('lists repair requests on the desk from the repairs feature, dispatches one to the property company and marks it fixed, saying what the chat says', async () => {
    const w = await world();
    await w.say({ group: '-300' }, { id: 'chair' }, `/setup ${w.s.setupCode}`);
    await w.say({ group: '-300' }, { id: 'u0' }, '报修 2号楼电梯不动了 <b>急</b>');
    await tab.goto(await w.deskLink('chair'));
    await tab.getByRole('link', { name: '报修' }).click();
    expect(new URL(tab.url()).pathname).toBe(`/desk/${w.s.id}/repairs`);
    expect(await tab.locator('ul.repairs li').first().innerText()).toMatch(/^#1 · 2号楼 · 待派单\n+2号楼电梯不动了 <b>急<\/b>\n+报修时间：2026-12-01 \d\d:\d\d/);
    expect(await tab.locator('main b').count()).toBe(0);

    await tab.selectOption('#who-1', 'property');
    await tab.fill('#when-1', '48小时');
    await tab.getByRole('button', { name: '派单' }).click();
    expect(await tab.locator('.notice').innerText()).toBe('报修 #1 已派单，群里、承办人和报修人都会收到通知。');
    expect(await tab.locator('ul.repairs li').first().innerText()).toContain('承办：物业，约定 ');
    expect(said.at(-1)!.effects).toEqual([
      { kind: 'announce', communityId: w.s.id, text: expect.stringMatching(/^【报修 #1】2号楼 · 已派单给 物业，约定 2026-12-0\d \d\d:\d\d 前修好。$/) },
      { kind: 'private', platform: 'telegram', userId: 'u0', text: expect.stringMatching(/^您的报修 #1 已派给 物业，约定 .* 前修好。$/) },
    ]);
    expect((await w.audit('repair.dispatch')).at(-1)!.entry).toContain('"actor":"telegram:chair"');

    const csrf = await tab.locator('input[name=csrf]').first().inputValue();
    await tab.getByRole('button', { name: '标记修好' }).click();
    expect(await tab.locator('.notice').innerText()).toBe('报修 #1 已标记修好，已请报修人确认。');
    expect(said.at(-1)!.effects).toEqual([
      { kind: 'announce', communityId: w.s.id, text: '【报修 #1】2号楼 · 已修好，等报修人确认。' },
      { kind: 'private', platform: 'telegram', userId: 'u0', text: '您的报修 #1 已标记修好。修好了请发“确认 1”；没修好请发“没修好 1”。' },
    ]);
    // A step the state does not allow is refused on the page and changes nothing.
    const session = (await tab.context().cookies()).find((x) => x.name === 'yishi_session')!.value;
    const refused = await fetch(`${w.desk}/repairs`, {
      method: 'POST',
      headers: { cookie: `yishi_session=${session}`, origin: base(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, action: 'fixed', no: '1' }).toString(),
    });
    expect(await refused.text()).toContain('报修 #1 已经标记修好，正在等报修人确认。');
    expect(await w.audit('repair.fixed')).toHaveLength(1);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'desk-repairs-360.png'), fullPage: true });
  });

  it('speaks English on request, keeps a secret poll\'s entered options hidden, and lets only the chair close', async () => {
    const w = await world();
    await setRole(d.db, w.clock, { communityId: w.s.id, platform: 'telegram', userId: 'u3', role: 'committee', actor: 'test' });
    await tab.goto(await w.deskLink('u3'));
    await tab.getByRole('link', { name: 'English' }).click();
    expect(await tab.locator('html').getAttribute('lang')).toBe('en');
    expect(await tab.locator('h1').innerText()).toBe("Committee's desk");
    // The roster's row errors in the CLI's own words.
    await tab.getByRole('link', { name: 'Import the roster' }).click();
    await tab.setInputFiles('#file', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from('unit,area_m2,owner_name\n6-1-101,50,\n') });
    await tab.getByRole('button', { name: 'Upload and import' }).click();
    expect(await tab.locator('ul.errors li').allInnerTexts()).toEqual(['Row 2: owner_name is missing']);
    await tab.getByRole('link', { name: 'Back to the desk' }).click();
    await tab.getByRole('link', { name: 'Open a poll' }).click();
    await tab.fill('#title', 'Secret survey');
    await tab.fill('#lines', 'Yes\nNo\nrule: simple\nsecret');
    await tab.getByRole('button', { name: 'Open the poll' }).click();
    expect(await tab.locator('.notice').innerText()).toBe("Poll #1 is open and was posted to the community's groups.");
    await tab.fill('#unit', '2-2-201');
    await tab.selectOption('#option', '2');
    await tab.selectOption('#channel', 'assisted');
    await tab.getByRole('button', { name: 'Enter this ballot' }).click();
    expect(await tab.locator('ul.entered li').first().innerText()).toMatch(/^2-2-201 · Assisted\nentered by u3 · /i);
    expect(await tab.locator('ul.entered').innerText()).not.toContain('No');
    // Entering one's own household's ballot is not the committee's to do (as in chat).
    await tab.fill('#unit', '3-1-301');
    await tab.getByRole('button', { name: 'Enter this ballot' }).click();
    expect(await tab.locator('.problem').innerText()).toMatch(/3-1-301/);
    // A committee member who is not the chair is not offered the close, and a close posted anyway gets the chat's sentence.
    expect(await tab.locator('#close').count()).toBe(0);
    const token = await tab.locator('input[name=csrf]').first().getAttribute('value');
    const refused = await tab.evaluate(async ([url, csrf]) => (await (await fetch(url!, { method: 'POST', body: new URLSearchParams({ csrf: csrf! }) })).text()), [`${w.desk}/poll/1/close?lang=en`, token]);
    expect(refused).toContain('Only the chair can do that.');
    expect((await getPollByNo(d.db, w.s.id, 1))!.status).toBe('open');
  });

  it('refuses a resident (in chat and on the desk), another community\'s committee, and a form posted without its token', async () => {
    const w = await world();
    // In chat: a polite refusal in the resident's language.
    await w.say('private', { id: 'u1' }, '管理');
    expect(w.last()).toBe('工作台只对业委会委员和主任/召集人开放。如需查看表决或投票，请发送“网页”获取居民网页的登录链接。');
    await w.say('private', { id: 'u1', lang: 'en' }, '/desk');
    expect(w.last()).toMatch(/^The desk is for committee members and the chair only\./);

    // A resident's session: 403 on every desk page.
    await tab.goto(await w.webLink('u1'));
    for (const p of ['/desk', `/desk/${w.s.id}`, `/desk/${w.s.id}/open`, `/desk/${w.s.id}/poll/1/notice.pdf`]) {
      const res = await tab.goto(`${base()}${p}`);
      expect(res?.status()).toBe(403);
    }
    expect(await tab.locator('main').innerText()).toContain('工作台只对业委会委员和主任/召集人开放。');
    const posted = await tab.evaluate(async (url) => (await fetch(url, { method: 'POST', body: new URLSearchParams({ title: '偷偷发起' }) })).status, `${w.desk}/open`);
    expect(posted).toBe(403);

    // A committee member of another community: not this one's desk.
    const other = await seedCommunity(d.db, w.clock, [{ unit: '9-9-909', area: '50.00', owner: '钱多' }], '隔壁小区');
    await setRole(d.db, w.clock, { communityId: other.id, platform: 'telegram', userId: 'neighbour', role: 'committee', actor: 'test' });
    await tab.context().clearCookies();
    await tab.goto(await w.deskLink('neighbour'));
    expect(new URL(tab.url()).pathname).toBe(`/desk/${other.id}`);
    const res = await tab.goto(w.desk);
    expect(res?.status()).toBe(403);
    expect(await tab.locator('main').innerText()).toContain('您登录的是另一个小区的账号，不能查看这个小区的工作台。');

    // The chair, signed in, posting without the form token (as another page would): refused, nothing opened.
    await tab.context().clearCookies();
    await tab.goto(await w.deskLink('chair'));
    const forged = await tab.evaluate(async (url) => (await fetch(url, { method: 'POST', body: new URLSearchParams({ title: '无令牌的表决', lines: '规则: 简单多数' }) })).status, `${w.desk}/open`);
    expect(forged).toBe(403);
    const fromElsewhere = await fetch(`${w.desk}/open`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', cookie: (await tab.context().cookies()).map((k) => `${k.name}=${k.value}`).join('; ') },
      body: 'title=x&csrf=x',
      redirect: 'manual',
    });
    expect(fromElsewhere.status).toBe(403);
    expect(await getPollByNo(d.db, w.s.id, 1)).toBeNull();
    // The desk link works only once.
    const link = await w.deskLink('chair');
    await tab.goto(link);
    expect((await tab.goto(link))?.status()).toBe(410);
    // A member no longer on the committee is refused at the next request, session or not.
    await setRole(d.db, w.clock, { communityId: w.s.id, platform: 'telegram', userId: 'u3', role: 'committee', actor: 'test' });
    await tab.context().clearCookies();
    await tab.goto(await w.deskLink('u3'));
    expect((await tab.goto(w.desk))?.status()).toBe(200);
    await setRole(d.db, w.clock, { communityId: w.s.id, platform: 'telegram', userId: 'u3', role: 'resident', actor: 'test' });
    expect((await tab.goto(w.desk))?.status()).toBe(403);
    // Signing out ends the session.
    await tab.context().clearCookies();
    await tab.goto(await w.deskLink('chair'));
    await tab.getByRole('button', { name: '退出登录' }).click();
    expect(await tab.locator('main').innerText()).toContain('您已退出登录。');
    expect((await tab.goto(w.desk))?.status()).toBe(403);
  });
});
