import { sql } from 'drizzle-orm';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { findMember, setRole } from '../../src/app/members.js';
import { openPoll } from '../../src/app/polls.js';
import { rows, type Db } from '../../src/db/client.js';
import { runInFlight } from './ballots.js';

/** Telegram ids of the bench world: the burst group's chair and voters, and each group's chat id. */
export const CHAIR_ID = 9_000_001;
export const voterId = (i: number) => 10_001 + i;
export const groupChatId = (communityId: number) => -1_000_000_000_000 - communityId;

export interface BenchWorld {
  /** The community whose group takes the burst (its chair and `voters` bound owners). */
  burst: { communityId: number; chatId: number; voters: number };
  /** The other communities, one Telegram group each. */
  others: { communityId: number; chatId: number }[];
  units: number;
}

/**
 * `groups` communities with one Telegram group each and 100 units each (the first with `voters`
 * units and that many bound owners), so 1,000 groups hold about 100,000 units.
 */
export async function seedBenchWorld(db: Db, opts: { groups?: number; voters?: number } = {}): Promise<BenchWorld> {
  const groups = opts.groups ?? 1000;
  const voters = opts.voters ?? 500;
  const ids: number[] = new Array(groups);
  await runInFlight(groups, 8, async (i) => {
    const c = await createCommunity(db, systemClock, { name: `小区${String(i + 1).padStart(4, '0')}`, timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error(c.code);
    ids[i] = c.id;
  });
  const burstId = ids[0]!;
  await db.execute(sql`insert into units (community_id, label, area_centi, owner_name)
    select c.community_id, 'U-' || g, 5000 + g * 7, '业主' from communities c
    cross join generate_series(1, 100) g where c.community_id <> ${burstId}`);
  await db.execute(sql`insert into units (community_id, label, area_centi, owner_name)
    select ${burstId}, 'U-' || g, 5000 + g * 7, '业主' from generate_series(1, ${voters}) g`);
  await db.execute(sql`insert into groups (community_id, platform, chat_id, title)
    select community_id, 'telegram', (${-1_000_000_000_000}::bigint - community_id)::text, name from communities`);
  await db.execute(sql`insert into members (community_id, platform, user_id, display_name, unit_id, relation, bound_at)
    select ${burstId}, 'telegram', (${voterId(0)} + substr(label, 3)::int - 1)::text, label, unit_id, 'owner', now()
    from units where community_id = ${burstId}`);
  await setRole(db, systemClock, { communityId: burstId, platform: 'telegram', userId: String(CHAIR_ID), role: 'chair', actor: 'bench' });
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from units`);
  return {
    burst: { communityId: burstId, chatId: groupChatId(burstId), voters },
    others: ids.slice(1).map((communityId) => ({ communityId, chatId: groupChatId(communityId) })),
    units: Number(n),
  };
}

/** Opens one 同意/反对/弃权 poll (closing in `minutes`) in each of these communities, as a chair named `chair`. */
export async function openPollsIn(db: Db, communityIds: number[], minutes: number): Promise<void> {
  await runInFlight(communityIds.length, 8, async (i) => {
    const communityId = communityIds[i]!;
    await setRole(db, systemClock, { communityId, platform: 'telegram', userId: 'chair', role: 'chair', actor: 'bench' });
    const chair = (await findMember(db, communityId, 'telegram', 'chair'))!;
    const r = await openPoll(db, systemClock, {
      community: { communityId, timezone: 'Asia/Shanghai' },
      member: chair,
      draft: { title: '是否同意更换电梯', options: ['同意', '反对', '弃权'], abstainOption: 3, rule: 'simple', deadline: { kind: 'in', minutes }, secret: false, hideResults: false, final: false, confirmRule: false, convention: false, articles: [] },
    });
    if (!r.ok) throw new Error(r.code);
  });
}
