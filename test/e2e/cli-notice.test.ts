import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { importConvention } from '../../src/app/conventions.js';
import { findMember } from '../../src/app/members.js';
import { castVote, closePoll, openPoll } from '../../src/app/polls.js';
import { runAdmin } from '../../src/cli/admin.js';
import { rows } from '../../src/db/client.js';
import { freshDatabase, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { bindAs, draft, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const ROOT = process.cwd();

describe.skipIf(!PG_ENABLED)('admin CLI: notice period, publication list and printable notices', () => {
  let d: TestDatabase;
  let dir: string;
  const clock = createManualClock('2026-12-01T02:00:00Z');
  beforeEach(async () => {
    d = await freshDatabase('postgres');
    dir = await mkdtemp(path.join(tmpdir(), 'yishi-notice-'));
  });
  afterEach(async () => {
    await d.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function admin(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runAdmin(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { DATABASE_URL: d.url }, cwd: dir }, { clock });
    return { code, stdout, stderr };
  }

  async function closedPoll(secret = false) {
    const s = await seedCommunity(d.db, clock, [
      { unit: '1-101', area: '100.00', owner: '张三' },
      { unit: '1-102', area: '80.50', owner: '李四' },
      { unit: '1-103', area: '60.00', owner: '王五' },
    ]);
    for (const [i, u] of ['1-101', '1-102', '1-103'].entries()) await bindAs(d.db, clock, s, `o${i}`, u);
    const poll = await openAsChair(d.db, clock, s.id, { title: '更换物业公司', secret });
    const codes: string[] = [];
    for (const i of [0, 1]) {
      const r = await castVote(d.db, clock, { poll, platform: 'telegram', userId: `o${i}`, optionNo: i + 1, sourceKey: `v${i}` });
      if (r.ok) codes.push(r.ballotHash.slice(0, 12).toUpperCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'));
    }
    return { s, poll, codes };
  }

  it('creates a community with its notice period and refuses a bad one', async () => {
    expect((await admin('community', 'add', '南湖', '--notice-days', '20')).code).toBe(0);
    expect((await rows<{ n: number }>(d.db, sql`select notice_days as n from communities where name = '南湖'`))[0]!.n).toBe(20);
    expect((await admin('community', 'add', '北湖')).code).toBe(0);
    expect((await rows<{ n: number }>(d.db, sql`select notice_days as n from communities where name = '北湖'`))[0]!.n).toBe(15);
    const bad = await admin('community', 'add', '西湖', '--notice-days', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--notice-days');
  });

  it('exports a closed poll’s publication list with every counted household’s receipt, and refuses an open poll', async () => {
    const { s, poll, codes } = await closedPoll();
    const early = await admin('export', s.name, 'receipts', '--poll', '1');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('still open');
    expect((await admin('export', s.name, 'receipts')).code).toBe(2);
    await closePoll(d.db, clock, { pollId: poll.pollId, actor: null });
    const csv = await admin('export', s.name, 'receipts', '--poll', '1');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('unit,area_m2,receipt,option,channel');
    expect(csv.stdout).toContain(`1-101,100.00,${codes[0]},同意,online`);
    expect(csv.stdout).toContain(`1-102,80.50,${codes[1]},反对,online`);
    expect(csv.stdout).not.toMatch(/张三|李四|1-103/);
    const json = JSON.parse((await admin('export', s.name, 'receipts', '--poll', '1', '--json')).stdout) as { receipt: string }[];
    expect(json.map((r) => r.receipt).sort()).toEqual([...codes].sort());
  });

  it('leaves the options out of a secret poll’s publication list', async () => {
    const { s, poll } = await closedPoll(true);
    await closePoll(d.db, clock, { pollId: poll.pollId, actor: null });
    const csv = await admin('export', s.name, 'receipts', '--poll', '1');
    expect(csv.stdout.split('\n')[0]).toBe('unit,area_m2,receipt,channel');
    expect(csv.stdout).not.toMatch(/同意|反对/);
  });

  it('prints a poll’s notice with its rule, turnout and receipt list, as text and as a PDF', async () => {
    const { s, poll, codes } = await closedPoll();
    await closePoll(d.db, clock, { pollId: poll.pollId, actor: null });
    const text = await admin('notice', s.name, 'poll', '1');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('表决结果公告');
    expect(text.stdout).toContain('规则：一般事项（业主双过半）（《民法典》第二百七十八条）');
    expect(text.stdout).toContain('参与：面积 180.50/240.50 m²');
    expect(text.stdout).toContain('公示名单（2 户，不含姓名）');
    for (const c of codes) expect(text.stdout).toContain(c);
    const out = await admin('notice', s.name, 'poll', '1', '--out', 'notice.pdf');
    expect(out.code).toBe(0);
    const pdf = await readFile(path.join(dir, 'notice.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    expect((await admin('notice', s.name, 'poll', '1', '--out', 'notice.txt')).code).toBe(2);
    expect((await admin('notice', s.name, 'poll', '9')).code).toBe(1);
  });

  it('prints the filing notice of a convention in force with its vote', async () => {
    const s = await seedCommunity(d.db, clock, [
      { unit: '1-101', area: '100.00', owner: '张三' },
      { unit: '1-102', area: '80.50', owner: '李四' },
    ]);
    for (const [i, u] of ['1-101', '1-102'].entries()) await bindAs(d.db, clock, s, `o${i}`, u);
    const imported = await importConvention(d.db, clock, s.id, '文明养犬公约\n第一条 遛狗拴绳。\n第二条 及时清理粪便。');
    expect(imported.ok).toBe(true);
    await openAsChair(d.db, clock, s.id, { title: 'x', rule: 'simple' });
    const chair = (await findMember(d.db, s.id, 'telegram', 'chair'))!;
    const opened = await openPoll(d.db, clock, {
      community: { communityId: s.id, timezone: 'Asia/Shanghai' },
      member: chair,
      draft: draft({ title: '《文明养犬公约》', rule: 'residents', convention: true, articles: ['第一条 遛狗拴绳。', '第二条 及时清理粪便。'] }),
    });
    if (!opened.ok) throw new Error(opened.code);
    for (const i of [0, 1]) await castVote(d.db, clock, { poll: opened.poll, platform: 'telegram', userId: `o${i}`, optionNo: 1, sourceKey: `c${i}` });
    await closePoll(d.db, clock, { pollId: opened.poll.pollId, actor: null });
    const text = await admin('notice', s.name, 'convention', '文明养犬公约');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('居民公约备案');
    expect(text.stdout).toContain('第一条 遛狗拴绳。');
    expect(text.stdout).toContain('经表决 #2 通过');
    expect(text.stdout).toContain('《城市居民委员会组织法》（2018年修正）第九条');
    const none = await admin('notice', s.name, 'convention', '停车公约');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('没有名为“停车公约”的现行公约');
  });
});
