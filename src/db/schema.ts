import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name?: string) => (name ? timestamp(name, { withTimezone: true }) : timestamp({ withTimezone: true }));

/** A community (小区 / 院落). Its primary key is the community_id every other table carries. */
export const communities = pgTable('communities', {
  communityId: serial().primaryKey(),
  name: text().notNull().unique(),
  timezone: text().notNull(),
  deliberationCron: text().notNull(),
  /** SHA-256 of the one-time setup code; null once used up is not needed: it may link several groups. */
  setupCodeHash: text().notNull(),
  locale: text().notNull().default('zh-CN'),
  feeAnswers: boolean().notNull().default(true),
  reminderOffsets: jsonb().$type<Record<string, number[]>>(),
  createdAt: ts().notNull().defaultNow(),
});

/** One chat on one platform linked to a community. */
export const groups = pgTable(
  'groups',
  {
    groupId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    platform: text().$type<'telegram' | 'wechat'>().notNull(),
    chatId: text().notNull(),
    title: text().notNull().default(''),
    linkedAt: ts().notNull().defaultNow(),
    active: boolean().notNull().default(true),
    /** Set when the platform no longer knows chat_id (a WeChat re-login) and the chat was not found again by its title. */
    lostAt: ts(),
  },
  (t) => [uniqueIndex('groups_platform_chat').on(t.platform, t.chatId), index('groups_community').on(t.communityId)],
);

/** A household (户) of the roster. Area in hundredths of m². */
export const units = pgTable(
  'units',
  {
    unitId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    label: text().notNull(),
    areaCenti: integer().notNull(),
    ownerName: text().notNull(),
    ownerId: text(),
  },
  (t) => [uniqueIndex('units_community_label').on(t.communityId, t.label), index('units_label').on(t.label)],
);

/** One platform identity bound to one unit of a community. */
export const members = pgTable(
  'members',
  {
    memberId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    platform: text().$type<'telegram' | 'wechat'>().notNull(),
    userId: text().notNull(),
    displayName: text().notNull().default(''),
    /** What finds this identity again when the platform changes its ids (WeChat remark alias). */
    stableKey: text(),
    unitId: integer().references(() => units.unitId),
    relation: text().$type<'owner' | 'tenant'>(),
    role: text().$type<'resident' | 'committee' | 'chair'>().notNull().default('resident'),
    boundAt: ts(),
    locale: text(),
  },
  (t) => [
    uniqueIndex('members_community_identity').on(t.communityId, t.platform, t.userId),
    index('members_identity').on(t.platform, t.userId),
  ],
);

/** Binding codes: one per unit and kind (owner / tenant). */
export const bindingCodes = pgTable(
  'binding_codes',
  {
    communityId: integer().notNull().references(() => communities.communityId),
    unitId: integer().notNull().references(() => units.unitId),
    kind: text().$type<'owner' | 'tenant'>().notNull(),
    code: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('binding_codes_unit_kind').on(t.unitId, t.kind), uniqueIndex('binding_codes_code').on(t.code)],
);

/** Wrong binding codes, for the lock-out of SPEC §3. community_id is null when no community could be told. */
/** Guessing limits (SPEC §3): one counter a key (an identity, a unit label, a chat, the whole service), updated atomically. */
export const guessCounters = pgTable('guess_counters', {
  key: text().primaryKey(),
  windowStart: ts().notNull(),
  /** Attempts in the window, each weighted by how many codes it could have hit. */
  n: integer().notNull(),
  lockedUntil: ts(),
});

export const polls = pgTable(
  'polls',
  {
    pollId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    pollNo: integer().notNull(),
    title: text().notNull(),
    rule: text().$type<'owners-general' | 'owners-major' | 'residents' | 'simple'>().notNull(),
    secret: boolean().notNull().default(false),
    hideResults: boolean().notNull().default(false),
    final: boolean().notNull().default(false),
    convention: boolean().notNull().default(false),
    articles: jsonb().$type<string[]>(),
    abstainOption: integer(),
    status: text().$type<'open' | 'closed'>().notNull().default('open'),
    openedBy: integer().references(() => members.memberId),
    openedAt: ts().notNull(),
    closesAt: ts().notNull(),
    closedAt: ts(),
    /** The roster totals when the poll opened: E of SPEC §6. */
    eligibleHeads: integer().notNull(),
    eligibleAreaCenti: integer().notNull(),
    outcome: text().$type<'open' | 'passed' | 'failed' | 'invalid' | 'tie' | 'decided'>().notNull().default('open'),
    /** The tally frozen at the close. */
    result: jsonb(),
    topicId: integer(),
  },
  (t) => [
    uniqueIndex('polls_community_no').on(t.communityId, t.pollNo),
    index('polls_open').on(t.status, t.closesAt),
  ],
);

