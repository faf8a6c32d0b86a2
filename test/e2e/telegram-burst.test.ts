import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { systemClock } from '../../src/app/clock.js';
import type { FakeApiCall, FakeUser } from '../helpers/fake-bot-api.js';
import { PG_ENABLED } from '../helpers/db.js';
import { ALICE, GROUP, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

const KIND = PG_ENABLED ? 'postgres' : 'pglite';
const N = 60;
const ROSTER = `unit,area_m2,owner_name,owner_id\n${Array.from({ length: N }, (_, i) => `1-1-${101 + i},80.00,户${i},`).join('\n')}\n`;
const voter = (i: number): FakeUser => ({ id: 10_000 + i, first_name: `居民${i}`, language_code: 'zh-hans' });
const TYPED = ['投票 同意', '投票 1 同意', '#1 反对', '/vote 1 弃权', '投票 1 1'];
/** The option each of TYPED casts (1 同意, 2 反对, 3 弃权). */
const TYPED_OPTION = [1, 1, 2, 3, 1];

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
  it('counts 60 typed votes in one group once each, acknowledges each voter once, posts nothing per vote, keeps the limits and announces the result after /close', { timeout: 240_000 }, async () => {
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

    const updates: number[] = [];
    for (let i = 0; i < N; i++) updates.push(fake.sendText({ chat: GROUP, from: voter(i), text: TYPED[i % TYPED.length]! }));

    // None lost, each counted once, as the option typed.
    for (let n = 0, deadline = Date.now() + 60_000; n < N && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      n = (await x.query<{ n: number }>(sql`select count(*)::int as n from ballots`))[0]!.n;
    }
    const ballots = await x.query<{ source_key: string; option_no: number }>(sql`select source_key, option_no from ballots order by ballot_id`);
    expect(ballots).toHaveLength(N);
    expect(new Set(ballots.map((b) => b.source_key))).toEqual(new Set(updates.map((u) => `telegram:${u}`)));
    const optionOf = new Map(ballots.map((b) => [b.source_key, b.option_no]));
    for (let i = 0; i < N; i++) expect(optionOf.get(`telegram:${updates[i]}`)).toBe(TYPED_OPTION[i % TYPED.length]);

    // Nothing per vote in the group; each voter gets one reaction on their message and one private receipt naming their option.
    const receiptsTo = (i: number) => fake.callsTo('sendMessage').filter((c) => Number(c.params.chat_id) === voter(i).id);
    await x.waitFor(() => Array.from({ length: N }, (_, i) => i).every((i) => receiptsTo(i).length >= 1));
    for (let i = 0; i < N; i++) {
      const receipts = receiptsTo(i);
      expect(receipts).toHaveLength(1);
      const option = ['同意', '反对', '弃权'][TYPED_OPTION[i % TYPED.length]! - 1];
      expect(String(receipts[0]!.params.text)).toMatch(new RegExp(`^已记录：表决 #1，您家投的是“${option}”。\n回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}（私聊发送“回执 1”可核验）$`));
    }
    // The reactions go out paced in the group: each vote has one, on its own message; those sent so far are each once.
    const messageIds = updates.map((u) => fake.messageIdOf(u)).sort((a, b) => a - b);
    const reactions = await x.query<{ message_id: string }>(sql`select payload->>'messageId' as message_id from outbox where kind = 'react'`);
    expect(reactions.map((r) => Number(r.message_id)).sort((a, b) => a - b)).toEqual(messageIds);
    await x.waitFor(() => fake.callsTo('setMessageReaction').filter(toGroup).length > 0);
    const reacted = fake.callsTo('setMessageReaction').filter(toGroup).map((c) => Number(c.params.message_id));
    expect(new Set(reacted).size).toBe(reacted.length);
    expect(reacted.every((id) => messageIds.includes(id))).toBe(true);
    expect(fake.callsTo('sendMessage').filter(toGroup).length).toBe(groupSendsBefore);

    // The result follows /close, once.
    const closeAt = Date.now();
    fake.sendText({ chat: GROUP, from: ALICE, text: '/close 1' });
    const isResult = (c: FakeApiCall) => toGroup(c) && String(c.params.text).includes('结果：通过');
    await x.waitFor(() => fake.callsTo('sendMessage').find(isResult));
    const results = fake.callsTo('sendMessage').filter(isResult);
    expect(results).toHaveLength(1);
    expect(results[0]!.at).toBeGreaterThanOrEqual(closeAt);

    // Within Telegram's limits: 20 messages and edits a minute to the group, 30 a second in all.
    const groupCalls = fake.calls.filter((c) => toGroup(c) && (c.method === 'sendMessage' || c.method === 'editMessageText'));
    expect(peak(groupCalls, 60_000)).toBeLessThanOrEqual(20);
    const outgoing = fake.calls.filter((c) => 'chat_id' in c.params);
    expect(peak(outgoing, 1000)).toBeLessThanOrEqual(30);
    expect((await x.query<{ n: number }>(sql`select count(*)::int as n from ballots`))[0]!.n).toBe(N);
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
