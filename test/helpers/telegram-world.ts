/**
 * The whole service (src/index.ts startService) on a real database, talking to the stand-in Bot API
 * server through the real grammY stack: what the Telegram end-to-end tests drive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows, type Db } from '../../src/db/client.js';
import { TELEGRAM_LIMITS } from '../../src/outbox/budget.js';
import { loadConfig, startService, type ServiceHandle } from '../../src/index.js';
import type { TelegramClientOptions } from '../../src/adapters/telegram/telegram-adapter.js';
import { startFakeBotApi, type FakeBotApi, type FakeChat, type FakeUser, type SentMessage } from './fake-bot-api.js';
import { freshDatabase, freshDataDir, type DbKind, type TestDatabase } from './db.js';

export const GROUP: FakeChat = { id: -1001234567890, type: 'supergroup', title: '幸福里3号楼业主群' };
export const ALICE: FakeUser = { id: 1111, first_name: '爱丽', last_name: '张', username: 'alice', language_code: 'zh-hans' };
export const BOB: FakeUser = { id: 2222, first_name: 'Bob', language_code: 'zh-hans' };
export const CAROL: FakeUser = { id: 3333, first_name: 'Carol', username: 'carol' };
export const DAVE: FakeUser = { id: 4444, first_name: 'Dave', language_code: 'zh-hans' };
export const EVE: FakeUser = { id: 5555, first_name: 'Eve', language_code: 'zh-hans' };
export const dm = (u: FakeUser): FakeChat => ({ id: u.id, type: 'private' });

export const ROSTER = 'unit,area_m2,owner_name,owner_id\n3-2-501,100.00,张三,\n3-2-502,80.50,李四,\n3-2-503,60.00,王五,\n3-2-504,90.00,赵六,\n';

/** Quick reconnects (the sending limits are the dispatcher's, see `productionLimits`). */
export const FAST_CLIENT: TelegramClientOptions = {
  retryMs: 50,
  maxRetryMs: 200,
};

/** How long a test waits for the bot (generous: replies normally take milliseconds). */
const WAIT_MS = 15_000;

export interface TelegramWorld {
  kind: DbKind;
  fake: FakeBotApi;
  service: ServiceHandle;
  db: Db;
  /** The test's own database handle (postgres only): its url and drop(). */
  testDb: TestDatabase | undefined;
  community: { id: number; name: string; setupCode: string };
  /** unit label → owner binding code, as printed by the operator */
  codes: Map<string, string>;
  /** Sends a text and waits for the bot's next message in `where` (default: the chat it was sent in). */
  ask(chat: FakeChat, from: FakeUser, text: string, where?: number): Promise<SentMessage>;
  /** fake.waitFor with a timeout that tolerates a loaded machine. */
  waitFor<T>(pred: () => T | undefined | false | null): Promise<T>;
  /** Waits for the message number `index` the bot sent in a chat. */
  nth(chatId: number, index: number): Promise<SentMessage>;
  /** Binds the given people, in private chats, to the units of the roster in order. */
  bind(people: FakeUser[]): Promise<void>;
  /** Links the group (ALICE becomes chair), then binds the given people. */
  setupAndBind(people: FakeUser[]): Promise<void>;
  query<T>(q: SQL): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startTelegramWorld(
  kind: DbKind,
  opts: {
    client?: TelegramClientOptions;
    before?: (fake: FakeBotApi) => void;
    env?: Record<string, string>;
    /** The roster CSV (default: four households). */
    roster?: string;
    /** Telegram's own sending limits in the dispatcher; default: no spacing between messages to one chat and no group budget (Telegram's would add a second per message and hold a busy test group for a minute). */
    productionLimits?: boolean;
    /** At most one turnout line (and one line of receipts not delivered) per poll and group per this many ms. */
    turnoutIntervalMs?: number;
    logger?: Logger;
  } = {},
): Promise<TelegramWorld> {
  // The config insists on a token shaped like BotFather's (the fake's default is shorter).
  const fake = await startFakeBotApi({ botUsername: 'yishi_test_bot', token: '7000000001:AAFakeTokenForTheYishiTests_0123' });
  opts.before?.(fake);
  let testDb: TestDatabase | undefined;
  let dataDir: string | undefined;
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  };
  if (kind === 'postgres') {
    testDb = await freshDatabase('postgres');
    env.DATABASE_URL = testDb.url!;
  } else {
    dataDir = await freshDataDir('yishi-tg-');
    env.DATA_DIR = dataDir;
  }
  let service: ServiceHandle;
  try {
    service = await startService({
      config: loadConfig(env),
      timing: { cardIntervalMs: opts.productionLimits ? 5000 : 200, ...(opts.turnoutIntervalMs ? { turnoutIntervalMs: opts.turnoutIntervalMs } : {}) },
      ...(opts.productionLimits ? {} : { limits: () => ({ ...TELEGRAM_LIMITS, chatSpacingMs: 0, groupPerMinute: 1_000_000 }) }),
      telegramClient: { ...FAST_CLIENT, ...opts.client },
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
  } catch (err) {
    await fake.close();
    await testDb?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const db = service.database.db;
  const c = await createCommunity(db, systemClock, { name: `幸福里${Date.now() % 100000}`, timezone: 'Asia/Shanghai' });
  if (!c.ok) throw new Error(`community: ${c.code}`);
  const imported = await importUnits(db, systemClock, c.id, opts.roster ?? ROSTER);
  if (!imported.ok) throw new Error(`roster: ${JSON.stringify(imported.errors)}`);
  const codes = new Map((await listCodes(db, systemClock, c.id)).map((u) => [u.unit, u.code]));

  const waitFor = <T>(pred: () => T | undefined | false | null) => fake.waitFor(pred, WAIT_MS);
  const nth = (chatId: number, index: number) => waitFor(() => fake.sent(chatId)[index]);
  const ask = (chat: FakeChat, from: FakeUser, text: string, where = chat.id) => {
    const before = fake.sent(where).length;
    fake.sendText({ chat, from, text });
    return nth(where, before);
  };
  async function bind(people: FakeUser[]): Promise<void> {
    const units = [...codes.keys()];
    for (const [i, p] of people.entries()) {
      const r = await ask(dm(p), p, `/bind ${units[i]} ${codes.get(units[i]!)}`);
      if (!r.text.includes('绑定成功') && !r.text.includes('Bound')) throw new Error(`bind failed: ${r.text}`);
    }
  }
  let stopped = false;
  return {
    kind,
    fake,
    service,
    db,
    testDb,
    community: { id: c.id, name: c.name, setupCode: c.setupCode },
    codes,
    ask,
    waitFor,
    nth,
    bind,
    async setupAndBind(people) {
      const linked = await ask(GROUP, ALICE, `/setup ${c.setupCode}`);
      if (!linked.text.includes(c.name)) throw new Error(`setup failed: ${linked.text}`);
      await bind(people);
    },
    query: <T>(q: SQL) => rows<T>(db, q),
    async stop() {
      if (stopped) return;
      stopped = true;
      await service.stop();
      await fake.close();
      await testDb?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
