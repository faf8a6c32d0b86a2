import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { createManualClock } from '../../src/app/clock.js';
import { sha256Hex } from '../../src/app/codes.js';
import { findMember, setRole } from '../../src/app/members.js';
import { castVote, openPoll } from '../../src/app/polls.js';
import { runAdmin } from '../../src/cli/admin.js';
import { rows } from '../../src/db/client.js';
import { freshDatabase, freshDataDir, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { CHAIR, COMMITTEE, createDeliberationWorld } from '../helpers/deliberation.js';
import { draft, seedCommunity } from '../helpers/fixtures.js';
import { buildService } from '../helpers/processes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const execFileP = promisify(execFile);
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const ROSTER = 'unit,area_m2,owner_name,owner_id\n1-101,100.00,张三,A\n1-102,50.25,张三,A\n1-103,80,李四,\n';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with the given environment. */
async function admin(env: Record<string, string | undefined>, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

beforeAll(() => buildService(), 120_000);

/** Runs the built CLI (`dist/admin.js`, what `npm run admin` runs) as a separate process, as an operator would. */
async function spawnAdmin(env: Record<string, string | undefined>, ...argv: string[]): Promise<Run> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  delete base.DEFAULT_TIMEZONE;
  try {
    const r = await execFileP(process.execPath, ['dist/admin.js', ...argv], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8' });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The one JSON value a `--json` run prints, checking there is nothing else on stdout. */
function json(r: Run): unknown {
  expect(r.stdout.endsWith('\n')).toBe(true);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(r.stdout);
}

describe('admin CLI without a database', () => {
  it('prints the usage for --help and without arguments, exit 0', async () => {
    for (const argv of [['--help'], []]) {
      const r = await admin({}, ...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('units import COMMUNITY FILE.csv');
      expect(r.stdout).toContain('audit verify COMMUNITY');
      expect(r.stdout).toContain('convention import COMMUNITY FILE');
      expect(r.stdout).toContain('fees import COMMUNITY FILE.csv');
    }
  });

  it('refuses unknown commands, flags and missing arguments with exit 2', async () => {
    const unknown = await admin({}, 'rates', 'import', 'x', 'f.csv');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('Unknown command: rates import');
    expect(unknown.stderr).toContain('Usage:');
    expect((await admin({}, 'audit', 'x')).code).toBe(2);
    expect(await admin({}, 'codes', 'x', '--bogus')).toMatchObject({ code: 2, stdout: '' });
    expect((await admin({}, 'codes', 'x', '--format', 'csv')).stderr).toContain('codes does not take --format');
    expect((await admin({}, 'units', 'import', 'x')).stderr).toContain('units import needs FILE.csv');
    expect((await admin({}, 'convention', 'import', 'x')).stderr).toContain('convention import needs FILE');
    expect((await admin({}, 'export', 'x', 'votes')).code).toBe(2);
    expect((await admin({}, 'role', 'x', 'qq:1', 'chair')).stderr).toContain('telegram or wechat');
    expect((await admin({}, 'role', 'x', 'telegram:1', 'boss')).stderr).toContain('must be chair, committee or resident');
  });

  it('names a bad environment variable and exits 2', async () => {
    const r = await spawnAdmin({ DEFAULT_TIMEZONE: 'Mars/Base' }, 'codes', '幸福里');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Configuration error: DEFAULT_TIMEZONE is not an IANA time zone');
  }, 180_000);
});

describe('admin CLI on the embedded database (PGlite)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await freshDataDir('yishi-cli-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps what one process wrote for the next one in DATA_DIR', async () => {
    const env = { DATA_DIR: dir };
    const added = await spawnAdmin(env, 'community', 'add', '东湖社区', '--json');
    expect(added.code).toBe(0);
    const c = json(added) as { id: number; name: string; setupCode: string };
    expect(c).toEqual({ id: 1, name: '东湖社区', setupCode: expect.stringMatching(CODE) });
    await writeFile(path.join(dir, 'roster.csv'), ROSTER);
    expect(json(await admin(env, 'units', 'import', '东湖社区', path.join(dir, 'roster.csv'), '--json'))).toEqual({ imported: 3 });
    const codes = await spawnAdmin(env, 'codes', '东湖社区', '--json');
    expect(codes.code).toBe(0);
    expect((json(codes) as { unit: string }[]).map((x) => x.unit)).toEqual(['1-101', '1-102', '1-103']);
  }, 300_000);
});

describe.skipIf(!PG_ENABLED)('admin CLI on PostgreSQL', () => {
  let d: TestDatabase;
  let env: Record<string, string | undefined>;
  let dir: string;
  const clock = createManualClock('2026-12-01T02:00:00Z');
  beforeEach(async () => {
    d = await freshDatabase('postgres');
    env = { DATABASE_URL: d.url };
    dir = await mkdtemp(path.join(tmpdir(), 'yishi-cli-'));
    clock.set('2026-12-01T02:00:00Z');
  });
  afterEach(async () => {
    await d.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, text: string | Uint8Array) => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };
  const count = async (table: string) =>
    (await rows<{ n: number }>(d.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
  const addCommunity = async (name = '幸福里') => json(await admin(env, 'community', 'add', name, '--json')) as { id: number; name: string; setupCode: string };

  it('creates a community and prints its id and setup code (a separate process, UTF-8)', async () => {
    const r = await spawnAdmin(env, 'community', 'add', '幸福里小区', '--json');
    expect(r.code).toBe(0);
    const c = json(r) as { id: number; name: string; setupCode: string };
    expect(c).toEqual({ id: 1, name: '幸福里小区', setupCode: expect.stringMatching(CODE) });
    const stored = await rows<{ name: string; timezone: string; deliberation_cron: string; setup_code_hash: string }>(
      d.db,
      sql`select name, timezone, deliberation_cron, setup_code_hash from communities`,
    );
    expect(stored).toEqual([{ name: '幸福里小区', timezone: 'Asia/Shanghai', deliberation_cron: '30 19 * * 6#1', setup_code_hash: sha256Hex(c.setupCode) }]);
  }, 180_000);

  it('takes a time zone and a deliberation rule, and refuses bad ones, a digits-only name and a taken name', async () => {
    const text = await admin(env, 'community', 'add', '东湖', '--timezone', 'Asia/Urumqi', '--deliberation', '每月15日 19:00');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Created community 东湖 \(id 1\)/);
    expect(text.stdout).toMatch(/Setup code .*: [2-9A-HJ-NP-Z]{8}\n/);
    const stored = await rows<{ timezone: string; deliberation_cron: string }>(d.db, sql`select timezone, deliberation_cron from communities`);
    expect(stored).toEqual([{ timezone: 'Asia/Urumqi', deliberation_cron: '0 19 15 * *' }]);
    const tz = await admin(env, 'community', 'add', '西湖', '--timezone', 'Mars/Base');
    expect(tz).toMatchObject({ code: 2, stdout: '' });
    expect(tz.stderr).toContain('--timezone "Mars/Base"');
    expect((await admin(env, 'community', 'add', '西湖', '--deliberation', '* * * * *')).stderr).toContain('--deliberation');
    expect((await admin(env, 'community', 'add', '123')).code).toBe(2);
    const taken = await admin(env, 'community', 'add', '东湖', '--json');
    expect(taken).toMatchObject({ code: 1, stdout: '' });
    expect(taken.stderr).toContain('already exists');
    expect(await count('communities')).toBe(1);
  });

  it('imports the roster by name or id, updating units with the same label', async () => {
    const c = await addCommunity();
    expect(json(await admin(env, 'units', 'import', '幸福里', await file('r.csv', ROSTER), '--json'))).toEqual({ imported: 3 });
    const again = await admin(env, 'units', 'import', String(c.id), await file('r2.csv', 'unit,area_m2,owner_name\n1-103,81.5,李四\n'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported 1 units into 幸福里');
    const units = await rows<{ label: string; area_centi: number; owner_id: string | null }>(d.db, sql`select label, area_centi, owner_id from units order by label`);
    expect(units).toEqual([
      { label: '1-101', area_centi: 10000, owner_id: 'A' },
      { label: '1-102', area_centi: 5025, owner_id: 'A' },
      { label: '1-103', area_centi: 8150, owner_id: null },
    ]);
  });

  it('reads a roster saved as GB18030 by Excel', async () => {
    await addCommunity();
    const gbk = Uint8Array.from([...Buffer.from('unit,area_m2,owner_name\n2-201,90,'), 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]);
    expect(json(await admin(env, 'units', 'import', '幸福里', await file('gbk.csv', gbk), '--json'))).toEqual({ imported: 1 });
    expect(await rows(d.db, sql`select owner_name from units`)).toEqual([{ owner_name: '张三' }]);
  });

  it('rejects a bad roster whole and lists every bad row by its number', async () => {
    await addCommunity();
    await admin(env, 'units', 'import', '幸福里', await file('r.csv', ROSTER));
    const bad = [
      'unit,area_m2,owner_name,owner_id',
      '1-101,999,张三,A', // row 2: fine, but must not be applied
      ',60,王五,', // row 3: unit missing
      '',
      '3-301,六十,赵六,', // row 5: area not a number
      '3-302,70,钱七,',
      '3-302,71,钱七,', // row 7: duplicate unit
    ].join('\n');
    const r = await admin(env, 'units', 'import', '幸福里', await file('bad.csv', bad), '--json');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain('nothing imported; 3 bad rows');
    expect(r.stderr.match(/row \d+:/g)).toEqual(['row 3:', 'row 5:', 'row 7:']);
    expect(r.stderr).toContain('row 3: unit is missing');
    expect(r.stderr).toContain('row 5: area_m2 "六十" is not a number');
    expect(r.stderr).toContain('row 7: unit 3-302 is a duplicate of row 6');
    expect(await count('units')).toBe(3);
    expect(await rows(d.db, sql`select area_centi from units where label = '1-101'`)).toEqual([{ area_centi: 10000 }]);
    const header = await admin(env, 'units', 'import', '幸福里', await file('h.csv', 'room,area,name\n1-104,60,王五\n'));
    expect(header.code).toBe(1);
    expect(header.stderr).toContain('row 1: the header must be unit,area_m2,owner_name,owner_id');
    const missing = await admin(env, 'units', 'import', '幸福里', path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    expect(await count('units')).toBe(3);
  });

  it('prints stable binding codes as CSV and JSON, and new ones with --rotate', async () => {
    await addCommunity();
    await admin(env, 'units', 'import', '幸福里', await file('r.csv', ROSTER));
    const first = json(await admin(env, 'codes', '幸福里', '--json')) as { unit: string; code: string }[];
    expect(first.map((x) => Object.keys(x))).toEqual([['unit', 'code'], ['unit', 'code'], ['unit', 'code']]);
    expect(first.map((x) => x.unit)).toEqual(['1-101', '1-102', '1-103']);
    for (const x of first) expect(x.code).toMatch(CODE);
    const csv = await admin(env, 'codes', '幸福里');
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    expect(csv.stdout).toBe(`unit,code\n${first.map((x) => `${x.unit},${x.code}`).join('\n')}\n`);
    const tenants = json(await admin(env, 'codes', '幸福里', '--tenants', '--json')) as { code: string }[];
    expect(tenants.map((x) => x.code)).not.toEqual(first.map((x) => x.code));
    const rotated = json(await admin(env, 'codes', '幸福里', '--rotate', '--json')) as { unit: string; code: string }[];
    expect(rotated.map((x) => x.unit)).toEqual(['1-101', '1-102', '1-103']);
    rotated.forEach((x, i) => expect(x.code).not.toBe(first[i]!.code));
    expect(json(await admin(env, 'codes', '幸福里', '--json'))).toEqual(rotated);
    expect(json(await admin(env, 'codes', '幸福里', '--tenants', '--json'))).toEqual(tenants);
  });

  it('sets a member role, and keeps the last chair', async () => {
    await addCommunity();
    const r = await admin(env, 'role', '幸福里', 'telegram:42', 'committee', '--json');
    expect(json(r)).toEqual({ community: '幸福里', member: 'telegram:42', role: 'committee', previous: null });
    expect(await rows(d.db, sql`select platform, user_id, role from members`)).toEqual([{ platform: 'telegram', user_id: '42', role: 'committee' }]);
    const chair = await admin(env, 'role', '幸福里', 'telegram:42', 'chair');
    expect(chair.stdout).toBe('telegram:42 is now chair of 幸福里 (was committee).\n');
    const demote = await admin(env, 'role', '幸福里', 'telegram:42', 'resident');
    expect(demote.code).toBe(1);
    expect(demote.stderr).toContain('only chair');
    await admin(env, 'role', '幸福里', 'wechat:wxid_b', 'chair');
    expect((await admin(env, 'role', '幸福里', 'telegram:42', 'resident')).code).toBe(0);
    expect(await rows(d.db, sql`select platform, user_id, role from members order by member_id`)).toEqual([
      { platform: 'telegram', user_id: '42', role: 'resident' },
      { platform: 'wechat', user_id: 'wxid_b', role: 'chair' },
    ]);
    // Roles named in Chinese, as the committee says them.
    expect(json(await admin(env, 'role', '幸福里', 'telegram:43', '委员', '--json'))).toMatchObject({ role: 'committee' });
    expect(json(await admin(env, 'role', '幸福里', 'telegram:43', '主任', '--json'))).toMatchObject({ role: 'chair', previous: 'committee' });
    const unknown = await admin(env, 'role', '无名', 'telegram:42', 'chair');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no community is named "无名"');
  });

  it('exports polls and ballots of one community as JSON and CSV', async () => {
    const s = await seedCommunity(d.db, clock, [
      { unit: '1-101', area: '100.00', owner: '张三', ownerId: 'A' },
      { unit: '1-102', area: '50.25', owner: '张三', ownerId: 'A' },
      { unit: '1-103', area: '80.00', owner: '李四' },
    ], '幸福里');
    const other = await seedCommunity(d.db, clock, [{ unit: '9-901', area: '60', owner: '周八' }], '别的小区');
    for (const [userId, unit] of [['a1', '1-101'], ['b1', '1-103']] as const) {
      const b = await bindIdentity(d.db, clock, { platform: 'telegram', userId, displayName: userId, unit, code: s.ownerCode.get(unit)! });
      expect(b.ok).toBe(true);
    }
    await setRole(d.db, clock, { communityId: s.id, platform: 'telegram', userId: 'a1', role: 'chair', actor: 'test' });
    const chair = (await findMember(d.db, s.id, 'telegram', 'a1'))!;
    const community = { communityId: s.id, timezone: 'Asia/Shanghai' };
    const opened = await openPoll(d.db, clock, { community, member: chair, draft: draft({ title: '更换电梯' }) });
    if (!opened.ok) throw new Error(opened.code);
    const secret = await openPoll(d.db, clock, { community, member: chair, draft: draft({ title: '评议物业', rule: 'residents', secret: true }) });
    if (!secret.ok) throw new Error(secret.code);
    const otherChair = await setRole(d.db, clock, { communityId: other.id, platform: 'telegram', userId: 'z', role: 'chair', actor: 'test' });
    if (!otherChair.ok) throw new Error('role');
    expect((await openPoll(d.db, clock, { community: { communityId: other.id, timezone: 'Asia/Shanghai' }, member: otherChair.member, draft: draft() })).ok).toBe(true);
    const vote = async (poll: typeof opened.poll, userId: string, optionNo: number) => {
      clock.advance(60_000);
      expect((await castVote(d.db, clock, { poll, platform: 'telegram', userId, optionNo, sourceKey: null })).ok).toBe(true);
    };
    await vote(opened.poll, 'a1', 1);
    await vote(opened.poll, 'b1', 2);
    await vote(opened.poll, 'b1', 1);
    await vote(secret.poll, 'a1', 2);

    const polls = json(await admin(env, 'export', '幸福里', 'polls', '--format', 'json'));
    const poll = (no: number, title: string, rule: string, heads: number, area: string, votedHeads: number, votedArea: string, matter: number | null) => ({
      community: '幸福里', poll_no: no, title, rule, status: 'open', opened_at: '2026-12-01T02:00:00.000Z', closes_at: '2026-12-08T02:00:00.000Z',
      closed_at: null, eligible_heads: heads, eligible_area_m2: area, voted_heads: votedHeads, voted_area_m2: votedArea, outcome: 'open',
      matter, scope: null, opens_at: '2026-12-01T02:00:00.000Z',
    });
    expect(polls).toEqual([poll(1, '更换电梯', 'owners-general', 2, '230.25', 2, '230.25', 9), poll(2, '评议物业', 'residents', 3, '230.25', 1, '100.00', null)]);
    expect(json(await admin(env, 'export', String(s.id), 'polls', '--json'))).toEqual(polls);

    const ballot = (poll_no: number, ballot_id: number, unit: string | null, holder: string | null, option_no: number, option_text: string, minute: number, superseded: boolean) => ({
      community: '幸福里', poll_no, ballot_id, unit, holder, option_no, option_text,
      cast_at: `2026-12-01T02:0${minute}:00.000Z`, platform: 'telegram', superseded,
    });
    expect(json(await admin(env, 'export', '幸福里', 'ballots', '--json'))).toEqual([
      ballot(1, 1, '1-101', 'owner:A', 1, '同意', 1, false),
      ballot(1, 2, '1-103', 'unit:1-103', 2, '反对', 2, true),
      ballot(1, 3, '1-103', 'unit:1-103', 1, '同意', 3, false),
      ballot(2, 4, null, null, 2, '反对', 4, false),
    ]);
    const csv = await admin(env, 'export', '幸福里', 'ballots');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')).toEqual([
      'community,poll_no,ballot_id,unit,holder,option_no,option_text,cast_at,platform,superseded',
      '幸福里,1,1,1-101,owner:A,1,同意,2026-12-01T02:01:00.000Z,telegram,false',
      '幸福里,1,2,1-103,unit:1-103,2,反对,2026-12-01T02:02:00.000Z,telegram,true',
      '幸福里,1,3,1-103,unit:1-103,1,同意,2026-12-01T02:03:00.000Z,telegram,false',
      '幸福里,2,4,,,2,反对,2026-12-01T02:04:00.000Z,telegram,false',
      '',
    ]);
    const pollsCsv = (await admin(env, 'export', '幸福里', 'polls', '--format', 'csv')).stdout.split('\n');
    expect(pollsCsv[0]).toBe('community,poll_no,title,rule,status,opened_at,closes_at,closed_at,eligible_heads,eligible_area_m2,voted_heads,voted_area_m2,outcome,matter,scope,opens_at');
    expect(pollsCsv[1]).toBe('幸福里,1,更换电梯,owners-general,open,2026-12-01T02:00:00.000Z,2026-12-08T02:00:00.000Z,,2,230.25,2,230.25,open,9,,2026-12-01T02:00:00.000Z');
    expect(pollsCsv).toHaveLength(4);
    expect((await admin(env, 'export', '幸福里', 'polls', '--json', '--format', 'csv')).code).toBe(2);
  });

  it('exports topics and meetings from their views, and says so when a view is missing', async () => {
    await addCommunity();
    expect(json(await admin(env, 'export', '幸福里', 'topics', '--json'))).toEqual([]);
    const meetings = await admin(env, 'export', '幸福里', 'meetings');
    expect(meetings).toMatchObject({ code: 0, stdout: 'community,meeting_no,title,starts_at,place,rsvps\n' });
    await d.db.execute(sql`drop view report_meetings`);
    const missing = await admin(env, 'export', '幸福里', 'meetings', '--json');
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('the report_meetings view does not exist');
  });

  it('exports topics and meetings with their rows as JSON and CSV', async () => {
    const w = await createDeliberationWorld(d.db);
    const [r0, r1, r2, r3] = w.residents;
    await w.say(w.g, r0!, '提议 东门加装路灯\n晚上东门太暗');
    await w.say(w.g, r1!, '附议 1');
    await w.say(w.g, r2!, '附议 1');
    await w.say(w.g, COMMITTEE, '上会 1');
    await w.say(w.g, COMMITTEE, '会议 2026-12-20 19:30 加装电梯说明会 @ 社区活动室');
    const meetingNo = Number(/【会议 #(\d+)】/.exec(w.groupTexts(0).join('\n'))?.[1]);
    await w.say(w.g, r0!, `参加 ${meetingNo}`);
    await w.say(w.g, r1!, `参加 ${meetingNo}`);
    w.clock.set('2026-12-05T12:30:00Z');
    await w.say(w.g, COMMITTEE, '决议 1 同意加装三盏路灯');
    await w.say(w.g, CHAIR, '交办 1 物业王经理 截止 2026-12-20');
    await w.say(w.g, r3!, '提议 把花坛改成停车位');
    await w.say(w.g, COMMITTEE, '不予受理 2 绿地不得改作停车位');
    await w.say(w.g, r3!, '提议 增设快递柜');
    w.clock.set('2026-12-10T02:00:00Z');
    await w.say(w.g, COMMITTEE, '办结 1 路灯已装好');

    const topic = (no: number, title: string, status: string, seconds: number, proposedAt: string, more: Record<string, string | null> = {}) => ({
      community: '幸福里', topic_no: no, title, status, seconds, proposed_at: proposedAt,
      agenda_date: null, decision: null, assignee: null, due_at: null, done_at: null, feedback: null, ...more,
    });
    expect(json(await admin(env, 'export', '幸福里', 'topics', '--format', 'json'))).toEqual([
      topic(1, '东门加装路灯', 'done', 2, '2026-12-01T02:00:00.000Z', {
        agenda_date: '2026-12-05', decision: '同意加装三盏路灯', assignee: '物业王经理',
        due_at: '2026-12-20T15:59:00.000Z', done_at: '2026-12-10T02:00:00.000Z', feedback: '路灯已装好',
      }),
      topic(2, '把花坛改成停车位', 'rejected', 0, '2026-12-05T12:30:00.000Z', { decision: '绿地不得改作停车位' }),
      topic(3, '增设快递柜', 'proposed', 0, '2026-12-05T12:30:00.000Z'),
    ]);
    expect((await admin(env, 'export', String(w.communityId), 'topics')).stdout.split('\n')).toEqual([
      'community,topic_no,title,status,seconds,proposed_at,agenda_date,decision,assignee,due_at,done_at,feedback',
      '幸福里,1,东门加装路灯,done,2,2026-12-01T02:00:00.000Z,2026-12-05,同意加装三盏路灯,物业王经理,2026-12-20T15:59:00.000Z,2026-12-10T02:00:00.000Z,路灯已装好',
      '幸福里,2,把花坛改成停车位,rejected,0,2026-12-05T12:30:00.000Z,,绿地不得改作停车位,,,,',
      '幸福里,3,增设快递柜,proposed,0,2026-12-05T12:30:00.000Z,,,,,,',
      '',
    ]);
    const meeting = { community: '幸福里', meeting_no: meetingNo, title: '加装电梯说明会', starts_at: '2026-12-20T11:30:00.000Z', place: '社区活动室', rsvps: 2 };
    expect(json(await admin(env, 'export', '幸福里', 'meetings', '--json'))).toContainEqual(meeting);
    const csv = (await admin(env, 'export', '幸福里', 'meetings', '--format', 'csv')).stdout.split('\n');
    expect(csv[0]).toBe('community,meeting_no,title,starts_at,place,rsvps');
    expect(csv).toContain(`幸福里,${meetingNo},加装电梯说明会,2026-12-20T11:30:00.000Z,社区活动室,2`);
  });

  it('imports a convention that the next convention poll without articles puts in force, and nothing from a bad file', async () => {
    const w = await createDeliberationWorld(d.db);
    const conventions = () => rows<{ title: string; status: string; version: number | null; articles: number }>(
      d.db,
      sql`select title, status, version, jsonb_array_length(articles)::int as articles from conventions order by convention_id`,
    );
    const noArticles = await admin(env, 'convention', 'import', '幸福里', await file('no.txt', '居民公约\n大家要和睦相处。\n'), '--json');
    expect(noArticles).toMatchObject({ code: 1, stdout: '' });
    expect(noArticles.stderr).toContain('no.txt: nothing imported; no numbered articles were found');
    const many = ['居民公约', ...Array.from({ length: 201 }, (_, i) => `第${i + 1}条 条文${i + 1}。`)].join('\n');
    expect((await admin(env, 'convention', 'import', '幸福里', await file('many.txt', many))).stderr).toContain('more than 200 articles');
    expect((await admin(env, 'convention', 'import', '幸福里', path.join(dir, 'nope.txt'))).stderr).toContain('no such file');
    expect((await admin(env, 'convention', 'import', '无名', await file('x.txt', '公约\n1. 一条'))).stderr).toContain('no community is named "无名"');
    expect(await conventions()).toEqual([]);

    const text = ['文明停车公约', '经居民会议表决通过后施行。', '第一条 机动车在划线车位内停车，', '不得占用消防通道。', '第二条 电动自行车不得进楼道充电。', '3. 外来车辆临时停车不超过两小时。'].join('\n');
    const imported = await admin(env, 'convention', 'import', '幸福里', await file('parking.txt', text), '--json');
    expect(json(imported)).toEqual({ imported: 3, title: '文明停车公约', conventionId: expect.any(Number) });
    expect(await conventions()).toEqual([{ title: '文明停车公约', status: 'draft', version: null, articles: 3 }]);

    await w.say(w.g, CHAIR, '表决 《文明停车公约》\n公约');
    expect(w.last()).toContain('【表决 #1】《文明停车公约》');
    expect(w.last()).toContain('第一条 机动车在划线车位内停车，不得占用消防通道。');
    for (const r of w.residents.slice(0, 3)) await w.say(w.g, r, '投票 1 同意');
    await w.say(w.g, CHAIR, '结束表决 1');
    expect(w.last()).toContain('《文明停车公约》第 1 版自即日起施行。');
    await w.say(w.g, w.residents[3]!, '公约 停车');
    expect(w.last()).toContain('《文明停车公约》3. 外来车辆临时停车不超过两小时。');
    expect(await conventions()).toEqual([{ title: '文明停车公约', status: 'in_force', version: 1, articles: 3 }]);
    const audit = await rows<{ actor: string }>(d.db, sql`select entry::jsonb->>'actor' as actor from audit_log where action = 'convention.imported'`);
    expect(audit).toEqual([{ actor: 'operator' }]);

    await admin(env, 'community', 'add', '东湖');
    const plain = await admin(env, 'convention', 'import', '东湖', await file('p2.txt', text));
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toContain('Imported 《文明停车公约》 with 3 articles into 东湖 as a draft');
  });

  it('verifies the audit chain and names the first tampered entry', async () => {
    await addCommunity();
    await admin(env, 'units', 'import', '幸福里', await file('r.csv', ROSTER));
    await admin(env, 'codes', '幸福里');
    const entries = await count('audit_log');
    expect(entries).toBe(3);
    expect(json(await admin(env, 'audit', 'verify', '幸福里', '--json'))).toEqual({ ok: true, entries });
    expect(await admin(env, 'audit', 'verify', '幸福里')).toMatchObject({ code: 0, stdout: 'The audit chain of 幸福里 is intact: 3 entries.\n' });

    // The audit log is append-only: only a superuser bypassing its triggers can edit it.
    await d.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set entry = replace(entry, '"rows":3', '"rows":30') where seq = 2`);
    });
    const at = (await rows<{ at: string }>(d.db, sql`select at::text as at from audit_log where seq = 2`))[0]!.at;
    const broken = await spawnAdmin(env, 'audit', 'verify', '幸福里', '--json');
    expect(broken.code).toBe(1);
    expect(json(broken)).toEqual({
      ok: false,
      entries: 1,
      firstBad: { seq: 2, action: 'units.imported', at, reason: 'hash does not match the entry content' },
    });
    const text = await admin(env, 'audit', 'verify', '1');
    expect(text).toMatchObject({ code: 1, stdout: '' });
    expect(text.stderr).toContain('The audit chain of 幸福里 is broken at entry 2 (units.imported');
  }, 180_000);
});
