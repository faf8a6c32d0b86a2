/**
 * The real service (startService) on a fresh database with WeChat through a real Wechaty over the
 * mock puppet of `wechat-mock.ts`. The service builds its own Wechaty from `world.puppet`; the
 * harness drives the puppet (contacts, rooms, login, re-login) and records what the bot says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../src/app/clock.js';
import type { WechatAdapter } from '../../src/adapters/wechat/wechat-adapter.js';
import { WECHAT_LIMITS } from '../../src/outbox/budget.js';
import type { RowTiming } from '../../src/outbox/outbox-rows.js';
import { loadConfig, startService, type ServiceHandle } from '../../src/index.js';
import { freshDatabase, type DbKind, type TestDatabase } from './db.js';
import { seedCommunity } from './fixtures.js';
import { createWechatMockWorld, type ContactMock, type RoomMock, type SaidEntry, type WechatMockWorld } from './wechat-mock.js';

export interface WechatWorld {
  world: WechatMockWorld;
  service: ServiceHandle;
  adapter: WechatAdapter;
  db: TestDatabase;
  dataDir: string;
  community: Awaited<ReturnType<typeof seedCommunity>>;
  /** `who` says `text` in `room` (or privately); resolves with the next thing the bot says there. */
  ask(where: RoomMock | 'private', who: ContactMock, text: string, opts?: { mentionBot?: boolean }): Promise<SaidEntry>;
  /** The next thing said to `who` privately (from now or from `fromIndex`). */
  nextPrivate(who: ContactMock, fromIndex?: number, timeoutMs?: number): Promise<SaidEntry>;
  health(): Promise<{ status: number; body: { platforms: Record<string, { state: string; detail?: string }> } }>;
  /** Stops the service and the puppet; with `keepData`, the database and DATA_DIR stay for a restart (see `restartOn`). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** What a restart keeps: the database, DATA_DIR and the community (WeChat gives everyone new ids at the next login). */
export interface KeptData {
  db: TestDatabase;
  dataDir: string;
  community: WechatWorld['community'];
}

/** How long a test waits for the bot (generous for a loaded machine: replies normally take milliseconds). */
export const WAIT_MS = 15_000;

const ROSTER = [
  { unit: '1-1-101', area: '100.00', owner: '王阿姨' },
  { unit: '1-1-102', area: '80.50', owner: 'Bob Li' },
  { unit: '1-1-103', area: '60.00', owner: '赵六' },
  { unit: '2-1-201', area: '90.00', owner: '王芳' },
  { unit: '2-1-202', area: '90.00', owner: '王芳' },
];

/**
 * Starts the service with WeChat on the mock puppet; `failStart` makes the puppet fail to start.
 * `restartOn` starts it again on what an earlier world kept (a new puppet: new ids, nobody known yet).
 */
export async function startWechatWorld(
  opts: { kind?: DbKind; failStart?: boolean; logger?: Logger; clock?: Clock; timing?: Partial<RowTiming>; restartOn?: KeptData } = {},
): Promise<WechatWorld> {
  const db = opts.restartOn?.db ?? (await freshDatabase(opts.kind ?? 'postgres'));
  const dataDir = opts.restartOn?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'yishi-wechat-'));
  const world = await createWechatMockWorld({ buildBot: false, ...(opts.failStart ? { failStart: true } : {}) });
  const community = opts.restartOn?.community ?? (await seedCommunity(db.db, systemClock, ROSTER, '幸福里'));
  const config = loadConfig({ HTTP_PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  // WeChat's own pace (a second or more between messages) would make every test slow; turnout lines come every 300 ms.
  const service = await startService({
    config,
    wechatyPuppet: world.puppet,
    scheduler: false,
    limits: () => ({ ...WECHAT_LIMITS, spacingMs: 0, jitterMs: 0, chatSpacingMs: 0, groupPerMinute: 1_000_000, perSecond: 1000 }),
    timing: { turnoutIntervalMs: 300, ...opts.timing },
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  const adapter = service.adapters.find((a) => a.platform === 'wechat') as WechatAdapter;
  world.attachBot(adapter.wechaty!);

  const conversation = (where: RoomMock | 'private', who: ContactMock) => (s: SaidEntry) =>
    where === 'private' ? s.toContactId === world.current(who).id : s.roomId === world.current(where).id;

  return {
    world,
    service,
    adapter,
    db,
    dataDir,
    community,
    ask(where, who, text, o = {}) {
      const from = world.said.length;
      if (where === 'private') world.sayPrivately(who, text);
      else world.sayInRoom(who, where, text, o);
      return world.waitForSaid(conversation(where, who), WAIT_MS, from);
    },
    nextPrivate(who, fromIndex = world.said.length, timeoutMs = WAIT_MS) {
      return world.waitForSaid(conversation('private', who), timeoutMs, fromIndex);
    },
    async health() {
      const res = await fetch(`http://127.0.0.1:${service.httpPort}/healthz`);
      return { status: res.status, body: (await res.json()) as never };
    },
    async stop(o = {}) {
      await service.stop();
      await world.stop();
      if (o.keepData) return;
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it gives something truthy (the bot's work is asynchronous). */
export async function until<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
