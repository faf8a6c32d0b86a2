import type { Logger } from 'pino';
import type { Clock } from '../../app/clock.js';
import { findGroup, getCommunity, groupsOf, type Community } from '../../app/communities.js';
import {
  chairsOf,
  identitiesByKey,
  identitiesOfCommunity,
  identitiesOfUser,
  linkedOrLostGroups,
  markGroupLost,
  relinkGroup,
  renameGroup,
  repointIdentities,
  setStableKey,
  type StoredGroup,
  type StoredIdentity,
} from '../../app/identity-links.js';
import type { Db } from '../../db/client.js';
import { catalogue, type Catalogue } from '../../chat/i18n/index.js';
import type { ChatMessage } from '../../chat/model.js';
import { normalizeText, parseCommand } from '../../chat/parse-command.js';

/**
 * WeChat's web protocol gives every contact and room a new id at each login. This module finds them
 * again: rooms by topic, people by the remark alias the bot sets on friends (`议事-<memberId> …`), else
 * by room and display name once the person confirms. Ambiguity goes to the chair, never guessed.
 */

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
  /** Sends a text (with an @ of `mention` in a room); false when it could not be sent. */
  say(conversationId: string, text: string, mention?: DirectoryContact): Promise<boolean>;
}

export interface WechatIdentity {
  /** A login: every id of the previous session is void; messages wait until `sweep()` has run. */
  loggedIn(): void;
  /** Re-links rooms by topic and members by alias, and reports what is ambiguous. Once per login. */
  sweep(): Promise<void>;
  /** Before a message goes to the core: recovers its room and sender. `pass: false` keeps it from the core. */
  admit(msg: ChatMessage, sender: DirectoryContact): Promise<{ pass: boolean; replay?: ChatMessage }>;
  /** After a message: a member without a remark alias gets one. */
  remember(msg: ChatMessage, sender: DirectoryContact): Promise<void>;
  roomRenamed(roomId: string, topic: string): Promise<void>;
}

const PLATFORM = 'wechat' as const;
const ALIAS_PREFIX = '议事-';
const ALIAS_RE = /^议事-(\d+)(?=\s|$)/;
const CONFIRM_MS = 30 * 60_000;
const LOOKUP_MS = 5000;
const YES = new Set(['确认', '是', '是的', '对', 'confirm', 'yes']);
const NO = new Set(['不是', '否', '不对', 'no']);

/** The stable key of a contact's remark alias set by the bot, e.g. `alias:议事-12`. */
export function aliasKeyOf(alias: string | undefined | null): string | null {
  const m = ALIAS_RE.exec((alias ?? '').trim());
  return m ? `alias:${ALIAS_PREFIX}${m[1]}` : null;
}

interface Pending {
  oldUserId: string;
  unit: string;
  held?: ChatMessage;
  expires: number;
}

function newSession() {
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

const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref?.())]);

