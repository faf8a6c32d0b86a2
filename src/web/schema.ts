import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities, polls } from '../db/schema.js';

/**
 * Unguessable addresses of a poll's pages (SPEC §13): `poll` is the page anyone with the link may
 * read (and households vote on), `publication` the closed poll's result and publication list (公示).
 * A key is 128 random bits in base64url; the address is all it takes to read the page.
 */
export const webLinks = pgTable(
  'web_links',
  {
    key: text().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    pollId: integer().notNull().references(() => polls.pollId),
    purpose: text().$type<'poll' | 'publication'>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('web_links_poll_purpose').on(t.pollId, t.purpose), index('web_links_community').on(t.communityId)],
);

/**
 * Sign-in links and sessions of the pages (SPEC §13), kept by the SHA-256 of their secret (a stolen
 * table opens nothing). A `link` is single-use and lives 15 minutes; using it makes a `session` of 30
 * days, for the member who asked for the link (and so for that member's household and community).
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    tokenHash: text().primaryKey(),
    kind: text().$type<'link' | 'session'>().notNull(),
    communityId: integer().notNull().references(() => communities.communityId),
    memberId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('web_sessions_member').on(t.memberId)],
);
