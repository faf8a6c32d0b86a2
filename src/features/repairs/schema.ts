import { bigserial, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities, members } from '../../db/schema.js';

const ts = () => timestamp({ withTimezone: true });

/** Repair requests (报修, SPEC §14), numbered per community. */
export const repairs = pgTable(
  'repairs',
  {
    repairId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    repairNo: integer().notNull(),
    reporterMemberId: integer().notNull().references(() => members.memberId),
    /** The reporter's building (`3` of `3-2-501`); null when the unit label names none. */
    building: text(),
    text: text().notNull(),
    /** reported → dispatched → in_progress → fixed → confirmed, or back to reopened. */
    status: text().$type<'reported' | 'dispatched' | 'in_progress' | 'fixed' | 'confirmed' | 'reopened'>().notNull().default('reported'),
    /** `property` (the property company, 物业) or `member`. */
    assigneeKind: text().$type<'property' | 'member'>(),
    assigneeMemberId: integer().references(() => members.memberId),
    /** The assignee as shown (物业, a member's name). */
    assigneeName: text(),
    promisedAt: ts(),
    reportedAt: ts().notNull(),
    dispatchedAt: ts(),
    doneAt: ts(),
    confirmedAt: ts(),
    /** `satisfied` or `unsatisfied`, given by the reporter once confirmed. */
    rating: text().$type<'satisfied' | 'unsatisfied'>(),
    updatedAt: ts().notNull(),
  },
  (t) => [uniqueIndex('repairs_community_no').on(t.communityId, t.repairNo), index('repairs_community_status').on(t.communityId, t.status)],
);

/** Each step of a repair request, with who took it and its words (progress notes). */
export const repairEvents = pgTable(
  'repair_events',
  {
    eventId: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    repairId: integer().notNull().references(() => repairs.repairId),
    action: text().notNull(),
    actorMemberId: integer().references(() => members.memberId),
    /** `platform:user` or `system`. */
    actor: text().notNull(),
    at: ts().notNull(),
    text: text(),
  },
  (t) => [index('repair_events_repair').on(t.repairId, t.eventId)],
);
