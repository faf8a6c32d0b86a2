import type { Logger } from 'pino';
import type { Clock } from '../../app/clock.js';
import type { StoredGroup, StoredIdentity } from '../../app/identity-links.js';
import type { IdentityStore } from '../../app/services.js';
import type { Catalogue } from '../../chat/i18n/index.js';
import { LOOKUP_MS, PLATFORM, aliasKeyOf, withTimeout, type DirectoryContact, type IdentityKit, type Session, type WechatDirectory } from './identity-kit.js';

/**
 * After a login: rooms whose id is gone are linked again by topic (exactly one room with it, else the
 * group is marked lost and the chair told), friends with the bot's remark alias and room members are
 * found again, and display names shared by several lost members are reported to the chair.
 */
export async function sweepAfterLogin(deps: { store: IdentityStore; clock: Clock; log: Logger; dir: WechatDirectory; kit: IdentityKit; s: Session }): Promise<void> {
  const { store, log, dir, kit, s } = deps;
  const { isGone, reportToChair, recoverByAlias } = kit;

  async function relinkRooms(): Promise<{ communityId: number; key: string; make: (t: Catalogue) => string }[]> {
    const rooms = await dir.rooms();
    for (const r of rooms) s.liveRooms.add(r.id);
    const stored = await store.linkedOrLostGroups(PLATFORM);
    const stale: StoredGroup[] = [];
    for (const g of stored) {
      const topic = s.liveRooms.has(g.chatId) ? (rooms.find((r) => r.id === g.chatId)?.topic ?? g.title) : await withTimeout(dir.roomTopic(g.chatId), LOOKUP_MS, null);
      if (topic === null) {
        stale.push(g);
        continue;
      }
      s.liveRooms.add(g.chatId);
      if (!g.active) await store.relinkGroup({ groupId: g.groupId, platform: PLATFORM, chatId: g.chatId, title: topic, via: 'same-id' });
      else if (topic && topic !== g.title) await store.renameGroup(PLATFORM, g.chatId, topic);
    }
    const taken = new Set(stored.map((g) => g.chatId));
    const reports: { communityId: number; key: string; make: (t: Catalogue) => string }[] = [];
    for (const g of stale) {
      const same = rooms.filter((r) => r.topic === g.title && !taken.has(r.id));
      const rivals = stale.filter((o) => o !== g && o.title === g.title).length;
      if (same.length === 1 && rivals === 0 && (await store.relinkGroup({ groupId: g.groupId, platform: PLATFORM, chatId: same[0]!.id, title: g.title, via: 'title' }))) {
        taken.add(same[0]!.id);
        log.info({ groupId: g.groupId, communityId: g.communityId }, 'wechat: room found again by its topic');
        continue;
      }
      const ambiguous = same.length > 1 || rivals > 0;
      if (await store.markGroupLost(g.groupId, ambiguous ? 'ambiguous' : 'not-found')) {
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
    const live = (await store.linkedOrLostGroups(PLATFORM)).filter((g) => g.active && s.liveRooms.has(g.chatId));
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
      const ownIds = new Set((await store.identitiesOfCommunity(communityId, PLATFORM)).map((r) => r.userId));
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
      for (const r of await store.identitiesOfCommunity(communityId, PLATFORM)) {
        if (!names.has(r.displayName) || r.stableKey?.startsWith('alias:') || !(await isGone(r.userId))) continue;
        byName.set(r.displayName, [...(byName.get(r.displayName) ?? []), r]);
      }
      for (const [name, list] of byName) {
        if (list.length < 2) continue;
        await reportToChair(communityId, `name:${communityId}:${name}`, (t) => t.wechat.chairAmbiguousMembers(name, list.map((r) => r.unitLabel ?? t.roleName(r.role)).sort()));
      }
    }
  }

  const reports = await relinkRooms();
  await recoverFriends();
  await sweepMembers();
  for (const r of reports) await reportToChair(r.communityId, r.key, r.make);
}
