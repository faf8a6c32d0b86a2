import type { Db } from '../db/client.js';
import { createBallotWriter } from '../db/ballot-writer.js';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { admitUpdates, keepNewUpdates, markHandled, unhandledUpdates, type InboxEntry } from '../db/inbox-repo.js';
import type { ChatMessage, Effect } from '../chat/model.js';
import { createEffectsCommitter } from '../outbox/effects-committer.js';
import { cardPlacesOf, type CardPlace, type EffectOrigin } from '../outbox/outbox-rows.js';
import { queueEffects } from './outbox.js';
import type { Clock } from './clock.js';
import { findGroup, findGroupsWithCommunity, getCommunity, groupsOf, type Community, type GroupLink, type Platform } from './communities.js';
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
} from './identity-links.js';
import { findMembers, latestMemberships, type Member } from './members.js';
import { createVotePolls } from './polls.js';
import { closePoll, duePolls } from './polls.js';
import { prepareDueReminders, syncAllReminders, syncReminders, takeDueReminders } from './reminders.js';

const groupBy = <T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
};

type Rest<F> = F extends (db: Db, ...a: infer A) => infer R ? (...a: A) => R : never;
type RestAfterClock<F> = F extends (db: Db, clock: Clock, ...a: infer A) => infer R ? (...a: A) => R : never;

/**
 * The services (repositories, caches, batch writers) of one running instance, built once in the
 * composition root and handed to the chat core, the adapters and the scheduler, which never hold
 * the database handle themselves. Their state (the batched look-ups, the vote cache, the ballot and
 * effects batches) lives here, not in modules.
 */
