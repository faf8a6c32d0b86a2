import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { castVote, pollTally } from '../../src/app/polls.js';
import { rows } from '../../src/db/client.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

describeEachDb('poll counts', (kind) => {
  const d = useFreshDatabase(kind);

  it('keeps the per-option counts equal to the latest vote of each holder through batches of changed votes', async () => {
    const clock = createManualClock('2026-12-01T02:00:00Z');
    const roster = Array.from({ length: 12 }, (_, i) => ({ unit: `2-1-${101 + i}`, area: `${60 + i * 5}.50`, owner: `业主${i}`, ownerId: i < 4 ? 'W' : '' }));
    const c = await seedCommunity(d.db, clock, roster);
    for (let i = 0; i < 12; i++) await bindAs(d.db, clock, c, `p${i}`, `2-1-${101 + i}`);
    const poll = await openAsChair(d.db, clock, c.id);
    // Rounds of concurrent votes (one batch each), with the same holder changing its mind within a round.
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          castVote(d.db, clock, { poll, platform: 'telegram', userId: `p${(round * 7 + i) % 12}`, optionNo: 1 + ((round + i * i) % 3), sourceKey: `r${round}-${i}` }),
        ),
      );
      const counts = await rows<{ option_no: number; heads: number; area: string }>(
        d.db,
        sql`select option_no, heads, area_centi::text as area from poll_counts where poll_id = ${poll.pollId} and heads > 0 order by option_no`,
      );
      const truth = await rows<{ option_no: number; heads: number; area: string }>(
        d.db,
        sql`select option_no, count(*)::int as heads, sum(area_centi)::text as area from poll_votes where poll_id = ${poll.pollId} group by option_no order by option_no`,
      );
      expect(counts).toEqual(truth);
    }
    const t = await pollTally(d.db, poll);
    // Units 1-4 share one owner: 9 holders in all, each counted once.
    expect(t.options.reduce((n, o) => n + o.heads, 0)).toBe(9);
  });
});
