/**
 * The `burst` bench (SPEC §12): 500 votes, button presses and typed, into one group within a second,
 * through the service's Telegram adapter against the stand-in Bot API. Measures the votes lost, the
 * 99th percentile from press to commit (a watcher polls the ballots table), the most messages and
 * edits the bot sent the group in any minute, and how long the result took after `/close`.
 */
import postgres from 'postgres';
import type { FakeBotApi, FakeChat, FakeUser } from '../../test/helpers/fake-bot-api.js';
import { maxInWindow, quantile, toChat } from './group-traffic.js';
import { CHAIR_ID, voterId, type BenchWorld } from './seed-world.js';
import { benchRow, type BenchRow } from './types.js';

export interface BurstOptions {
  votes?: number;
  /** Spread of the burst, ms. */
  withinMs?: number;
  /** Longest wait for the votes to commit, and for the result after /close, ms. */
  waitMs?: number;
}

/** Runs the burst against a running service whose database is `dbUrl`; the world comes from seedBenchWorld. */
export async function benchBurst(fake: FakeBotApi, dbUrl: string, world: BenchWorld, opts: BurstOptions = {}): Promise<BenchRow[]> {
  const votes = Math.min(opts.votes ?? 500, world.burst.voters);
  const withinMs = opts.withinMs ?? 1000;
  const waitMs = opts.waitMs ?? 30_000;
  const group: FakeChat = { id: world.burst.chatId, type: 'supergroup', title: '小区0001' };
  const chair: FakeUser = { id: CHAIR_ID, first_name: '主任', language_code: 'zh-hans' };
  const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
  try {
    const before = fake.sent(group.id).length;
    fake.sendText({ chat: group, from: chair, text: '表决 是否更换电梯\n同意\n反对\n弃权' });
    const card = await fake.waitFor(() => fake.sent(group.id).slice(before).find((m) => m.replyMarkup), 60_000);
    const [poll] = await sql<{ poll_id: number; poll_no: number }[]>`select poll_id, poll_no from polls where community_id = ${world.burst.communityId} order by poll_id desc limit 1`;
    if (!poll) throw new Error('the burst poll was not opened');

    const sentAt = new Map<string, number>();
    const committedAt = new Map<string, number>();
    let lastBallot = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const rows = await sql<{ ballot_id: string; source_key: string }[]>`select ballot_id, source_key from ballots where poll_id = ${poll.poll_id} and ballot_id > ${lastBallot} order by ballot_id`;
        const now = performance.now();
        for (const r of rows) {
          lastBallot = Math.max(lastBallot, Number(r.ballot_id));
          if (!committedAt.has(r.source_key)) committedAt.set(r.source_key, now);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const t0 = performance.now();
    const wallStart = Date.now();
    for (let i = 0; i < votes; i++) {
      const wait = t0 + (i * withinMs) / votes - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const from: FakeUser = { id: voterId(i), first_name: `业主${i + 1}`, language_code: 'zh-hans' };
      const option = 1 + (i % 3);
      const updateId =
        i % 2 === 0
          ? fake.pressButton({ chat: group, from, messageId: card.messageId, data: `v:${poll.poll_id}:${option}`, unchecked: true })
          : fake.sendText({ chat: group, from, text: `投票 ${option}` });
      sentAt.set(`telegram:${updateId}`, performance.now());
    }
    const allIn = performance.now() + waitMs;
    while (committedAt.size < votes && performance.now() < allIn) await new Promise((r) => setTimeout(r, 50));

    const closeAt = Date.now();
    fake.sendText({ chat: group, from: chair, text: `/close ${poll.poll_no}` });
    const result = await fake
      .waitFor(() => fake.callsTo('sendMessage').find((c) => c.at >= closeAt && Number(c.params.chat_id) === group.id && String(c.params.text).includes('结果')), waitMs)
      .catch(() => null);
    const resultMs = result ? result.at - closeAt : null;
    await new Promise((r) => setTimeout(r, 100));
    watching = false;
    await watcher;

    const latencies = [...sentAt].map(([key, at]) => (committedAt.has(key) ? committedAt.get(key)! - at : Infinity));
    const lost = latencies.filter((x) => x === Infinity).length;
    const p99 = quantile(latencies, 0.99);
    const traffic = toChat(fake.calls.filter((c) => c.at >= wallStart), group.id);
    const perMinute = maxInWindow(traffic, 60_000);
    return [
      benchRow({ bench: 'burst.lost', value: lost, reference: votes, ratio: lost / votes, unit: 'votes', target: 'none lost', met: lost === 0, note: `of ${votes} sent within ${withinMs} ms` }),
      benchRow({
        bench: 'burst.p99',
        value: Number.isFinite(p99) ? p99 : null,
        reference: null,
        unit: 'ms',
        target: '≤ 500 ms press to commit',
        met: Number.isFinite(p99) && p99 <= 500,
        note: Number.isFinite(p99) ? undefined : `more than 1% not committed within ${waitMs / 1000} s`,
      }),
      benchRow({ bench: 'burst.group-rate', value: perMinute, reference: null, unit: 'msgs/min', target: '≤ 20 messages and edits a minute', met: perMinute <= 20, note: `${traffic.length} in all` }),
      benchRow({
        bench: 'burst.result',
        value: resultMs,
        reference: null,
        unit: 'ms',
        target: '≤ 5 s after /close',
        met: resultMs != null && resultMs <= 5000,
        note: resultMs == null ? `no result within ${waitMs / 1000} s` : undefined,
      }),
    ];
  } finally {
    await sql.end();
  }
}