export function createServices(db: Db, clock: Clock) {
  const withDb = <F extends (db: Db, ...a: never[]) => unknown>(f: F) => ((...a: unknown[]) => (f as unknown as (...x: unknown[]) => unknown)(db, ...a)) as Rest<F>;
  const withDbClock = <F extends (db: Db, clock: Clock, ...a: never[]) => unknown>(f: F) =>
    ((...a: unknown[]) => (f as unknown as (...x: unknown[]) => unknown)(db, clock, ...a)) as RestAfterClock<F>;
  // The look-ups every message starts with, batched: the turns that reach them in the same tick
  // share one query (DataLoader; no caching, so every turn reads what is committed).
  const once = { cache: false, maxBatchSize: 500 } as const;
  const groupLoader = new DataLoader<{ platform: Platform; chatId: string }, { group: GroupLink; community: Community } | null>(async (keys) => {
    const found = await findGroupsWithCommunity(db, [...keys]);
    return keys.map((k) => found.get(`${k.platform}:${k.chatId}`) ?? null);
  }, once);
  const memberLoader = new DataLoader<{ communityId: number; platform: Platform; userId: string }, Member | null>(async (keys) => {
    const out = new Map<string, Member>();
    for (const [scope, list] of groupBy(keys, (k) => `${k.communityId}:${k.platform}`)) {
      for (const [u, m] of await findMembers(db, list[0]!.communityId, list[0]!.platform, [...new Set(list.map((k) => k.userId))])) out.set(`${scope}:${u}`, m);
    }
    return keys.map((k) => out.get(`${k.communityId}:${k.platform}:${k.userId}`) ?? null);
  }, once);
  const latestLoader = new DataLoader<{ platform: Platform; userId: string }, { member: Member; community: Community } | null>(async (keys) => {
    const out = new Map<string, { member: Member; community: Community }>();
    for (const [platform, list] of groupBy(keys, (k) => k.platform)) {
      for (const [u, m] of await latestMemberships(db, platform as Platform, [...new Set(list.map((k) => k.userId))])) out.set(`${platform}:${u}`, m);
    }
    return keys.map((k) => out.get(`${k.platform}:${k.userId}`) ?? null);
  }, once);
  const cardLoader = new DataLoader<number, CardPlace[]>(async (ids) => {
    const found = await cardPlacesOf(db, [...ids]);
    return ids.map((id) => found.get(id) ?? []);
  }, once);
  // A vote reads them before its ballot is written and its edit row after: one read serves both,
  // and the votes of that moment (a card posted a moment ago is posted with the current state).
  const cardMemo = new LRUCache<number, Promise<CardPlace[]>>({ max: 1000, ttl: 250 });
  const admitLoader = new DataLoader<ChatMessage, InboxEntry>((msgs) => admitUpdates(db, [...msgs], clock.now()), once);
  return {
    /** Runs `fn` in one transaction (a handler's unit of work). */
    transaction: <T>(fn: (tx: Db) => Promise<T>): Promise<T> => db.transaction((tx) => fn(tx as unknown as Db)),
    /** The database for work that takes its own handle (features run inside the turn's transaction). */
    db,
    /** Who speaks where: the look-ups every message starts with, batched across concurrent turns. */
    directory: {
      groupWithCommunity: (platform: Platform, chatId: string) => groupLoader.load({ platform, chatId }),
      member: (communityId: number, platform: Platform, userId: string) => memberLoader.load({ communityId, platform, userId }),
      latestMembership: (platform: Platform, userId: string) => latestLoader.load({ platform, userId }),
    },
    inbox: {
      /** Keeps a batch of updates (those not kept yet) in one statement; by update key, each one's entry. */
      keep: async (msgs: ChatMessage[]): Promise<Map<string, InboxEntry>> => {
        if (!msgs.length) return new Map();
        const entries = await admitUpdates(db, msgs, clock.now());
        return new Map(msgs.map((m, i) => [m.updateKey, entries[i]!]));
      },
      /** Keeps updates not kept yet; by update key, the inbox ids of those kept now (one delivered again is left out). */
      keepNew: (msgs: ChatMessage[]) => keepNewUpdates(db, msgs, clock.now()),
      admit: (msg: ChatMessage) => admitLoader.load(msg),
      markHandled: (ids: number[], communityId: number | null = null) => markHandled(db, ids, clock.now(), communityId),
      /** Updates kept but not handled, oldest first (an adapter that handles its own after a restart). */
      unhandled: (platform: Platform, botId: string, limit = 500) => unhandledUpdates(db, platform, botId, limit),
    },
    /** Where polls' live cards were posted (for their edits), batched. */
    cardPlaces: (pollId: number) => {
      let p = cardMemo.get(pollId);
      if (!p) {
        const loading = cardLoader.load(pollId);
        cardMemo.set(pollId, (p = loading));
        loading.catch(() => cardMemo.delete(pollId));
      }
      return p;
    },
    /** Open polls by number, for votes. */
    votePolls: createVotePolls(db),
    /** Ballots in per-community batches (one statement each). */
    ballots: createBallotWriter(db),
    /** What self-committing turns say, with their handled marks (one statement per batch). */
    effects: createEffectsCommitter(db),
    /** Groups and identities as the WeChat adapter keeps them linked across re-logins. */
    identities: {
      getCommunity: withDb(getCommunity),
      findGroup: withDb(findGroup),
      groupsOf: withDb(groupsOf),
      chairsOf: withDb(chairsOf),
      identitiesByKey: withDb(identitiesByKey),
      identitiesOfUser: withDb(identitiesOfUser),
      identitiesOfCommunity: withDb(identitiesOfCommunity),
      linkedOrLostGroups: withDb(linkedOrLostGroups),
      renameGroup: withDb(renameGroup),
      setStableKey: withDb(setStableKey),
      relinkGroup: withDbClock(relinkGroup),
      markGroupLost: withDbClock(markGroupLost),
      /**
       * Re-points identities at a contact's new id; `said` (what the chat is told about it) is written
       * to the outbox in the same transaction.
       */
      repointIdentities: (input: Parameters<typeof repointIdentities>[2], said?: { effects: Effect[]; origin: EffectOrigin }) =>
        said
          ? db.transaction(async (t) => {
              const tx = t as unknown as Db;
              const r = await repointIdentities(tx, clock, input);
              await queueEffects(tx, said.effects, said.origin, clock.now());
              return r;
            })
          : repointIdentities(db, clock, input),
    },
    /** What the scheduler reads and changes. */
    schedule: {
      duePolls: () => duePolls(db, clock),
      closePoll: withDbClock(closePoll),
      getCommunity: withDb(getCommunity),
      syncReminders: withDbClock(syncReminders),
      syncAllReminders: () => syncAllReminders(db, clock),
      takeDueReminders: withDbClock(takeDueReminders),
      prepareDueReminders: () => prepareDueReminders(db, clock),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export type IdentityStore = Services['identities'];
export type InboxService = Services['inbox'];
