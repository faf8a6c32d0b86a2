import { bigint, index, integer, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities } from './schema.js';

/**
 * A second committee member's confirmation of a ballot entered for a household (paper, assisted or
 * by a proxy; SPEC §13 "a second member may confirm"): who confirmed which ballot, and when. One row
 * per ballot and member; the member who entered the ballot does not confirm it.
 */
export const ballotConfirmations = pgTable(
  'ballot_confirmations',
  {
    ballotId: bigint({ mode: 'number' }).notNull(),
    communityId: integer().notNull().references(() => communities.communityId),
    memberId: integer().notNull(),
    confirmedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ballot_confirmations_pk').on(t.ballotId, t.memberId), index('ballot_confirmations_community').on(t.communityId)],
);
