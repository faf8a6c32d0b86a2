import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../app/clock.js';
import type { Community } from '../../app/communities.js';
import type { IdentityStore } from '../../app/services.js';
import { catalogue, type Catalogue } from '../../chat/i18n/index.js';
import type { ChatMessage, Effect } from '../../chat/model.js';
import type { EffectOrigin } from '../../outbox/outbox-rows.js';

/** The pieces the WeChat identity recovery shares: the directory port, the login session, lookups and reports. */

export interface DirectoryContact {
  id: string;
  name: string;
  alias: string;
  /** false when the platform says the contact is not a friend (cannot be messaged privately). */
  friend: boolean | undefined;
}

/** What the recovery needs from WeChat; the adapter implements it over Wechaty. */
export interface WechatDirectory {
  selfId(): string | undefined;
  /** The rooms this login session knows. */
  rooms(): Promise<{ id: string; topic: string }[]>;
  /** The topic of a room, or null when this session does not know the id. */
  roomTopic(id: string): Promise<string | null>;
  roomMembers(roomId: string): Promise<DirectoryContact[]>;
  /** The contacts (friends) this login session knows. */
  contacts(): Promise<DirectoryContact[]>;
  /** A contact, or null when this session does not know the id. */
  contact(id: string): Promise<DirectoryContact | null>;
  /** Sets the remark alias; true when it reads back. */
  setAlias(id: string, alias: string): Promise<boolean>;
}

/**
 * Writes what the recovery says to the outbox (WeChat's dispatcher sends it, as every other reply)
 * and tells the dispatchers; the composition root's.
 */
export type QueueEffects = (effects: Effect[], origin: EffectOrigin) => Promise<void>;

export const PLATFORM = 'wechat' as const;
export const ALIAS_PREFIX = '议事-';
const ALIAS_RE = /^议事-(\d+)(?=\s|$)/;
export const LOOKUP_MS = 5000;

/** The stable key of a contact's remark alias set by the bot, e.g. `alias:议事-12`. */
export function aliasKeyOf(alias: string | undefined | null): string | null {
  const m = ALIAS_RE.exec((alias ?? '').trim());
  return m ? `alias:${ALIAS_PREFIX}${m[1]}` : null;
}

export interface Pending {
  oldUserId: string;
  unit: string;
  held?: ChatMessage;
  expires: number;
}

/** What one login session has learnt; every id in it is void at the next login. */
export function newSession() {
  return {
    liveRooms: new Set<string>(),
    liveContacts: new Set<string>(),
    goneContacts: new Set<string>(),
    known: new Set<string>(),
    checked: new Set<string>(),
    roomsChecked: new Set<string>(),
    reported: new Set<string>(),
    aliasDone: new Set<string>(),
    declined: new Set<string>(),
    pending: new Map<string, Pending>(),
    swept: false,
  };
}
export type Session = ReturnType<typeof newSession>;

export const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref?.())]);

export interface KitDeps {
  store: IdentityStore;
  clock: Clock;
  log: Logger;
  dir: WechatDirectory;
  queue: QueueEffects;
  session(): Session;
}

export type IdentityKit = ReturnType<typeof createIdentityKit>;

/** Liveness of ids in this session, re-linking by alias, and reports to a community's chair. */
export function createIdentityKit(deps: KitDeps) {
  const { store, log, dir } = deps;
  const tOf = (c: Community | null): Catalogue => catalogue(c?.locale === 'en' ? 'en' : 'zh-CN');

  async function isGone(id: string): Promise<boolean> {
    const s = deps.session();
    if (s.liveContacts.has(id)) return false;
    if (s.goneContacts.has(id)) return true;
    const found = await withTimeout(dir.contact(id), LOOKUP_MS, null);
    (found ? s.liveContacts : s.goneContacts).add(id);
    return !found;
  }

  /**
   * Tells the community's chairs privately (those this session can reach: known and friends); when
   * there is none, the community's rooms of this session, addressed to the chair. Queued, not sent:
   * the outbox's dispatcher sends it.
   */
  async function reportToChair(communityId: number, key: string, make: (t: Catalogue) => string): Promise<void> {
    const s = deps.session();
    if (s.reported.has(key)) return;
    s.reported.add(key);
    const community = await store.getCommunity(communityId);
    const t = tOf(community);
    const text = make(t);
    const cause = `wechat-report:${key}:${randomUUID()}`;
    const chairs: Effect[] = [];
    for (const chair of await store.chairsOf(communityId, PLATFORM)) {
      if (await isGone(chair.userId)) continue;
      const c = await dir.contact(chair.userId);
      if (c?.friend !== false) chairs.push({ kind: 'private', platform: PLATFORM, userId: chair.userId, text });
    }
    let queued = 0;
    try {
      if (chairs.length) {
        await deps.queue(chairs, { communityId, cause });
        queued = chairs.length;
      } else {
        for (const g of await store.groupsOf(communityId)) {
          if (g.platform !== PLATFORM || !s.liveRooms.has(g.chatId)) continue;
          const room = { platform: PLATFORM, chatId: g.chatId, chatKind: 'group' as const };
          await deps.queue([{ kind: 'reply', text: t.wechat.toChair + text }], { msg: room, communityId, cause: `${cause}:${g.chatId}` });
          queued++;
        }
      }
    } catch (err) {
      log.warn({ err, communityId }, 'wechat: the report to the chair could not be queued');
    }
    log.warn({ communityId, report: key.split(':')[0], queued }, 'wechat: reported to the chair');
  }

  /** Re-points every row carrying the alias key at contact `c`; false when the key is not unique to a lost identity. */
  async function recoverByAlias(c: DirectoryContact, key: string): Promise<boolean> {
    const rows = await store.identitiesByKey(PLATFORM, key);
    const olds = [...new Set(rows.map((r) => r.userId).filter((u) => u !== c.id))];
    if (!olds.length) return rows.length > 0;
    for (const old of olds) {
      if (!(await isGone(old))) {
        log.warn({ key }, 'wechat: a remark alias is on two live contacts; not re-linked');
        return false;
      }
    }
    const ids = rows.filter((r) => r.userId !== c.id).map((r) => r.memberId);
    const r = await store.repointIdentities({ memberIds: ids, platform: PLATFORM, userId: c.id, displayName: c.name, via: 'alias' });
    if (r.conflicts.length) log.warn({ memberIds: r.conflicts }, 'wechat: member rows not re-linked (the new id has its own)');
    log.info({ memberIds: r.moved.map((m) => m.memberId) }, 'wechat: member found again by remark alias');
    deps.session().known.add(c.id);
    return r.moved.length > 0;
  }

  return { tOf, isGone, reportToChair, recoverByAlias };
}
