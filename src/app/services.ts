import type { Db } from '../db/client.js';
import { createBallotWriter } from '../db/polls-repo.js';
import { admitUpdate, keepUpdates, markHandled } from '../db/inbox-repo.js';
import type { ChatMessage } from '../chat/model.js';
import { createEffectsCommitter } from '../outbox/effects-committer.js';
import type { Clock } from './clock.js';
import { createGroupLookup, findGroup, findGroupWithCommunity, getCommunity, groupsOf, type Platform } from './communities.js';
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
import { createMemberLookups, findMember, latestMembership } from './members.js';
import { createVotePolls } from './polls.js';
import { closePoll, duePolls } from './polls.js';
import { syncAllReminders, syncReminders, takeDueReminders } from './reminders.js';

type Rest<F> = F extends (db: Db, ...a: infer A) => infer R ? (...a: A) => R : never;
type RestAfterClock<F> = F extends (db: Db, clock: Clock, ...a: infer A) => infer R ? (...a: A) => R : never;

/**
 * The services (repositories, caches, batch writers) of one running instance, built once in the
 * composition root and handed to the chat core, the adapters and the scheduler, which never hold
 * the database handle themselves. Their state (prepared look-ups, the vote cache, the ballot and
 * effects batches) lives here, not in modules.
 */
export function createServices(db: Db, clock: Clock) {
  const withDb = <F extends (db: Db, ...a: never[]) => unknown>(f: F) => ((...a: unknown[]) => (f as unknown as (...x: unknown[]) => unknown)(db, ...a)) as Rest<F>;
  const withDbClock = <F extends (db: Db, clock: Clock, ...a: never[]) => unknown>(f: F) =>
    ((...a: unknown[]) => (f as unknown as (...x: unknown[]) => unknown)(db, clock, ...a)) as RestAfterClock<F>;
  const members = createMemberLookups(db);
  const groupLookup = createGroupLookup(db);
  return {
    /** Runs `fn` in one transaction (a handler's unit of work). */
    transaction: <T>(fn: (tx: Db) => Promise<T>): Promise<T> => db.transaction((tx) => fn(tx as unknown as Db)),
    /** The database for work that takes its own handle (features run inside the turn's transaction). */
    db,
    /** Who speaks where: the look-ups every message starts with, prepared once. */
    directory: {
      groupWithCommunity: (platform: Platform, chatId: string) => findGroupWithCommunity(db, platform, chatId, groupLookup),
      member: (communityId: number, platform: Platform, userId: string) => findMember(db, communityId, platform, userId, members),
      latestMembership: (platform: Platform, userId: string) => latestMembership(db, platform, userId, members),
    },
    inbox: {
      keep: (msgs: ChatMessage[]) => keepUpdates(db, msgs, clock.now()),
      admit: (msg: ChatMessage) => admitUpdate(db, msg, clock.now()),
      markHandled: (ids: number[], communityId: number | null = null) => markHandled(db, ids, clock.now(), communityId),
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
      repointIdentities: withDbClock(repointIdentities),
    },
    /** What the scheduler reads and changes. */
    schedule: {
      duePolls: () => duePolls(db, clock),
      closePoll: withDbClock(closePoll),
      getCommunity: withDb(getCommunity),
      syncReminders: withDbClock(syncReminders),
      syncAllReminders: () => syncAllReminders(db, clock),
      takeDueReminders: withDbClock(takeDueReminders),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export type IdentityStore = Services['identities'];