export const pollOptions = pgTable(
  'poll_options',
  {
    communityId: integer().notNull(),
    pollId: integer().notNull().references(() => polls.pollId),
    optionNo: integer().notNull(),
    text: text().notNull(),
  },
  (t) => [uniqueIndex('poll_options_pk').on(t.pollId, t.optionNo)],
);

/** Where a poll's live tally is shown, so it can be edited. */
export const pollMessages = pgTable(
  'poll_messages',
  {
    communityId: integer().notNull(),
    pollId: integer().notNull().references(() => polls.pollId),
    platform: text().notNull(),
    chatId: text().notNull(),
    messageId: text().notNull(),
  },
  (t) => [uniqueIndex('poll_messages_pk').on(t.pollId, t.platform, t.chatId)],
);

/**
 * Ballots are append-only: a changed vote is a new row and the latest per holder counts.
 * holder_area_centi is the holder's summed area at the time of the vote.
 */
export const ballots = pgTable(
  'ballots',
  {
    ballotId: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer().notNull(),
    pollId: integer().notNull().references(() => polls.pollId),
    holderKey: text().notNull(),
    holderAreaCenti: integer().notNull(),
    /** How many units of the roster the holder's ballot covers. */
    holderUnits: integer().notNull(),
    unitId: integer().notNull(),
    memberId: integer().notNull(),
    optionNo: integer().notNull(),
    castAt: ts().notNull(),
    /** The platform update that carried it: a redelivered update inserts nothing. */
    sourceKey: text(),
    final: boolean().notNull().default(false),
  },
  (t) => [
    index('ballots_tally').on(t.pollId, t.holderKey, t.ballotId.desc()),
    uniqueIndex('ballots_source').on(t.communityId, t.sourceKey),
    uniqueIndex('ballots_final_once').on(t.pollId, t.holderKey).where(sql`final`),
  ],
);

/**
 * The latest ballot of each holder in a poll: a projection of `ballots`, written in the same
 * transaction, so a tally reads one row per holder instead of sorting every ballot.
 */
export const pollVotes = pgTable(
  'poll_votes',
  {
    communityId: integer().notNull(),
    pollId: integer().notNull().references(() => polls.pollId),
    holderKey: text().notNull(),
    optionNo: integer().notNull(),
    areaCenti: integer().notNull(),
    units: integer().notNull(),
    ballotId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('poll_votes_pk').on(t.pollId, t.holderKey), index('poll_votes_tally').on(t.pollId, t.optionNo)],
);

