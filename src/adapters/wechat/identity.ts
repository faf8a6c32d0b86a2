import type { Logger } from 'pino';
import type { Clock } from '../../app/clock.js';
import type { StoredGroup, StoredIdentity } from '../../app/identity-links.js';
import type { IdentityStore } from '../../app/services.js';
import type { ChatMessage, Effect } from '../../chat/model.js';
import { normalizeText, parseCommand } from '../../chat/parse-command.js';
import {
  ALIAS_PREFIX,
  LOOKUP_MS,
  PLATFORM,
  aliasKeyOf,
  createIdentityKit,
  newSession,
  withTimeout,
  type DirectoryContact,
  type Pending,
  type QueueEffects,
  type WechatDirectory,
} from './identity-kit.js';
import { sweepAfterLogin } from './identity-sweep.js';

export { aliasKeyOf, type DirectoryContact, type QueueEffects, type WechatDirectory } from './identity-kit.js';

/**
 * WeChat's web protocol gives every contact and room a new id at each login. This module finds them
 * again: rooms by topic, people by the remark alias the bot sets on friends (`议事-<memberId> …`), else
 * by room and display name once the person confirms. Ambiguity goes to the chair, never guessed.
 */

export interface WechatIdentity {
  /** A login: every id of the previous session is void; messages wait until `sweep()` has run. */
  loggedIn(): void;
  /** Re-links rooms by topic and members by alias, and reports what is ambiguous. Once per login. */
  sweep(): Promise<void>;
  /** Before a message goes to the core: recovers its room and sender. `pass: false` keeps it from the core. */
  admit(msg: ChatMessage, sender: DirectoryContact): Promise<Verdict>;
  /** After a message: a member without a remark alias gets one. */
  remember(msg: ChatMessage, sender: DirectoryContact): Promise<void>;
  roomRenamed(roomId: string, topic: string): Promise<void>;
}

/**
 * What becomes of a message: `pass` to the core; else it was an answer to a confirmation, or it is
 * `held` until the sender confirms (then it comes back as `replay`). `dropped`: a held message that will
 * not be handled (the sender said no, or did not answer in time).
 */
export interface Verdict {
  pass: boolean;
  held?: boolean;
  replay?: ChatMessage;
  dropped?: ChatMessage;
}

const CONFIRM_MS = 30 * 60_000;
const YES = new Set(['确认', '是', '是的', '对', 'confirm', 'yes']);
const NO = new Set(['不是', '否', '不对', 'no']);

export interface WechatIdentityDeps {
  store: IdentityStore;
  clock: Clock;
  log: Logger;
  dir: WechatDirectory;
  /** What the recovery says goes to the outbox, as every reply does. */
  queue: QueueEffects;
  /** Tells the dispatchers that a store call wrote outbox rows (a confirmation with its re-linking). */
  wake(): void;
}

