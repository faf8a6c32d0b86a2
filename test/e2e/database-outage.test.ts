/**
 * SPEC §11, losing the database: the service runs on a PostgreSQL server of the test's own (never the
 * shared one) with the real grammY stack against the stand-in Bot API; the server is stopped in the
 * middle of a burst of votes and started again. While it is down everyone is told to try again
 * later and /healthz answers 503; afterwards the same service recovers without a restart, and every
 * vote it acknowledged is counted exactly once. Nothing a resident sent while it was down (a binding
 * code, a phone number, an amount) reaches the log at any level. (How fast: the answer deadline is
 * tested in test/unit/deadline.test.ts; wall time is the bench's, not this test's.)
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
import { rows } from '../../src/db/client.js';
import { loadConfig, startService, type ServiceHandle } from '../../src/index.js';
import { PG_ENABLED } from '../helpers/db.js';
import { startFakeBotApi, type FakeBotApi, type FakeUser } from '../helpers/fake-bot-api.js';
import { openAsChair } from '../helpers/fixtures.js';
import { postgresBinDir, startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres.js';
import { FAST_CLIENT, dm } from '../helpers/telegram-world.js';
import { captureLogs } from '../helpers/log-capture.js';

const VOTERS = 24;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});

interface Sent {
  user: FakeUser;
  updateId: number;
  at: number;
  /** which reply to this user answers it (one reply per vote) */
  index: number;
}

