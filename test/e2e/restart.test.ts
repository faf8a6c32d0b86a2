import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { freshDatabase, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { startFakeBotApi, type FakeBotApi, type FakeChat, type FakeUser } from '../helpers/fake-bot-api.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOKEN = '7000000002:AAFakeTokenForTheRestartTest_01234';
const GROUP: FakeChat = { id: -1009876543210, type: 'supergroup', title: '重启测试群' };
const CHAIR: FakeUser = { id: 999, first_name: '主任' };
const N = 300;
const voter = (i: number): FakeUser => ({ id: 20_000 + i, first_name: `户${i}` });

function serve(db: TestDatabase, fake: FakeBotApi): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: db.url!,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
}

async function until(what: string, pred: () => Promise<boolean> | boolean, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  cleanup = [];
});

describe.runIf(PG_ENABLED)('a service killed mid-burst [postgres]', () => {
  it('counts every vote the Bot API handed over exactly once after a SIGKILL and a restart', { timeout: 300_000 }, async () => {
    const fake = await startFakeBotApi({ botUsername: 'yishi_restart_bot', token: TOKEN, botId: 7_000_000_002 });
    cleanup.push(() => fake.close());
    const db = await freshDatabase('postgres');
    cleanup.push(() => db.drop());
    const c = await createCommunity(db.db, systemClock, { name: '重启里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    const roster = Array.from({ length: N }, (_, i) => `1-${1 + Math.floor(i / 100)}-${100 + (i % 100)},70.00,户${i},`);
    expect((await importUnits(db.db, systemClock, c.id, `unit,area_m2,owner_name,owner_id\n${roster.join('\n')}\n`)).ok).toBe(true);
    const codes = await listCodes(db.db, systemClock, c.id);
    for (const [i, u] of codes.entries()) {
      const r = await bindIdentity(db.db, systemClock, { platform: 'telegram', userId: String(voter(i).id), displayName: `户${i}`, unit: u.unit, code: u.code });
      expect(r.ok).toBe(true);
    }

    let child = serve(db, fake);
    cleanup.push(async () => void child.kill('SIGKILL'));
    fake.sendText({ chat: GROUP, from: CHAIR, text: `/setup ${c.setupCode}` });
    await until('the group linked', () => fake.sent(GROUP.id).length >= 1);
    fake.sendText({ chat: GROUP, from: CHAIR, text: '/poll 安装充电桩\n规则: 居民会议' });
    await until('the poll card', () => fake.sent(GROUP.id).some((m) => m.text.includes('【表决 #1】')));
    const card = fake.sent(GROUP.id).find((m) => m.text.includes('【表决 #1】'))!;
    const pollId = /v:(\d+):1/.exec(JSON.stringify(card.replyMarkup))![1];

    const ballots = async () => (await rows<{ n: number }>(db.db, sql`select count(*)::int as n from ballots`))[0]!.n;
    // Each statement that writes ballots takes at least 0.3 s until the kill, so that the kill lands
    // while the burst is being handled however fast the service takes votes (a batch holds at most
    // 250, so the 300 votes take two statements at least).
    await db.db.execute(sql.raw(`create function slow_ballots() returns trigger language plpgsql as $$ begin perform pg_sleep(0.3); return null; end $$`));
    await db.db.execute(sql.raw(`create trigger slow_ballots after insert on ballots for each statement execute function slow_ballots()`));
    // Half press a button, half type; the process is killed while they are being handled.
    for (let i = 0; i < N; i++) {
      if (i % 2) fake.pressButton({ chat: GROUP, from: voter(i), messageId: card.messageId, data: `v:${pollId}:${1 + (i % 3)}` });
      else fake.sendText({ chat: GROUP, from: voter(i), text: `投票 ${1 + (i % 3)}` });
    }
    await until('some votes in', async () => (await ballots()) >= 20, 60_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const atKill = await ballots();
    expect(atKill).toBeLessThan(N);
    await db.db.execute(sql.raw(`drop trigger slow_ballots on ballots`));

    child = serve(db, fake);
    await until('every vote counted', async () => (await ballots()) >= N && fake.pendingUpdateCount === 0, 120_000).catch(async (err) => {
      const inbox = await rows(db.db, sql`select count(*) filter (where handled_at is null)::int as unhandled, count(*)::int as n from inbox`);
      throw new Error(`${String(err)}: ${await ballots()} ballots (${atKill} at the kill), ${fake.pendingUpdateCount} updates pending, inbox ${JSON.stringify(inbox)}`);
    });
    // Quiet for a moment: nothing is counted twice later either.
    await new Promise((r) => setTimeout(r, 1500));
    const [counts] = await rows<{ ballots: number; holders: number; keys: number }>(
      db.db,
      sql`select count(*)::int as ballots, count(distinct holder_key)::int as holders, count(distinct source_key)::int as keys from ballots`,
    );
    expect(counts).toEqual({ ballots: N, holders: N, keys: N });
    const [inbox] = await rows<{ unhandled: number; votes: number }>(
      db.db,
      sql`select count(*) filter (where handled_at is null)::int as unhandled, count(*)::int as votes from inbox where chat_id = ${String(GROUP.id)}`,
    );
    expect(inbox!.unhandled).toBe(0);
    expect(inbox!.votes).toBe(N + 2);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
});
