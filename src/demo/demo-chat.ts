import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import pino, { type Level } from 'pino';
import { createManualClock } from '../app/clock.js';
import { formatLocal } from '../app/local-time.js';
import type { ChatCore } from '../chat/core.js';
import { allFeatures } from '../chat/features/index.js';
import { createMemoryTransport } from '../chat/memory-transport.js';
import type { ChatMessage } from '../chat/model.js';
import { createDatabase, rows, type Db } from '../db/client.js';
import { closeDuePolls, tickOnce } from '../scheduler/ticker.js';
import { syncAllReminders } from '../app/reminders.js';
import { sql } from 'drizzle-orm';
import { createMessaging, NO_LIMITS } from '../messaging.js';
import { GROUP, TZ, type Person } from './cast.js';

export interface DemoChatOptions {
  out?: (line: string) => void;
  keepData?: boolean;
  /** pino level for the service's own log (silent by default: the demo prints the conversation). */
  logLevel?: Level | 'silent';
  start?: string;
}

/**
 * One WeChat group (and the private chats around it) over the real chat core, on a fresh embedded
 * database, with a manual clock. Everything said and answered is printed as a transcript line.
 */
export async function createDemoChat(opts: DemoChatOptions = {}) {
  const transcript: string[] = [];
  const print = (line: string) => {
    transcript.push(line);
    opts.out?.(line);
  };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-demo-'));
  const database = await createDatabase({ dataDir });
  await database.migrate();
  const db: Db = database.db;
  const clock = createManualClock(opts.start ?? '2026-12-01T01:00:00Z');
  const log = pino({ level: opts.logLevel ?? 'silent' });
  const wechat = createMemoryTransport('wechat', { editable: false });
  // The demo's chat has no sending limits; as in the service, a room sees at most one turnout line every three minutes.
  const timing = { cardIntervalMs: 0, turnoutIntervalMs: 180_000 };
  const messaging = createMessaging({
    db,
    clock,
    log,
    features: allFeatures(),
    rateLimit: { max: 1000, windowMs: 60_000 },
    limits: () => NO_LIMITS,
    timing,
  });
  messaging.addTransport(wechat);
  const chatCore: ChatCore = messaging.core;
  const ticker = { services: messaging.services, clock, core: chatCore, log, timing };

  /**
   * Moves the clock to `target` as the service lives through the time: the scheduler runs at each
   * reminder and deadline on the way (in order), and what was waiting in the outbox goes out.
   */
  async function liveUntil(target: Date, title?: string): Promise<void> {
    await syncAllReminders(db, clock);
    let headed = false;
    for (;;) {
      // What is due before the target first; then the day's header; then what is due at the target.
      const until = new Date(target.getTime() - (headed ? 0 : 1)).toISOString();
      const [r] = await rows<{ ms: string | number | null }>(
        db,
        sql`select (extract(epoch from min(due_at)) * 1000)::bigint as ms from reminders where status = 'pending' and due_at <= ${until}::timestamptz`,
      );
      const [p] = await rows<{ ms: string | number | null }>(
        db,
        sql`select (extract(epoch from min(closes_at)) * 1000)::bigint as ms from polls where status = 'open' and closes_at <= ${until}::timestamptz`,
      );
      const reminder = r?.ms == null ? null : Number(r.ms);
      const deadline = p?.ms == null ? null : Number(p.ms);
      if (reminder === null && deadline === null) {
        if (headed) break;
        clock.set(target);
        if (title) print(`\n── ${formatLocal(clock.now(), TZ).slice(0, 10)} ${title} ──`);
        headed = true;
        continue;
      }
      const next = { at: Math.min(reminder ?? Infinity, deadline ?? Infinity), reminder: reminder !== null && reminder <= (deadline ?? Infinity) };
      const at = new Date(next.at);
      if (at.getTime() > clock.now().getTime()) clock.set(at);
      if (next.reminder) print(`  （${formatLocal(at, TZ)} 定时提醒）`);
      await tickOnce(ticker, { sync: true });
      await messaging.drain();
    }
    clock.set(target);
    await messaging.drain();
  }

  const names = new Map<string, string>();
  wechat.onSend((m) => {
    const where = m.chatId === GROUP.id ? GROUP.title : `私聊·${names.get(m.chatId) ?? m.chatId}`;
    if (m.text) print(indent(`[${where}] 议事助手：`, m.text));
    if (m.image) print(`  [${where}] 议事助手：［图片 ${m.image.length.toLocaleString('en-US')} 字节：表决结果柱状图，面积和人数对照门槛］`);
  });

  let seq = 0;
  /** A person sends a message in the group (or privately to the bot). */
  const say = async (who: Person, text: string, where: 'group' | 'private' = 'group') => {
    names.set(who.id, who.name);
    print(indent(`[${where === 'group' ? GROUP.title : `私聊·${who.name}`}] ${who.name}：`, text));
    const msg: ChatMessage = {
      platform: 'wechat',
      updateKey: `demo-${++seq}`,
      chatId: where === 'group' ? GROUP.id : who.id,
      chatKind: where,
      chatTitle: where === 'group' ? GROUP.title : '',
      sender: { userId: who.id, name: who.name },
      text,
      mentioned: false,
      mentions: [],
    };
    await chatCore.receive(msg);
    await messaging.drain();
  };

  return {
    db,
    clock,
    transcript,
    print,
    say,
    /** A section header with the local date of the manual clock. */
    day: (title: string) => print(`\n── ${formatLocal(clock.now(), TZ).slice(0, 10)} ${title} ──`),
    /** Sets the manual clock to a local wall time in the community's zone, e.g. `2026-12-19 21:00`. */
    /** Lives through the time up to a local wall time (`2026-12-19 21:00`), then prints the day's header `title`. */
    at: async (local: string, title?: string) => {
      const t = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: TZ });
      if (!t.isValid) throw new Error(`demo: bad local time ${local}`);
      await liveUntil(t.toJSDate(), title);
    },
    /** What the operator runs in a terminal. */
    operator: (line: string) => print(`  (社区工作人员) ${line}`),
    /** A narrator's aside. */
    note: (line: string) => print(`  （${line}）`),
    /** The scheduler's poll closer, as the service runs it every 15 seconds. */
    closeDuePolls: async () => {
      const n = await closeDuePolls(ticker);
      await messaging.drain();
      return n;
    },
    /** The scheduler's round (deadlines and due reminders), as the service runs it every 15 seconds. */
    tick: async (sync = true) => {
      await tickOnce(ticker, { sync });
      await messaging.drain();
    },
    async close() {
      await database.close();
      if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type DemoChat = Awaited<ReturnType<typeof createDemoChat>>;

function indent(head: string, text: string): string {
  const [first, ...rest] = text.split('\n');
  return [`${head}${first}`, ...rest.map((l) => `      ${l}`)].join('\n');
}