export function createWechatIdentity(deps: { db: Db; clock: Clock; log: Logger; dir: WechatDirectory }): WechatIdentity {
  const { db, clock, log, dir } = deps;
  let s = newSession();
  let gate: Promise<void> = Promise.resolve();
  let openGate = (): void => {};
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const r = chain.then(fn);
    chain = r.catch(() => {});
    return r;
  };
  const tOf = (c: Community | null): Catalogue => catalogue(c?.locale === 'en' ? 'en' : 'zh-CN');

  async function isGone(id: string): Promise<boolean> {
    if (s.liveContacts.has(id)) return false;
    if (s.goneContacts.has(id)) return true;
    const found = await withTimeout(dir.contact(id), LOOKUP_MS, null);
    (found ? s.liveContacts : s.goneContacts).add(id);
    return !found;
  }

  async function reportToChair(communityId: number, key: string, make: (t: Catalogue) => string): Promise<void> {
    if (s.reported.has(key)) return;
    s.reported.add(key);
    const community = await getCommunity(db, communityId);
    const t = tOf(community);
    const text = make(t);
    let delivered = false;
    for (const chair of await chairsOf(db, communityId, PLATFORM)) {
      if (await isGone(chair.userId)) continue;
      const c = await dir.contact(chair.userId);
      if (c?.friend !== false && (await dir.say(chair.userId, text))) delivered = true;
    }
    if (!delivered) {
      for (const g of await groupsOf(db, communityId)) {
        if (g.platform === PLATFORM && s.liveRooms.has(g.chatId) && (await dir.say(g.chatId, t.wechat.toChair + text))) delivered = true;
      }
    }
    log.warn({ communityId, report: key.split(':')[0], delivered }, 'wechat: reported to the chair');
  }

  /** Re-points every row carrying the alias key at contact `c`; false when the key is not unique to a lost identity. */
  async function recoverByAlias(c: DirectoryContact, key: string): Promise<boolean> {
    const rows = await identitiesByKey(db, PLATFORM, key);
    const olds = [...new Set(rows.map((r) => r.userId).filter((u) => u !== c.id))];
    if (!olds.length) return rows.length > 0;
    for (const old of olds) {
      if (!(await isGone(old))) {
        log.warn({ key }, 'wechat: a remark alias is on two live contacts; not re-linked');
        return false;
      }
    }
    const ids = rows.filter((r) => r.userId !== c.id).map((r) => r.memberId);
    const r = await repointIdentities(db, clock, { memberIds: ids, platform: PLATFORM, userId: c.id, displayName: c.name, via: 'alias' });
    if (r.conflicts.length) log.warn({ memberIds: r.conflicts }, 'wechat: member rows not re-linked (the new id has its own)');
    log.info({ memberIds: r.moved.map((m) => m.memberId) }, 'wechat: member found again by remark alias');
    s.known.add(c.id);
    return r.moved.length > 0;
  }

  async function relinkRooms(): Promise<{ communityId: number; key: string; make: (t: Catalogue) => string }[]> {
    const rooms = await dir.rooms();
    for (const r of rooms) s.liveRooms.add(r.id);
    const stored = await linkedOrLostGroups(db, PLATFORM);
    const stale: StoredGroup[] = [];
    for (const g of stored) {
      const topic = s.liveRooms.has(g.chatId) ? (rooms.find((r) => r.id === g.chatId)?.topic ?? g.title) : await withTimeout(dir.roomTopic(g.chatId), LOOKUP_MS, null);
      if (topic === null) {
        stale.push(g);
        continue;
      }
      s.liveRooms.add(g.chatId);
      if (!g.active) await relinkGroup(db, clock, { groupId: g.groupId, platform: PLATFORM, chatId: g.chatId, title: topic, via: 'same-id' });
      else if (topic && topic !== g.title) await renameGroup(db, PLATFORM, g.chatId, topic);
    }
    const taken = new Set(stored.map((g) => g.chatId));
    const reports: { communityId: number; key: string; make: (t: Catalogue) => string }[] = [];
    for (const g of stale) {
      const same = rooms.filter((r) => r.topic === g.title && !taken.has(r.id));
      const rivals = stale.filter((o) => o !== g && o.title === g.title).length;
      if (same.length === 1 && rivals === 0 && (await relinkGroup(db, clock, { groupId: g.groupId, platform: PLATFORM, chatId: same[0]!.id, title: g.title, via: 'title' }))) {
        taken.add(same[0]!.id);
        log.info({ groupId: g.groupId, communityId: g.communityId }, 'wechat: room found again by its topic');
        continue;
      }
      const ambiguous = same.length > 1 || rivals > 0;
      if (await markGroupLost(db, clock, g.groupId, ambiguous ? 'ambiguous' : 'not-found')) {
        log.warn({ groupId: g.groupId, communityId: g.communityId, ambiguous }, 'wechat: room not found again after login');
        const n = Math.max(same.length, rivals + 1);
        reports.push({ communityId: g.communityId, key: `room:${g.groupId}`, make: (t) => (ambiguous ? t.wechat.chairRoomAmbiguous(g.title, n) : t.wechat.chairRoomLost(g.title)) });
      }
    }
    return reports;
  }

  /** Friends carrying the bot's remark alias are found again wherever they are. */
  async function recoverFriends(): Promise<void> {
    for (const c of await dir.contacts()) {
      s.liveContacts.add(c.id);
      const key = aliasKeyOf(c.alias);
      if (key && c.id !== dir.selfId() && !s.known.has(c.id)) await recoverByAlias(c, key);
    }
  }

  async function sweepMembers(): Promise<void> {
    const live = (await linkedOrLostGroups(db, PLATFORM)).filter((g) => g.active && s.liveRooms.has(g.chatId));
    const byCommunity = new Map<number, Map<string, DirectoryContact>>();
    for (const g of live) {
      const seen = byCommunity.get(g.communityId) ?? new Map<string, DirectoryContact>();
      byCommunity.set(g.communityId, seen);
      for (const c of await dir.roomMembers(g.chatId)) {
        s.liveContacts.add(c.id);
        if (c.id !== dir.selfId()) seen.set(c.id, c);
      }
    }
    for (const [communityId, contacts] of byCommunity) {
      const ownIds = new Set((await identitiesOfCommunity(db, communityId, PLATFORM)).map((r) => r.userId));
      const unknown: DirectoryContact[] = [];
      for (const c of contacts.values()) {
        if (ownIds.has(c.id)) s.known.add(c.id);
        else {
          const key = aliasKeyOf(c.alias);
          if (!key || !(await recoverByAlias(c, key))) unknown.push(c);
        }
      }
      const names = new Set(unknown.map((c) => c.name));
      const byName = new Map<string, StoredIdentity[]>();
      for (const r of await identitiesOfCommunity(db, communityId, PLATFORM)) {
        if (!names.has(r.displayName) || r.stableKey?.startsWith('alias:') || !(await isGone(r.userId))) continue;
        byName.set(r.displayName, [...(byName.get(r.displayName) ?? []), r]);
      }
      for (const [name, list] of byName) {
        if (list.length < 2) continue;
        await reportToChair(communityId, `name:${communityId}:${name}`, (t) => t.wechat.chairAmbiguousMembers(name, list.map((r) => r.unitLabel ?? t.roleName(r.role)).sort()));
      }
    }
  }

  async function ensureRoom(msg: ChatMessage): Promise<void> {
    if (msg.chatKind !== 'group' || s.roomsChecked.has(msg.chatId)) return;
    s.liveRooms.add(msg.chatId);
    s.roomsChecked.add(msg.chatId);
    const stored = await linkedOrLostGroups(db, PLATFORM);
    const same = stored.find((g) => g.chatId === msg.chatId);
    if (same) {
      if (!same.active) await relinkGroup(db, clock, { groupId: same.groupId, platform: PLATFORM, chatId: msg.chatId, title: msg.chatTitle || same.title, via: 'same-id' });
      else if (msg.chatTitle && msg.chatTitle !== same.title) await renameGroup(db, PLATFORM, msg.chatId, msg.chatTitle);
      return;
    }
    if (!msg.chatTitle) return;
    const cands: StoredGroup[] = [];
    for (const g of stored) {
      if (g.title !== msg.chatTitle || s.liveRooms.has(g.chatId)) continue;
      if ((await withTimeout(dir.roomTopic(g.chatId), LOOKUP_MS, null)) === null) cands.push(g);
      else s.liveRooms.add(g.chatId);
    }
    if (cands.length === 1 && (await relinkGroup(db, clock, { groupId: cands[0]!.groupId, platform: PLATFORM, chatId: msg.chatId, title: msg.chatTitle, via: 'title' }))) {
      log.info({ groupId: cands[0]!.groupId, communityId: cands[0]!.communityId }, 'wechat: room found again by its topic');
    } else if (cands.length > 1) {
      for (const g of cands) await reportToChair(g.communityId, `room:${g.groupId}`, (t) => t.wechat.chairRoomAmbiguous(g.title, cands.length));
    }
  }

  async function answer(msg: ChatMessage, sender: DirectoryContact, p: Pending): Promise<{ pass: boolean; replay?: ChatMessage } | null> {
    const word = normalizeText(msg.text).toLowerCase();
    const yes = YES.has(word);
    if (!yes && !NO.has(word)) return null;
    s.pending.delete(sender.id);
    const own = await identitiesOfUser(db, PLATFORM, p.oldUserId);
    const community = own[0] ? await getCommunity(db, own[0].communityId) : null;
    const t = tOf(community);
    if (!yes) {
      s.declined.add(`${sender.id}:${p.oldUserId}`);
      await dir.say(msg.chatId, t.wechat.notMe);
      return { pass: false };
    }
    const r = await repointIdentities(db, clock, { memberIds: own.map((m) => m.memberId), platform: PLATFORM, userId: sender.id, displayName: sender.name, via: 'confirmed-name' });
    log.info({ memberIds: r.moved.map((m) => m.memberId), conflicts: r.conflicts.length }, 'wechat: member found again by confirmed display name');
    s.known.add(sender.id);
    await dir.say(msg.chatId, t.wechat.confirmed(p.unit));
    return p.held ? { pass: false, replay: p.held } : { pass: false };
  }

  async function byName(msg: ChatMessage, sender: DirectoryContact): Promise<{ pass: boolean }> {
    const group = msg.chatKind === 'group' ? await findGroup(db, PLATFORM, msg.chatId) : null;
    if (!group) return { pass: true };
    const key = `${group.communityId}:${sender.id}`;
    if (s.checked.has(key)) return { pass: true };
    const cands: StoredIdentity[] = [];
    for (const r of await identitiesOfCommunity(db, group.communityId, PLATFORM)) {
      if (r.displayName !== sender.name || r.userId === sender.id || r.stableKey?.startsWith('alias:')) continue;
      if (s.declined.has(`${sender.id}:${r.userId}`) || !(await isGone(r.userId))) continue;
      cands.push(r);
    }
    if (cands.length !== 1) {
      s.checked.add(key);
      if (cands.length > 1) {
        await reportToChair(group.communityId, `name:${group.communityId}:${sender.name}`, (t) =>
          t.wechat.chairAmbiguousMembers(sender.name, cands.map((r) => r.unitLabel ?? t.roleName(r.role)).sort()),
        );
      }
      return { pass: true };
    }
    const cand = cands[0]!;
    const community = await getCommunity(db, group.communityId);
    const t = tOf(community);
    const unit = cand.unitLabel ?? t.roleName(cand.role);
    const text = t.wechat.confirmAsk(community?.name ?? '', unit);
    const addressed = msg.mentioned || parseCommand(msg.text).kind !== 'none';
    const asked = (sender.friend !== false && (await dir.say(sender.id, text))) || (addressed && (await dir.say(msg.chatId, text, sender)));
    if (!asked) return { pass: true };
    s.checked.add(key);
    s.pending.set(sender.id, { oldUserId: cand.userId, unit, expires: clock.now().getTime() + CONFIRM_MS, ...(addressed ? { held: msg } : {}) });
    return { pass: !addressed };
  }

  return {
    loggedIn() {
      s = newSession();
      gate = new Promise<void>((resolve) => (openGate = resolve));
    },
    sweep() {
      if (s.swept) return gate;
      s.swept = true;
      const session = s;
      return serial(async () => {
        try {
          const reports = await relinkRooms();
          await recoverFriends();
          await sweepMembers();
          for (const r of reports) await reportToChair(r.communityId, r.key, r.make);
        } catch (err) {
          log.error({ err }, 'wechat: re-linking after login failed');
        } finally {
          if (s === session) openGate();
        }
      });
    },
    async admit(msg, sender) {
      await gate;
      s.liveContacts.add(sender.id);
      if ((msg.chatKind === 'private' || s.roomsChecked.has(msg.chatId)) && s.known.has(sender.id) && !s.pending.has(sender.id)) return { pass: true };
      return serial(async () => {
        await ensureRoom(msg);
        const p = s.pending.get(sender.id);
        if (p && p.expires < clock.now().getTime()) s.pending.delete(sender.id);
        else if (p) {
          const r = await answer(msg, sender, p);
          if (r) return r;
        }
        if (s.known.has(sender.id)) return { pass: true };
        if ((await identitiesOfUser(db, PLATFORM, sender.id)).length) {
          s.known.add(sender.id);
          return { pass: true };
        }
        const key = aliasKeyOf(sender.alias);
        if (key && (await recoverByAlias(sender, key))) return { pass: true };
        if (s.pending.has(sender.id)) return { pass: true };
        return byName(msg, sender);
      });
    },
    async remember(_msg, sender) {
      if (s.aliasDone.has(sender.id)) return;
      const rows = await identitiesOfUser(db, PLATFORM, sender.id);
      if (!rows.length) return;
      s.known.add(sender.id);
      s.aliasDone.add(sender.id);
      let key = aliasKeyOf(sender.alias);
      if (!key && sender.friend !== false) {
        const id = Math.min(...rows.map((r) => r.memberId));
        const alias = `${ALIAS_PREFIX}${id} ${sender.alias || sender.name}`.slice(0, 30).trim();
        if (await dir.setAlias(sender.id, alias)) key = `alias:${ALIAS_PREFIX}${id}`;
      }
      if (key && rows.some((r) => r.stableKey !== key)) await setStableKey(db, PLATFORM, sender.id, key);
    },
    async roomRenamed(roomId, topic) {
      await renameGroup(db, PLATFORM, roomId, topic);
    },
  };
}
