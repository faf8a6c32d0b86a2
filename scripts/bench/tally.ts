import { sql } from 'drizzle-orm';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { getPoll, pollTally } from '../../src/app/polls.js';
import { openBenchPoll } from './ballots.js';
import { withFreshDb } from './fresh-db.js';
import { benchRow, type BenchRow } from './types.js';

/** Median of `reps` timed runs after one warm-up, in milliseconds. */
export async function medianMs(fn: () => Promise<unknown>, reps = 21): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

/**
 * The tally of an open poll with 100,000 eligible units and 80,000 ballots (as `/results` computes
 * it), against a plain `count(*)` over those ballots; both after the tables were vacuumed and
 * analysed, as autovacuum leaves them.
 */
export async function benchTally(serverUrl: string): Promise<BenchRow> {
  return withFreshDb(serverUrl, async ({ database }) => {
    const db = database.db;
    const c = await createCommunity(db, systemClock, { name: 'bench', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await db.execute(sql`insert into units (community_id, label, area_centi, owner_name)
      select ${c.id}, 'U-' || g, 5000 + (g % 7000), 'owner' from generate_series(1, 100000) g`);
    const poll = await openBenchPoll(db, c.id);
    await db.execute(sql`insert into ballots (community_id, poll_id, holder_key, holder_area_centi, holder_units, unit_id, member_id, option_no, cast_at)
      select ${c.id}, ${poll.pollId}, 'u:' || unit_id, area_centi, 1, unit_id, 0, 1 + (unit_id % 3), now()
      from units where community_id = ${c.id} order by unit_id limit 80000`);
    await db.execute(sql`insert into poll_votes (community_id, poll_id, holder_key, option_no, area_centi, units, ballot_id)
      select community_id, poll_id, holder_key, option_no, holder_area_centi, holder_units, ballot_id from ballots where poll_id = ${poll.pollId}`);
    await db.execute(sql`vacuum analyze ballots`);
    await db.execute(sql`vacuum analyze poll_votes`);
    const fresh = (await getPoll(db, poll.pollId))!;
    const tally = await pollTally(db, fresh);
    const counted = tally.options.reduce((n, o) => n + o.heads, 0);
    if (counted !== 80_000) throw new Error(`tally counted ${counted} of 80000 ballots`);
    const countMs = await medianMs(() => db.execute(sql`select count(*) from ballots where poll_id = ${poll.pollId}`));
    const tallyMs = await medianMs(() => pollTally(db, fresh));
    return benchRow({ bench: 'tally', value: tallyMs, reference: countMs, unit: 'ms', target: '≤ 2× count(*)', met: tallyMs / countMs <= 2, note: '100,000 units, 80,000 ballots' });
  });
}
