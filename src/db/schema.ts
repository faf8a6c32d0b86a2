import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
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
  /** Days between announcing an owners' poll and the opening of its voting (《物业管理条例》第十四条). */
  noticeDays: integer().notNull().default(15),
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
    /** Personal reminders of polls the household has not voted in (`提醒 开`). */
    remind: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('members_community_identity').on(t.communityId, t.platform, t.userId),
    index('members_identity').on(t.platform, t.userId),
  ],
);

/**
 * Platform usernames (Telegram's @name) seen from identities in a community, so that `任命 @name`
 * finds the person; a username moves to whoever was seen with it last.
 */
export const seenUsernames = pgTable(
  'seen_usernames',
  {
    communityId: integer().notNull().references(() => communities.communityId),
    platform: text().$type<'telegram' | 'wechat'>().notNull(),
    /** Lower case, without the `@`. */
    username: text().notNull(),
    userId: text().notNull(),
    displayName: text().notNull().default(''),
    seenAt: ts().notNull(),
  },
  (t) => [uniqueIndex('seen_usernames_pk').on(t.communityId, t.platform, t.username)],
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
    /** The options were written `A. …`, `B. …`: a vote may name them by letter. */
    optionLetters: boolean().notNull().default(false),
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
    /** The item (1–9) of 《民法典》第二百七十八条 an owners' poll decides. */
    matter: integer(),
    /** A building (`2`) or entrance (`2-1`) whose units alone make up E; null: the whole community. */
    scope: text(),
    /** When voting opens: after the notice period for owners' polls. Null on polls older than notices. */
    opensAt: ts(),
    /** Opened at once (`开始: 立即` confirmed), without the notice period. */
    noticeWaived: boolean().notNull().default(false),
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
    /** How the ballot came in: online, paper, assisted (entered by a committee member) or proxy. */
    channel: text().$type<'online' | 'paper' | 'assisted' | 'proxy'>().notNull().default('online'),
    /** Random salt of the ballot's hash, from which its receipt code comes. */
    nonce: text().notNull().default(sql`gen_random_uuid()::text`),
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

/**
 * Heads and area per option of a poll, summed over `poll_votes` by statement-level triggers in the
 * same transaction (migration i11b_poll_counts_trigger), so a tally reads one row per option.
 */
export const pollCounts = pgTable(
  'poll_counts',
  {
    communityId: integer().notNull(),
    pollId: integer().notNull().references(() => polls.pollId),
    optionNo: integer().notNull(),
    heads: integer().notNull(),
    areaCenti: bigint({ mode: 'number' }).notNull(),
    units: integer().notNull(),
  },
  (t) => [uniqueIndex('poll_counts_pk').on(t.pollId, t.optionNo)],
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

/**
 * Platform updates as they were handed over, kept before the platform is told they arrived.
 * handled_at is set in the same transaction as the change the update makes; a row without it is
 * handled again after a restart.
 */
export const inbox = pgTable(
  'inbox',
  {
    inboxId: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer(),
    platform: text().notNull(),
    /** The bot account the update was for (Telegram bot id, WeChat login), so two bots never collide. */
    botId: text().notNull(),
    updateKey: text().notNull(),
    chatId: text().notNull(),
    /** The platform-neutral message (ChatMessage) while the update waits to be handled; `{}` once it is (`HANDLED_PAYLOAD`). */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: ts().notNull(),
    handledAt: ts(),
    attempts: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('inbox_update').on(t.platform, t.botId, t.updateKey),
    index('inbox_pending').on(t.platform, t.botId, t.inboxId).where(sql`handled_at is null`),
  ],
);

/**
 * Every outgoing message, written in the same transaction as the change that causes it. A dispatcher
 * per platform claims rows (SKIP LOCKED, with a lease), sends them within the platform's budget in
 * priority order and records the outcome.
 */
export const outbox = pgTable(
  'outbox',
  {
    outboxId: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer(),
    platform: text().notNull(),
    chatId: text().notNull(),
    /** send (to a chat), private (to a person), edit (a poll card), react (on a person's message), turnout (a short line). */
    kind: text().$type<'send' | 'private' | 'edit' | 'react' | 'turnout'>().notNull(),
    /** 0 replies to a person, 1 results and announcements, 2 reminders, 3 acknowledgements. */
    priority: integer().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Unique: the same cause never writes the same message twice. */
    dedupeKey: text().notNull(),
    /** Rows sharing it while pending are one message (card edits, turnout lines): the newest state is sent. */
    coalesceKey: text(),
    status: text().$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
    notBefore: ts().notNull(),
    leaseUntil: ts(),
    attempts: integer().notNull().default(0),
    createdAt: ts().notNull(),
    sentAt: ts(),
    /** The platform's message id of what was sent. */
    messageId: text(),
    error: text(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    uniqueIndex('outbox_coalesce_pending').on(t.coalesceKey).where(sql`status = 'pending' and coalesce_key is not null`),
    index('outbox_coalesce_sent').on(t.coalesceKey, t.sentAt).where(sql`coalesce_key is not null`),
    index('outbox_due').on(t.platform, t.priority, t.outboxId).where(sql`status in ('pending', 'sending')`),
  ],
);

/**
 * Chats that refused the bot's pictures (a group where members may not send media): results go
 * there as text alone, saying where the chart can be seen, until the picture is tried again a day
 * after the last refusal.
 */
export const chatMediaRefusals = pgTable(
  'chat_media_refusals',
  {
    platform: text().notNull(),
    chatId: text().notNull(),
    refusedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] })],
);

/**
 * Reminders (SPEC §7), one row per natural key (`meeting:12:-2h`, `poll:4:-24h`, …). Created, moved or
 * cancelled when their object changes; a due row is turned into outbox rows and marked sent in one
 * transaction, or marked missed when it is more than six hours late.
 */
export const reminders = pgTable(
  'reminders',
  {
    reminderId: bigserial({ mode: 'number' }).primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    naturalKey: text().notNull(),
    kind: text().notNull(),
    objectId: integer(),
    dueAt: ts().notNull(),
    /** `queued`: its messages are in the outbox (whether they went out is the outbox's to say). */
    status: text().$type<'pending' | 'queued' | 'missed' | 'cancelled'>().notNull().default('pending'),
    /** When it was taken: queued, or recorded as missed. */
    queuedAt: ts(),
    createdAt: ts().notNull(),
  },
  (t) => [
    uniqueIndex('reminders_key').on(t.communityId, t.naturalKey),
    index('reminders_due').on(t.dueAt).where(sql`status = 'pending'`),
  ],
);

/**
 * Proxy authorisations (委托): `proxyMemberId` may cast the ballot of the owner of `unitId`, in one
 * poll or (pollId null) in every poll until revoked.
 */
export const proxies = pgTable(
  'proxies',
  {
    proxyId: serial().primaryKey(),
    communityId: integer().notNull().references(() => communities.communityId),
    unitId: integer().notNull().references(() => units.unitId),
    proxyMemberId: integer().notNull().references(() => members.memberId),
    pollId: integer().references(() => polls.pollId),
    /** The owner, or the committee member who recorded a signed authorisation. */
    grantedBy: integer().notNull().references(() => members.memberId),
    grantedAt: ts().notNull(),
    revokedAt: ts(),
  },
  (t) => [index('proxies_unit').on(t.communityId, t.unitId), index('proxies_proxy').on(t.proxyMemberId)],
);

