/**
 * The `fan-out` bench (SPEC §12): one due message in each of 600 Telegram groups, sent by the running
 * service against the stand-in Bot API. Measures the time from the first of those messages to the
 * last against the floor Telegram's 30 messages a second allow (600 / 30 = 20 s), and whether any
 * limit was exceeded: 30 a second in all, 20 a minute to one group.
 *
 * What makes the messages due is a `DueSource`; until reminders exist, the source closes 600 polls
 * at their deadline, so each group gets its result announcement.
 */
import postgres from 'postgres';
import type { FakeBotApi } from '../../test/helpers/fake-bot-api.js';
import { isMessageOrEdit, maxInWindow, toChat } from './group-traffic.js';
import { benchRow, type BenchRow } from './types.js';

export interface FanOutGroup {
  communityId: number;
  chatId: number;
}

/** Makes one message due in each group, with the service running. */
export interface DueSource {
  name: string;
  /** Work done before the service starts (rows that will become due), on the database at `dbUrl`. */
  prepare(dbUrl: string, groups: FanOutGroup[]): Promise<void>;
  /** Makes them due now. */
  trigger(dbUrl: string, groups: FanOutGroup[]): Promise<void>;
  /** Whether a Bot API call is the due message of a group. */
  matches(text: string): boolean;
}

/** Today's due messages: the result of a poll in each group, announced when its deadline passes. */
export function pollDeadlineSource(open: (communityIds: number[]) => Promise<void>): DueSource {
  return {
    name: 'poll results at the deadline',
    prepare: (_url, groups) => open(groups.map((g) => g.communityId)),
    async trigger(dbUrl, groups) {
      const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
      try {
        await sql`update polls set closes_at = now() where status = 'open' and community_id in ${sql(groups.map((g) => g.communityId))}`;
      } finally {
        await sql.end();
      }
    },
    matches: (text) => text.includes('结果'),
  };
}

/**
 * Due reminders: a meeting in each group's community whose "two hours before" reminder is made due
 * at the trigger; the service's scheduler takes them and the outbox dispatcher sends them.
 */
export function meetingReminderSource(): DueSource {
  return {
    name: 'meeting reminders',
    async prepare(dbUrl, groups) {
      const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
      try {
        const ids = groups.map((g) => g.communityId);
        await sql`insert into meetings (community_id, meeting_no, title, starts_at, kind, created_at)
          select id, 1000, '楼长碰头会', now() + interval '30 days', 'meeting', now() from unnest(${ids}::int[]) as id`;
        await sql`insert into reminders (community_id, natural_key, kind, object_id, due_at, created_at)
          select m.community_id, 'meeting:' || m.meeting_id || ':-120m', 'meeting', m.meeting_id, m.starts_at - interval '2 hours', now()
          from meetings m where m.meeting_no = 1000 and m.community_id = any(${ids}::int[])
          on conflict (community_id, natural_key) do nothing`;
      } finally {
        await sql.end();
      }
    },
    async trigger(dbUrl, groups) {
      const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
      try {
        const ids = groups.map((g) => g.communityId);
        // The meetings move to two hours from now: their reminders are due at once.
        await sql`update meetings set starts_at = now() + interval '2 hours' where meeting_no = 1000 and community_id = any(${ids}::int[])`;
        await sql`update reminders set due_at = now() where kind = 'meeting' and status = 'pending' and community_id = any(${ids}::int[]) and natural_key like '%:-120m'`;
      } finally {
        await sql.end();
      }
    },
    matches: (text) => text.includes('【会议提醒】'),
  };
}

export const FLOOR_PER_SECOND = 30;

/** Triggers the source and watches the Bot API calls until every group got its message (or `waitMs`). */
export async function benchFanOut(fake: FakeBotApi, dbUrl: string, groups: FanOutGroup[], source: DueSource, opts: { waitMs?: number } = {}): Promise<BenchRow[]> {
  const waitMs = opts.waitMs ?? 120_000;
  const chats = new Set(groups.map((g) => g.chatId));
  const from = Date.now();
  await source.trigger(dbUrl, groups);
  const due = () => fake.calls.filter((c) => c.at >= from && c.method === 'sendMessage' && chats.has(Number(c.params.chat_id)) && source.matches(String(c.params.text ?? '')));
  const until = Date.now() + waitMs;
  while (new Set(due().map((c) => Number(c.params.chat_id))).size < groups.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const got = due();
  const reached = new Set(got.map((c) => Number(c.params.chat_id))).size;
  const floor = groups.length / FLOOR_PER_SECOND;
  const spread = got.length ? (got.at(-1)!.at - got[0]!.at) / 1000 + 1 / FLOOR_PER_SECOND : null;
  const all = fake.calls.filter((c) => c.at >= from && isMessageOrEdit(c));
  const perSecond = maxInWindow(all, 1000);
  const perGroupMinute = Math.max(0, ...[...chats].map((id) => maxInWindow(toChat(all, id), 60_000)));
  const within = spread != null && reached === groups.length && spread <= floor * 1.1;
  return [
    benchRow({
      bench: 'fan-out',
      value: reached === groups.length ? spread : null,
      reference: floor,
      unit: 's',
      target: `≤ 1.1× the ${floor} s floor`,
      met: within,
      note: `${source.name}; ${reached} of ${groups.length} groups${got.length ? `, first ${((got[0]!.at - from) / 1000).toFixed(1)} s after due` : ''}`,
    }),
    benchRow({
      bench: 'fan-out.limits',
      value: perSecond,
      reference: FLOOR_PER_SECOND,
      unit: 'msgs/s',
      target: '≤ 30 a second in all, ≤ 20 a minute to a group',
      met: perSecond <= FLOOR_PER_SECOND && perGroupMinute <= 20,
      note: `most to one group in a minute: ${perGroupMinute}`,
    }),
  ];
}
