import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import pino, { type Level } from 'pino';
import { createManualClock } from '../app/clock.js';
import { formatLocal } from '../app/local-time.js';
import { createChatCore, type ChatCore } from '../chat/core.js';
import { allFeatures } from '../chat/features/index.js';
import { createLiveTally } from '../chat/live-tally.js';
import { createMemoryTransport } from '../chat/memory-transport.js';
import type { ChatMessage } from '../chat/model.js';
import { createDatabase, type Db } from '../db/client.js';
import { closeDuePolls } from '../scheduler/poll-closer.js';
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
  let core: ChatCore | undefined;
  const live = createLiveTally({ db, transports: () => core!.transports, log, intervalMs: 0 });
  core = createChatCore({ db, clock, log, live, features: allFeatures(), rateLimit: { max: 1000, windowMs: 60_000 } });
  core.registerTransport(wechat);
  const chatCore = core;

  const names = new Map<string, string>();
  wechat.onSend((m) => {
    const where = m.chatId === GROUP.id ? GROUP.title : `私聊·${names.get(m.chatId) ?? m.chatId}`;
    print(indent(`[${where}] 议事助手：`, m.text));
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
    at: (local: string) => {
      const t = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: TZ });
      if (!t.isValid) throw new Error(`demo: bad local time ${local}`);
      clock.set(t.toJSDate());
    },
    /** What the operator runs in a terminal. */
    operator: (line: string) => print(`  (社区工作人员) ${line}`),
    /** A narrator's aside. */
    note: (line: string) => print(`  （${line}）`),
    /** The scheduler's poll closer, as the service runs it every 15 seconds. */
    closeDuePolls: () => closeDuePolls({ db, clock, core: chatCore, live, log }),
    async close() {
      live.stop();
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