export function createWechatIdentity(deps: WechatIdentityDeps): WechatIdentity {
  const { store, clock, log, dir, queue } = deps;
  let s = newSession();
  let gate: Promise<void> = Promise.resolve();
  let openGate = (): void => {};
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const r = chain.then(fn);
    chain = r.catch(() => {});
    return r;
  };
  const kit = createIdentityKit({ store, clock, log, dir, queue, session: () => s });
  /** What is said in answer to a message: a reply in its chat, written once however often the message comes. */
  const about = (msg: ChatMessage, communityId: number | null) => ({ msg, communityId, cause: `${msg.updateKey}:identity` });
  const { tOf, isGone, reportToChair, recoverByAlias } = kit;

  async function ensureRoom(msg: ChatMessage): Promise<void> {
    if (msg.chatKind !== 'group' || s.roomsChecked.has(msg.chatId)) return;
    s.liveRooms.add(msg.chatId);
    s.roomsChecked.add(msg.chatId);
    const stored = await store.linkedOrLostGroups(PLATFORM);
    const same = stored.find((g) => g.chatId === msg.chatId);
    if (same) {
      if (!same.active) await store.relinkGroup({ groupId: same.groupId, platform: PLATFORM, chatId: msg.chatId, title: msg.chatTitle || same.title, via: 'same-id' });
      else if (msg.chatTitle && msg.chatTitle !== same.title) await store.renameGroup(PLATFORM, msg.chatId, msg.chatTitle);
      return;
    }
    if (!msg.chatTitle) return;
    const cands: StoredGroup[] = [];
    for (const g of stored) {
      if (g.title !== msg.chatTitle || s.liveRooms.has(g.chatId)) continue;
      if ((await withTimeout(dir.roomTopic(g.chatId), LOOKUP_MS, null)) === null) cands.push(g);
      else s.liveRooms.add(g.chatId);
    }
    if (cands.length === 1 && (await store.relinkGroup({ groupId: cands[0]!.groupId, platform: PLATFORM, chatId: msg.chatId, title: msg.chatTitle, via: 'title' }))) {
      log.info({ groupId: cands[0]!.groupId, communityId: cands[0]!.communityId }, 'wechat: room found again by its topic');
    } else if (cands.length > 1) {
      for (const g of cands) await reportToChair(g.communityId, `room:${g.groupId}`, (t) => t.wechat.chairRoomAmbiguous(g.title, cands.length));
    }
  }

  async function answer(msg: ChatMessage, sender: DirectoryContact, p: Pending): Promise<Verdict | null> {
    const word = normalizeText(msg.text).toLowerCase();
    const yes = YES.has(word);
    if (!yes && !NO.has(word)) return null;
    s.pending.delete(sender.id);
    const own = await store.identitiesOfUser(PLATFORM, p.oldUserId);
    const community = own[0] ? await store.getCommunity(own[0].communityId) : null;
    const t = tOf(community);
    const origin = about(msg, community?.communityId ?? null);
    if (!yes) {
      s.declined.add(`${sender.id}:${p.oldUserId}`);
      await queue([{ kind: 'reply', text: t.wechat.notMe }], origin).catch((err) => log.warn({ err }, 'wechat: "not me" could not be queued'));
      return p.held ? { pass: false, dropped: p.held } : { pass: false };
    }
    // The re-linking and "confirmed" are committed together.
    const said = { effects: [{ kind: 'reply', text: t.wechat.confirmed(p.unit) }] satisfies Effect[], origin };
    const r = await store.repointIdentities({ memberIds: own.map((m) => m.memberId), platform: PLATFORM, userId: sender.id, displayName: sender.name, via: 'confirmed-name' }, said);
    deps.wake();
    log.info({ memberIds: r.moved.map((m) => m.memberId), conflicts: r.conflicts.length }, 'wechat: member found again by confirmed display name');
    s.known.add(sender.id);
    return p.held ? { pass: false, replay: p.held } : { pass: false };
  }

  async function byName(msg: ChatMessage, sender: DirectoryContact): Promise<Verdict> {
    const group = msg.chatKind === 'group' ? await store.findGroup(PLATFORM, msg.chatId) : null;
    if (!group) return { pass: true };
    const key = `${group.communityId}:${sender.id}`;
    if (s.checked.has(key)) return { pass: true };
    const cands: StoredIdentity[] = [];
    for (const r of await store.identitiesOfCommunity(group.communityId, PLATFORM)) {
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
    const community = await store.getCommunity(group.communityId);
    const t = tOf(community);
    const unit = cand.unitLabel ?? t.roleName(cand.role);
    const text = t.wechat.confirmAsk(community?.name ?? '', unit);
    const addressed = msg.mentioned || parseCommand(msg.text).kind !== 'none';
    // Asked privately (a friend; when that cannot be delivered and the message was addressed to the
    // bot, in the room), else in the room with an @ when the message was addressed to the bot.
    const friend = sender.friend !== false;
    if (!friend && !addressed) return { pass: true };
    const ask: Effect = friend
      ? { kind: 'private', platform: PLATFORM, userId: sender.id, text, ...(addressed ? { fallback: `@${sender.name} ${text}` } : {}) }
      : { kind: 'reply', text, mention: { userId: sender.id, name: sender.name } };
    try {
      await queue([ask], about(msg, group.communityId));
    } catch (err) {
      log.warn({ err }, 'wechat: the confirmation question could not be queued');
      return { pass: true };
    }
    s.checked.add(key);
    s.pending.set(sender.id, { oldUserId: cand.userId, unit, expires: clock.now().getTime() + CONFIRM_MS, ...(addressed ? { held: msg } : {}) });
    return addressed ? { pass: false, held: true } : { pass: true };
  }

  return {
    loggedIn() {
      s = newSession();
      openGate(); // waiters of an earlier login wake up and wait for this one (see admit)
      gate = new Promise<void>((resolve) => (openGate = resolve));
    },
    sweep() {
      if (s.swept) return gate;
      s.swept = true;
      const session = s;
      return serial(async () => {
        try {
          await sweepAfterLogin({ store, clock, log, dir, kit, s: session });
        } catch (err) {
          log.error({ err }, 'wechat: re-linking after login failed');
        } finally {
          if (s === session) openGate();
        }
      });
    },
    async admit(msg, sender) {
      for (let g = gate; ; g = gate) {
        await g;
        if (g === gate) break;
      }
      s.liveContacts.add(sender.id);
      if ((msg.chatKind === 'private' || s.roomsChecked.has(msg.chatId)) && s.known.has(sender.id) && !s.pending.has(sender.id)) return { pass: true };
      return serial(async () => {
        await ensureRoom(msg);
        const p = s.pending.get(sender.id);
        let dropped: ChatMessage | undefined;
        if (p && p.expires < clock.now().getTime()) {
          s.pending.delete(sender.id);
          dropped = p.held;
        } else if (p) {
          const r = await answer(msg, sender, p);
          if (r) return r;
        }
        const verdict = async (): Promise<Verdict> => {
          if (s.known.has(sender.id)) return { pass: true };
          if ((await store.identitiesOfUser(PLATFORM, sender.id)).length) {
            s.known.add(sender.id);
            return { pass: true };
          }
          const key = aliasKeyOf(sender.alias);
          if (key && (await recoverByAlias(sender, key))) return { pass: true };
          if (s.pending.has(sender.id)) return { pass: true };
          return byName(msg, sender);
        };
        const v = await verdict();
        return dropped ? { ...v, dropped } : v;
      });
    },
    async remember(_msg, sender) {
      if (s.aliasDone.has(sender.id)) return;
      const rows = await store.identitiesOfUser(PLATFORM, sender.id);
      if (!rows.length) return;
      s.known.add(sender.id);
      s.aliasDone.add(sender.id);
      let key = aliasKeyOf(sender.alias);
      if (!key && sender.friend !== false) {
        const id = Math.min(...rows.map((r) => r.memberId));
        const alias = `${ALIAS_PREFIX}${id} ${sender.alias || sender.name}`.slice(0, 30).trim();
        if (await dir.setAlias(sender.id, alias)) key = `alias:${ALIAS_PREFIX}${id}`;
      }
      if (key && rows.some((r) => r.stableKey !== key)) await store.setStableKey(PLATFORM, sender.id, key);
    },
    async roomRenamed(roomId, topic) {
      await store.renameGroup(PLATFORM, roomId, topic);
    },
  };
}