describe.runIf(PG_ENABLED && postgresBinDir() !== null)('database outage on PostgreSQL', () => {
  it('answers "try again later" while the server is down, logs nothing residents sent, and recovers by itself with every acknowledged vote counted once', { timeout: 120_000 }, async () => {
    const server: OwnPostgres = await startOwnPostgres();
    cleanup.push(() => server.destroy());
    const admin = postgres(server.url, { max: 1, onnotice: () => {} });
    await admin.unsafe('create database yishi_outage');
    await admin.end();
    const url = server.url.replace(/\/postgres$/, '/yishi_outage');
    const fake: FakeBotApi = await startFakeBotApi({ botUsername: 'yishi_test_bot', token: '7000000001:AAFakeTokenForTheYishiTests_0123' });
    cleanup.push(() => fake.close());
    const logs = captureLogs('trace');
    const service: ServiceHandle = await startService({
      logger: logs.logger,
      config: loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, HTTP_PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: url }),
      telegramClient: FAST_CLIENT,
      scheduler: false,
    });
    cleanup.push(() => service.stop());
    const db = service.database.db;

    const c = await createCommunity(db, systemClock, { name: '停电小区', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error(c.code);
    const roster = Array.from({ length: VOTERS }, (_, i) => `1-1-${101 + i},80.00,业主${i},`).join('\n');
    const imported = await importUnits(db, systemClock, c.id, `unit,area_m2,owner_name,owner_id\n${roster}\n`);
    if (!imported.ok) throw new Error('roster');
    const voters: FakeUser[] = [];
    for (const [i, u] of (await listCodes(db, systemClock, c.id)).entries()) {
      const user: FakeUser = { id: 7100 + i, first_name: `业主${i}`, language_code: 'zh-hans' };
      const r = await bindIdentity(db, systemClock, { platform: 'telegram', userId: String(user.id), displayName: user.first_name, unit: u.unit, code: u.code });
      if (!r.ok) throw new Error(r.code);
      voters.push(user);
    }
    const poll = await openAsChair(db, systemClock, c.id);

    const sent: Sent[] = [];
    const votesBy = new Map<number, number>();
    const vote = (user: FakeUser, option: number): Sent => {
      const index = votesBy.get(user.id) ?? 0;
      votesBy.set(user.id, index + 1);
      const s = { user, at: Date.now(), index, updateId: fake.sendText({ chat: dm(user), from: user, text: `/vote ${poll.pollNo} ${option}` }) };
      sent.push(s);
      return s;
    };
    const replyCall = (s: Sent) => fake.callsTo('sendMessage').filter((x) => Number(x.params.chat_id) === s.user.id)[s.index];
    const answered = (wave: Sent[]) => fake.waitFor(() => wave.every((s) => replyCall(s)) && wave, 20_000);
    const health = async () => ({ status: (await fetch(`http://127.0.0.1:${service.httpPort}/healthz`)).status });

    // Up: every vote is acknowledged.
    const first = voters.map((u) => vote(u, 1));
    await answered(first);
    expect(first.map((s) => String(replyCall(s)!.params.text).slice(0, 12)).filter((x) => !x.startsWith('已记录'))).toEqual([]);

    // Stopped in the middle of a burst from half the households: each vote is either told to try
    // later promptly, or it was committed just before the stop and its receipt waits in the outbox
    // for the database to return (how many of each depends on how fast the machine is).
    const burstVoters = voters.slice(0, VOTERS / 2);
    const burst = burstVoters.map((u) => vote(u, 2));
    await new Promise((r) => setTimeout(r, 30));
    await server.stop();
    // Long enough for a loaded machine: each vote is answered "try later" once its deadline passes.
    const settled = Date.now() + 20_000;
    await fake.waitFor(() => burst.every((s) => replyCall(s)) || Date.now() > settled, 30_000);
    const late = burst.filter((s) => !replyCall(s));
    for (const s of burst.filter((x) => replyCall(x))) expect(String(replyCall(s)!.params.text)).toMatch(new RegExp(`^(已(记录|改票)|${zhCN.common.tryLater})`));

    // Down: three waves a couple of seconds apart (the driver's reconnect backoff would grow
    // meanwhile), from the households that took no part in the burst.
    const quiet = voters.slice(VOTERS / 2);
    const waveSize = quiet.length / 3;
    for (let wave = 0; wave < 3; wave++) {
      expect((await health()).status).toBe(503);
      const down = quiet.slice(wave * waveSize, wave * waveSize + waveSize).map((u) => vote(u, 3));
      await answered(down);
      for (const s of down) expect(replyCall(s)!.params.text).toBe('系统暂时忙不过来（数据库连不上），您的操作没有生效，请过几分钟再试。');
      await new Promise((r) => setTimeout(r, 30));
    }
    // What residents may write privately while it is down: a binding code, a phone number, an amount.
    const stranger: FakeUser = { id: 7999, first_name: '新住户', language_code: 'zh-hans' };
    const secrets = ['K7M2QX9P', '13812345678', '1288.80'];
    const privateTexts = [`/bind 1-1-101 ${secrets[0]}`, `我的电话 ${secrets[1]}，请联系我`, `物业费 ${secrets[2]} 元对吗`];
    const before = fake.callsTo('sendMessage').filter((x) => Number(x.params.chat_id) === stranger.id).length;
    for (const text of privateTexts) fake.sendText({ chat: dm(stranger), from: stranger, text });
    await fake.waitFor(() => fake.callsTo('sendMessage').filter((x) => Number(x.params.chat_id) === stranger.id).length >= before + privateTexts.length, 20_000);

    // Back: the same service recovers by itself.
    await server.start();
    await expect.poll(async () => (await health()).status, { timeout: 10_000, interval: 200 }).toBe(200);
    // A receipt that waited in the outbox goes out now, and it says the vote was recorded.
    await answered(late);
    for (const s of late) expect(String(replyCall(s)!.params.text)).toMatch(/^已(记录|改票)/);
    const after = voters.map((u) => vote(u, 1));
    await answered(after);
    expect(after.map((s) => String(replyCall(s)!.params.text).slice(0, 20)).filter((x) => !/^已(记录|改票)/.test(x))).toEqual([]);

    const replies = sent.map((s) => ({ s, text: String(replyCall(s)!.params.text) }));
    expect(replies.filter((r) => r.text === zhCN.common.internalError)).toEqual([]);
    const acknowledged = replies.filter((r) => /^已(记录|改票)/.test(r.text)).map((r) => `telegram:${r.s.updateId}`);
    const ballots = await rows<{ source_key: string; n: number }>(
      db,
      sql`select source_key, count(*)::int as n from ballots where poll_id = ${poll.pollId} group by source_key`,
    );
    const counted = new Map(ballots.map((b) => [b.source_key, b.n]));
    for (const key of acknowledged) expect(counted.get(key), key).toBe(1);
    const latest = await rows<{ option_no: number; n: number }>(db, sql`select option_no, count(*)::int as n from poll_votes where poll_id = ${poll.pollId} group by option_no`);
    expect(latest).toEqual([{ option_no: 1, n: VOTERS }]);
    // The failures were logged (by kind and table), and none of what was written is in any line.
    for (const secret of secrets) expect(logs.lines.filter((l) => l.includes(secret))).toEqual([]);
    expect(logs.lines.filter((l) => l.includes('params'))).toEqual([]);
    expect(logs.text()).toMatch(/failed \((ECONNREFUSED|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|57P01|CONNECT_TIMEOUT)\)/);
  });
});
