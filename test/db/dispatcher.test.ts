import { createServices } from '../../src/app/services.js';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { createChatCore } from '../../src/chat/core.js';
import { allFeatures } from '../../src/chat/features/index.js';
import { createMemoryTransport } from '../../src/chat/memory-transport.js';
import { createOutboxRenderer } from '../../src/chat/outbox-render.js';
import { createDatabase, rows, type Database } from '../../src/db/client.js';
import { claimOutbox, insertOutbox } from '../../src/db/outbox-repo.js';
import { NO_LIMITS } from '../../src/outbox/budget.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { PRIORITY, type OutboxRow } from '../../src/outbox/outbox-rows.js';
import { sendDueReminders } from '../../src/scheduler/ticker.js';
import { Api } from 'grammy';
import { createTelegramTransport, splitText } from '../../src/adapters/telegram/transport.js';
import { describeEachDb, freshDatabase, PG_ENABLED, type TestDatabase, useFreshDatabase } from '../helpers/db.js';
import { startFaultyBotApi } from '../helpers/faulty-bot-api.js';

const log = pino({ level: 'silent' });
const T0 = '2026-12-01T02:00:00Z';

/** `n` communities with one Telegram group each and a meeting whose −2h reminder is due now. */
async function seedDueReminders(d: TestDatabase, n: number, now: Date): Promise<void> {
  await d.db.execute(sql`insert into communities (name, timezone, deliberation_cron, setup_code_hash)
    select 'c' || i, 'Asia/Shanghai', '30 19 * * 6#1', md5('c' || i) from generate_series(1, ${n}) i`);
  await d.db.execute(sql`insert into groups (community_id, platform, chat_id, title)
    select community_id, 'telegram', '-' || community_id, name from communities`);
  await d.db.execute(sql`insert into meetings (community_id, meeting_no, title, starts_at, kind, created_at)
    select community_id, 1, '楼长会', ${new Date(now.getTime() + 2 * 3_600_000).toISOString()}::timestamptz, 'meeting', ${now.toISOString()}::timestamptz from communities`);
  await d.db.execute(sql`insert into reminders (community_id, natural_key, kind, object_id, due_at, created_at)
    select m.community_id, 'meeting:' || m.meeting_id || ':-120m', 'meeting', m.meeting_id, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from meetings m`);
}

/** One instance of the service's sending side on its own connection. */
function instance(database: Database, clock: ReturnType<typeof createManualClock>) {
  const transport = createMemoryTransport('telegram');
  const core = createChatCore({ db: database.db, clock, log, features: allFeatures() });
  core.registerTransport(transport);
  const dispatcher = createDispatcher({
    db: database.db,
    platform: 'telegram',
    transport,
    clock,
    log,
    render: createOutboxRenderer(database.db),
    limits: NO_LIMITS,
    leaseMs: 30_000,
  });
  return { transport, core, dispatcher };
}