/** The audit chain: entry n's hash = sha256(hash(n-1) | n | entry). */
export const auditLog = pgTable(
  'audit_log',
  {
    communityId: integer().notNull(),
    seq: integer().notNull(),
    at: ts().notNull(),
    action: text().notNull(),
    /** The exact JSON text hashed (kept as text so verification hashes the same bytes). */
    entry: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [uniqueIndex('audit_log_pk').on(t.communityId, t.seq)],
);

/** The head of each community's audit chain; updating it serialises appends. */
export const auditHeads = pgTable('audit_heads', {
  communityId: integer().primaryKey(),
  seq: integer().notNull().default(0),
  hash: text().notNull(),
  /** The hash before the last append (set in the same UPDATE, so the append needs no extra read). */
  prevHash: text().notNull(),
});

/** Platform updates already handled (a redelivered update changes nothing). */
export const processedUpdates = pgTable(
  'processed_updates',
  {
    communityId: integer(),
    sourceKey: text().primaryKey(),
    at: ts().notNull().defaultNow(),
  },
);

/** A topic for the deliberation day (议题), numbered per community; its steps are kept in topic_events. */
export const topics = pgTable(
  'topics',
  {
    topicId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    topicNo: integer().notNull(),
    title: text().notNull(),
    text: text().notNull(),
    status: text().$type<'proposed' | 'on_agenda' | 'rejected' | 'decided' | 'assigned' | 'done'>().notNull().default('proposed'),
    proposedBy: integer().references(() => members.memberId),
    proposedAt: ts().notNull(),
    /** The start of the deliberation day whose agenda the topic is on. */
    agendaDate: ts(),
    decision: text(),
    decidedAt: ts(),
    assignee: text(),
    dueAt: ts(),
    doneAt: ts(),
    feedback: text(),
    rejectReason: text(),
    /** The poll a decision opened. */
    pollId: integer(),
    updatedAt: ts().notNull(),
  },
  (t) => [uniqueIndex('topics_community_no').on(t.communityId, t.topicNo), index('topics_community_status').on(t.communityId, t.status)],
);

/** Co-signs (附议): one per household and topic. */
export const topicSeconds = pgTable(
  'topic_seconds',
  {
    communityId: integer().notNull(),
    topicId: integer().notNull().references(() => topics.topicId),
    unitId: integer().notNull().references(() => units.unitId),
    memberId: integer().notNull().references(() => members.memberId),
    at: ts().notNull(),
  },
  (t) => [uniqueIndex('topic_seconds_household').on(t.topicId, t.unitId)],
);

/** Every step of a topic: who, when, what (the history shown and exported). */
export const topicEvents = pgTable(
  'topic_events',
  {
    eventId: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer().notNull(),
    topicId: integer().notNull().references(() => topics.topicId),
    action: text().notNull(),
    actorMemberId: integer().references(() => members.memberId),
    /** `platform:user` or `system`. */
    actor: text().notNull(),
    actorName: text().notNull().default(''),
    at: ts().notNull(),
    text: text(),
    data: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('topic_events_topic').on(t.topicId, t.eventId)],
);

/** Meetings, numbered per community; deliberation days are created from the rule as kind `deliberation`. */
export const meetings = pgTable(
  'meetings',
  {
    meetingId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    meetingNo: integer().notNull(),
    title: text().notNull(),
    startsAt: ts().notNull(),
    place: text(),
    kind: text().$type<'meeting' | 'deliberation'>().notNull().default('meeting'),
    createdBy: integer().references(() => members.memberId),
    createdAt: ts().notNull(),
    /** Set on a deliberation day that a changed rule no longer holds. */
    cancelledAt: ts(),
  },
  (t) => [
    uniqueIndex('meetings_community_no').on(t.communityId, t.meetingNo),
    uniqueIndex('meetings_community_kind_start').on(t.communityId, t.kind, t.startsAt),
  ],
);

/** Who will attend: once per member and meeting. */
export const meetingRsvps = pgTable(
  'meeting_rsvps',
  {
    communityId: integer().notNull(),
    meetingId: integer().notNull().references(() => meetings.meetingId),
    memberId: integer().notNull().references(() => members.memberId),
    at: ts().notNull(),
  },
  (t) => [uniqueIndex('meeting_rsvps_once').on(t.meetingId, t.memberId)],
);

/**
 * Convention versions (居民公约). A draft (imported text, no version) becomes `in_force` when a
 * convention poll passes; the version in force before it, of the same name, is then `superseded`.
 */
export const conventions = pgTable(
  'conventions',
  {
    conventionId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    title: text().notNull(),
    /** The name compared across versions (see domain/convention-text `conventionKey`). */
    nameKey: text().notNull(),
    /** 1, 2, … per community and name once adopted; null for a draft. */
    version: integer(),
    articles: jsonb().$type<string[]>().notNull(),
    status: text().$type<'draft' | 'in_force' | 'superseded'>().notNull(),
    pollId: integer().references(() => polls.pollId),
    createdAt: ts().notNull(),
    adoptedAt: ts(),
    supersededAt: ts(),
  },
  (t) => [
    uniqueIndex('conventions_version').on(t.communityId, t.nameKey, t.version),
    uniqueIndex('conventions_one_in_force').on(t.communityId, t.nameKey).where(sql`status = 'in_force'`),
    index('conventions_community_status').on(t.communityId, t.status),
  ],
);
