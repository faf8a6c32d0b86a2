import { bigint, bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities, units } from './schema.js';

const ts = () => timestamp({ withTimezone: true });

/** A fee item of the community's schedule (收费标准). Rate in integer fen per basis unit. */
export const feeItems = pgTable(
  'fee_items',
  {
    feeItemId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    item: text().notNull(),
    basis: text().$type<'per_m2_month' | 'per_unit_month' | 'per_space_month' | 'one_off'>().notNull(),
    rateFen: integer().notNull(),
    note: text().notNull().default(''),
  },
  (t) => [uniqueIndex('fee_items_community_item').on(t.communityId, t.item)],
);

/** What a household was billed and paid for an item and period (fen). */
export const bills = pgTable(
  'bills',
  {
    billId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    unitId: integer().notNull().references(() => units.unitId),
    item: text().notNull(),
    period: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    paidFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [uniqueIndex('bills_unit_item_period').on(t.unitId, t.item, t.period), index('bills_community').on(t.communityId)],
);

/** Questions and answers of the community (imported, or added by the committee in a chat). */
export const faqEntries = pgTable(
  'faq_entries',
  {
    faqId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    faqNo: integer().notNull(),
    question: text().notNull(),
    answer: text().notNull(),
    keywords: text().notNull().default(''),
    addedBy: text().notNull(),
    createdAt: ts().notNull(),
  },
  (t) => [uniqueIndex('faq_entries_no').on(t.communityId, t.faqNo)],
);

/** A question the bot could not answer with confidence, kept for the committee (待答问题). */
export const faqPending = pgTable(
  'faq_pending',
  {
    pendingId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    pendingNo: integer().notNull(),
    question: text().notNull(),
    askedAt: ts().notNull(),
    answeredAt: ts(),
    faqId: integer().references(() => faqEntries.faqId),
  },
  (t) => [uniqueIndex('faq_pending_no').on(t.communityId, t.pendingNo), index('faq_pending_open').on(t.communityId, t.answeredAt)],
);

/** Who asked a pending question, to be answered privately once the committee answers it. */
export const faqAskers = pgTable(
  'faq_askers',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer().notNull(),
    pendingId: integer().notNull().references(() => faqPending.pendingId),
    platform: text().$type<'telegram' | 'wechat'>().notNull(),
    userId: text().notNull(),
    locale: text().notNull(),
    askedAt: ts().notNull(),
    notifiedAt: ts(),
  },
  (t) => [uniqueIndex('faq_askers_once').on(t.pendingId, t.platform, t.userId)],
);

/** Shared income (公共收益) and its costs per period, in fen: a negative amount is a cost. */
export const incomeRecords = pgTable(
  'income_records',
  {
    incomeId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    period: text().notNull(),
    item: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    note: text().notNull().default(''),
  },
  (t) => [index('income_records_period').on(t.communityId, t.period)],
);

/** The community's split rule for shared income, in percent per share; no row: no rule. */
export const incomeRules = pgTable('income_rules', {
  communityId: integer()
    .primaryKey()
    .references(() => communities.communityId),
  shares: jsonb().$type<{ management: number; dividend: number; facilities: number }>().notNull(),
  setBy: text().notNull(),
  setAt: ts().notNull(),
});