describe.runIf(PG_ENABLED)('outbox dispatch on one PostgreSQL [postgres]', () => {
  let d: TestDatabase;
  beforeEach(async () => {
    d = await freshDatabase('postgres');
  });
  afterEach(async () => {
    await d.drop();
  });

  it('sends each of 500 due reminders exactly once with two instances side by side', async () => {
    const clock = createManualClock(T0);
    await seedDueReminders(d, 500, clock.now());
    const a = await createDatabase({ url: d.url!, max: 4 });
    const b = await createDatabase({ url: d.url!, max: 4 });
    try {
      const ia = instance(a, clock);
      const ib = instance(b, clock);
      const took = await Promise.all([ia, ib].map((i) => sendDueReminders({ services: createServices(i === ia ? a.db : b.db, clock), clock, core: i.core, log })));
      expect(took[0]!.sent + took[1]!.sent).toBe(500);
      await Promise.all([ia.dispatcher.drain(), ib.dispatcher.drain()]);
      const sent = [...ia.transport.sent, ...ib.transport.sent];
      expect(sent).toHaveLength(500);
      expect(new Set(sent.map((m) => m.chatId)).size).toBe(500);
      expect(sent.every((m) => m.text.includes('【会议提醒】'))).toBe(true);
      const status = await rows<{ status: string; n: number }>(d.db, sql`select status, count(*)::int as n from outbox group by status`);
      expect(status).toEqual([{ status: 'sent', n: 500 }]);
      const left = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from reminders where status <> 'queued'`);
      expect(left[0]!.n).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describeEachDb('outbox dispatch', (kind) => {
  const d = useFreshDatabase(kind);

  const rowFor = (i: number, now: Date, extra: Partial<OutboxRow> = {}): OutboxRow => ({
    communityId: null,
    platform: 'telegram',
    chatId: `-${100 + (i % 7)}`,
    kind: 'send',
    priority: PRIORITY.announce,
    payload: { msg: { text: `消息 ${i}` }, group: true },
    dedupeKey: `test:${i}`,
    coalesceKey: null,
    notBefore: now,
    createdAt: now,
    ...extra,
  });

  it('leaves a row claimed by a dispatcher that died to another once the lease is over, and sends it once', async () => {
    const clock = createManualClock(T0);
    await insertOutbox(d.db, Array.from({ length: 5 }, (_, i) => rowFor(i, clock.now(), { chatId: `-${200 + i}` })));
    // The first dispatcher claims everything and dies before sending.
    const dead = await claimOutbox(d.db, { platform: 'telegram', now: clock.now(), leaseMs: 30_000, limit: 100, blocked: [], blockedMessages: [] });
    expect(dead).toHaveLength(5);
    const other = instance({ db: d.db } as Database, clock);
    clock.advance(29_000);
    await other.dispatcher.drain();
    expect(other.transport.sent).toHaveLength(0);
    clock.advance(2_000);
    await other.dispatcher.drain();
    expect(other.transport.sent.map((m) => m.text).sort()).toEqual(['消息 0', '消息 1', '消息 2', '消息 3', '消息 4']);
    clock.advance(60_000);
    await other.dispatcher.drain();
    expect(other.transport.sent).toHaveLength(5);
  });

  it('sends replies before results, results before reminders, reminders before acknowledgements, and never writes a dedupe key twice', async () => {
    const clock = createManualClock(T0);
    const now = clock.now();
    const chat = '-300';
    await insertOutbox(d.db, [
      rowFor(1, now, { chatId: chat, priority: PRIORITY.ack, dedupeKey: 'a' }),
      rowFor(2, now, { chatId: chat, priority: PRIORITY.reminder, dedupeKey: 'b' }),
      rowFor(3, now, { chatId: chat, priority: PRIORITY.announce, dedupeKey: 'c' }),
      rowFor(4, now, { chatId: chat, priority: PRIORITY.reply, dedupeKey: 'd' }),
      rowFor(5, now, { chatId: chat, priority: PRIORITY.reply, dedupeKey: 'd' }),
    ]);
    const i = instance({ db: d.db } as Database, clock);
    await i.dispatcher.drain();
    expect(i.transport.sent.map((m) => m.text)).toEqual(['消息 4', '消息 3', '消息 2', '消息 1']);
  });

  it('coalesces the edits of one card while they wait, and the close moves the edit forward', async () => {
    const clock = createManualClock(T0);
    const now = clock.now();
    const card = (i: number, at: Date) =>
      rowFor(i, now, { kind: 'edit', payload: { pollId: 1, messageId: '1', group: true }, coalesceKey: 'card:1:telegram:-1', dedupeKey: `vote:${i}`, notBefore: at });
    await insertOutbox(d.db, [card(1, new Date(now.getTime() + 5000))]);
    await insertOutbox(d.db, [card(2, new Date(now.getTime() + 5000))]);
    await insertOutbox(d.db, [card(3, now)]);
    const pending = await rows<{ n: number; due: string }>(
      d.db,
      sql`select count(*)::int as n, min(not_before)::text as due from outbox where status = 'pending'`,
    );
    expect(pending[0]!.n).toBe(1);
    expect(new Date(pending[0]!.due).getTime()).toBe(now.getTime());
  });

  it('over the Bot API, a person who blocked the bot gets nothing and the others all get theirs once; a long text in parts never repeats a part', async () => {
    const blocked = '1017';
    const long = '1005';
    // telegram-test-api behind a proxy: 403 for one person, and a server error on the second part of the long text.
    const api = await startFaultyBotApi((method, chat, n) => {
      if (method === 'sendMessage' && chat === blocked) return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
      if (method === 'sendMessage' && chat === long && n === 2) return { error_code: 502, description: 'Bad Gateway' };
      return undefined;
    });
    try {
      const clock = createManualClock(T0);
      const lines = Array.from({ length: 300 }, (_, i) => `第 ${i + 1} 行：${'说明'.repeat(10)}`);
      const text = (chat: string) => (chat === long ? lines.join('\n') : `回执 ${chat}`);
      const people = Array.from({ length: 40 }, (_, i) => String(1000 + i));
      await insertOutbox(
        d.db,
        people.map((chat, i) => rowFor(i, clock.now(), { chatId: chat, kind: 'private', priority: PRIORITY.reply, payload: { msg: { text: text(chat) }, group: false } })),
      );
      const transport = createTelegramTransport(new Api(api.token, { apiRoot: api.apiRoot }), log);
      const dispatcher = createDispatcher({ db: d.db, platform: 'telegram', transport, clock, log, render: createOutboxRenderer(d.db), limits: NO_LIMITS });
      await dispatcher.drain();
      // The long text's second part waits for its retry; then it and the third go, the first not again.
      clock.advance(2_000);
      await dispatcher.drain();

      const got = new Map<string, string[]>();
      for (const m of api.delivered()) got.set(m.chatId, [...(got.get(m.chatId) ?? []), m.text]);
      const parts = splitText(text(long));
      expect(parts).toHaveLength(3);
      expect(got.get(long)).toEqual(parts);
      expect(got.has(blocked)).toBe(false);
      for (const chat of people.filter((c) => c !== long && c !== blocked)) expect(got.get(chat)).toEqual([`回执 ${chat}`]);
      expect(api.calls.filter((c) => c.chatId === long).map((c) => [parts.indexOf(c.text), c.failed ?? 'ok'])).toEqual([
        [0, 'ok'],
        [1, 502],
        [1, 'ok'],
        [2, 'ok'],
      ]);
      expect(api.calls.filter((c) => c.chatId === blocked)).toHaveLength(1);
      const status = await rows<{ chat_id: string; status: string; reached: boolean }>(
        d.db,
        sql`select chat_id, status, (payload->>'reached')::boolean as reached from outbox where chat_id in (${blocked}, ${long})  order by chat_id`,
      );
      expect(status).toEqual([
        { chat_id: long, status: 'sent', reached: true },
        { chat_id: blocked, status: 'sent', reached: false },
      ]);
    } finally {
      await api.close();
    }
  });

  it('remembers a group that refuses pictures, sends it text alone saying where the chart is, and tries a picture again a day later', async () => {
    const clock = createManualClock(T0);
    const chat = '-500';
    const transport = createMemoryTransport('telegram');
    let refuse = true;
    const send = transport.send.bind(transport);
    const tried: string[] = [];
    transport.send = async (to, msg) => {
      tried.push(msg.image ? 'picture' : msg.text);
      if (msg.image && refuse) throw Object.assign(new Error('no rights'), { errorCode: 400, kind: 'rights' });
      return send(to, msg);
    };
    const render = {
      ...createOutboxRenderer(d.db),
      chart: async () => ({ png: Buffer.from('\x89PNG'), caption: '结果图' }),
      chartElsewhere: async (pollId: number) => `结果图 ${pollId} 见公告。`,
    };
    const dispatcher = createDispatcher({ db: d.db, platform: 'telegram', transport, clock, log, render, limits: NO_LIMITS });
    const result = (i: number) => rowFor(i, clock.now(), { chatId: chat, dedupeKey: `result:${i}`, payload: { msg: { text: `结果 ${i}` }, group: true, chart: { pollId: i } } });

    await insertOutbox(d.db, [result(1)]);
    await dispatcher.drain();
    await insertOutbox(d.db, [result(2)]);
    await dispatcher.drain();
    expect(tried).toEqual(['结果 1', 'picture', '结果 2\n\n结果图 2 见公告。']);
    expect(transport.sent.map((m) => [m.text, m.edits])).toEqual([
      ['结果 1\n\n结果图 1 见公告。', ['结果 1\n\n结果图 1 见公告。']],
      ['结果 2\n\n结果图 2 见公告。', []],
    ]);

    // A day later the picture is tried again; taken, the group is no longer remembered as refusing.
    refuse = false;
    clock.advance(24 * 3_600_000 + 1);
    await insertOutbox(d.db, [result(3)]);
    await dispatcher.drain();
    expect(tried.slice(3)).toEqual(['结果 3', 'picture']);
    expect(transport.sent.slice(2).map((m) => [m.text, m.image ? 'picture' : null])).toEqual([
      ['结果 3', null],
      ['', 'picture'],
    ]);
    expect(await rows(d.db, sql`select * from chat_media_refusals`)).toEqual([]);
    const status = await rows<{ status: string }>(d.db, sql`select status from outbox order by outbox_id`);
    expect(status.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it("drops a group's reactions when its budget is tight, and its messages still go", async () => {
    const clock = createManualClock(T0);
    const now = clock.now();
    const chat = '-400';
    await insertOutbox(d.db, [
      ...[1, 2, 3, 4].map((i) => rowFor(i, now, { chatId: chat, dedupeKey: `send:${i}` })),
      ...[5, 6].map((i) => rowFor(i, now, { chatId: chat, kind: 'react', priority: PRIORITY.ack, payload: { messageId: String(i), emoji: '👌', group: true }, dedupeKey: `react:${i}` })),
    ]);
    const transport = createMemoryTransport('telegram');
    const reacted: string[] = [];
    transport.react = async (_chat, messageId) => void reacted.push(messageId);
    // Four messages a minute to the group: the last one is kept for what says more than a reaction.
    const dispatcher = createDispatcher({ db: d.db, platform: 'telegram', transport, clock, log, render: createOutboxRenderer(d.db), limits: { ...NO_LIMITS, groupPerMinute: 4 } });
    await dispatcher.drain();
    expect(transport.sent.map((m) => m.text)).toEqual(['消息 1', '消息 2', '消息 3', '消息 4']);
    expect(reacted).toEqual([]);
    const left = await rows<{ kind: string; status: string; error: string | null }>(
      d.db,
      sql`select kind, status, error from outbox where chat_id = ${chat} order by outbox_id`,
    );
    expect(left).toEqual([
      ...[1, 2, 3, 4].map(() => ({ kind: 'send', status: 'sent', error: null })),
      ...[5, 6].map(() => ({ kind: 'react', status: 'failed', error: 'dropped' })),
    ]);
  });
});
