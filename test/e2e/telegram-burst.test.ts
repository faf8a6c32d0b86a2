import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { systemClock } from '../../src/app/clock.js';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
import type { FakeApiCall, FakeUser } from '../helpers/fake-bot-api.js';
import { PG_ENABLED } from '../helpers/db.js';
import { ALICE, GROUP, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

const KIND = PG_ENABLED ? 'postgres' : 'pglite';
const N = 60;
const ROSTER = `unit,area_m2,owner_name,owner_id\n${Array.from({ length: N }, (_, i) => `1-1-${101 + i},80.00,户${i},`).join('\n')}\n`;
const voter = (i: number): FakeUser => ({ id: 10_000 + i, first_name: `居民${i}`, language_code: 'zh-hans' });
const TYPED = ['投票 同意', '投票 1 同意', '#1 反对', '/vote 1 弃权', '投票 1 1'];

/** The most calls in any window of `ms` (calls sorted by time). */
function peak(calls: FakeApiCall[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < calls.length; i++) {
    while (calls[i]!.at - calls[j]!.at >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const toGroup = (c: FakeApiCall) => String(c.params.chat_id) === String(GROUP.id);

let w: TelegramWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe(`Telegram burst with Telegram's own limits [${KIND}]`, () => {
  it('commits 60 typed votes in one group within a second each, posts nothing per vote, keeps the limits and announces the result within seconds of /close', { timeout: 240_000 }, async () => {
    w = await startTelegramWorld(KIND, { roster: ROSTER, productionLimits: true, client: { retryMs: 50, maxRetryMs: 200 } });
    const x = w;
    const { fake } = x;
    expect((await x.ask(GROUP, ALICE, `/setup ${x.community.setupCode}`)).text).toContain(x.community.name);
    const units = [...x.codes.keys()];
    for (let i = 0; i < N; i++) {
      const r = await bindIdentity(x.db, systemClock, { platform: 'telegram', userId: String(voter(i).id), displayName: voter(i).first_name, unit: units[i]!, code: x.codes.get(units[i]!)! });
      expect(r.ok).toBe(true);
    }
    const card = await x.ask(GROUP, ALICE, '/poll 加装门禁\n规则: 居民会议');
    expect(card.text).toContain('【表决 #1】加装门禁');
    const groupSendsBefore = fake.callsTo('sendMessage').filter(toGroup).length;

    const sentAt = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const id = fake.sendText({ chat: GROUP, from: voter(i), text: TYPED[i % TYPED.length]! });
      sentAt.set(`telegram:${id}`, Date.now());
    }
    const committedAt = new Map<string, number>();
    for (const deadline = Date.now() + 30_000; committedAt.size < N && Date.now() < deadline; ) {
      const keys = await x.query<{ source_key: string }>(sql`select source_key from ballots`);
      for (const k of keys) if (!committedAt.has(k.source_key)) committedAt.set(k.source_key, Date.now());
      await new Promise((r) => setTimeout(r, 20));
    }
    const latencies = [...sentAt].map(([k, at]) => committedAt.get(k)! - at);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(1000);
    expect(committedAt.size).toBe(N);

    // Nothing per vote in the group; each voter gets a reaction and a private receipt.
    await x.waitFor(() => fake.callsTo('sendMessage').filter((c) => Number(c.params.chat_id) >= 10_000).length >= N);
    expect(fake.callsTo('sendMessage').filter(toGroup).length).toBe(groupSendsBefore);

    const closeAt = Date.now();
    fake.sendText({ chat: GROUP, from: ALICE, text: '/close 1' });
    const result = await x.waitFor(() => fake.callsTo('sendMessage').find((c) => toGroup(c) && String(c.params.text).includes(zhCN.results.outcome(zhCN.outcomeName('passed')))));
    expect(result.at - closeAt).toBeLessThanOrEqual(5000);

    // Within Telegram's limits: 20 messages and edits a minute to the group, 30 a second in all.
    const groupCalls = fake.calls.filter((c) => toGroup(c) && (c.method === 'sendMessage' || c.method === 'editMessageText'));
    expect(peak(groupCalls, 60_000)).toBeLessThanOrEqual(20);
    const outgoing = fake.calls.filter((c) => 'chat_id' in c.params);
    expect(peak(outgoing, 1000)).toBeLessThanOrEqual(30);
    const ballots = await x.query<{ n: number }>(sql`select count(*)::int as n from ballots`);
    expect(ballots[0]!.n).toBe(N);
  });

  it("waits out a 429's retry_after before writing to that chat again", { timeout: 120_000 }, async () => {
    w = await startTelegramWorld(KIND);
    const x = w;
    const { fake } = x;
    fake.failNext('sendMessage', 1, { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    fake.sendText({ chat: GROUP, from: ALICE, text: `/setup ${x.community.setupCode}` });
    const ok = await x.waitFor(() => fake.callsTo('sendMessage').find((c) => toGroup(c) && !c.error));
    const failed = fake.callsTo('sendMessage').find((c) => toGroup(c) && c.error)!;
    expect(failed.error!.error_code).toBe(429);
    expect(ok.at - failed.at).toBeGreaterThanOrEqual(2000);
    expect(fake.callsTo('sendMessage').filter(toGroup)).toHaveLength(2);
  });
});
