import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { castVote, closePoll, pollTally } from '../../src/app/polls.js';
import { verifyAudit } from '../../src/db/audit.js';
import { createBallotWriter } from '../../src/db/ballot-writer.js';
import { rows } from '../../src/db/client.js';
import { aggregate, tally } from '../../src/domain/tally.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

describeEachDb('polls in the database', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  const roster = [
    { unit: '1-101', area: '100.00', owner: '甲', ownerId: 'A' },
    { unit: '1-102', area: '50.25', owner: '甲', ownerId: 'A' },
    { unit: '1-103', area: '80.00', owner: '乙' },
    { unit: '1-104', area: '70.00', owner: '丙' },
  ];

  it('counts an owner with two units once by heads with all their area', async () => {
    const s = await seedCommunity(d.db, clock, roster);
    await bindAs(d.db, clock, s, 'a1', '1-101');
    const poll = await openAsChair(d.db, clock, s.id);
    expect(poll.eligibleHeads).toBe(3);
    expect(poll.eligibleAreaCenti).toBe(30025);
    const v = await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'a1', optionNo: 1, sourceKey: 'k1' });
    expect(v.ok).toBe(true);
    const t = await pollTally(d.db, poll);
    expect(t.voted).toEqual({ heads: 1, areaCenti: 15025 });
    const opts = await rows<{ option_no: number; heads: number; area_m2: string; households: number }>(
      d.db,
      sql`select option_no, heads, area_m2::text as area_m2, households from report_poll_options order by option_no`,
    );
    expect(opts[0]).toEqual({ option_no: 1, heads: 1, area_m2: '150.25', households: 2 });
  });

  it('ignores a redelivered ballot and keeps the latest of a changed vote', async () => {
    const s = await seedCommunity(d.db, clock, roster);
    await bindAs(d.db, clock, s, 'b1', '1-103');
    const poll = await openAsChair(d.db, clock, s.id);
    expect((await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'b1', optionNo: 1, sourceKey: 'u1' })).ok).toBe(true);
    const dup = await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'b1', optionNo: 2, sourceKey: 'u1' });
    expect(dup).toMatchObject({ ok: false, code: 'duplicate' });
    const changed = await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'b1', optionNo: 2, sourceKey: 'u2' });
    expect(changed).toMatchObject({ ok: true, changed: true });
    const n = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from ballots`);
    expect(n[0]!.n).toBe(2);
    const t = await pollTally(d.db, poll);
    expect(t.options.find((o) => o.optionNo === 2)!.heads).toBe(1);
    expect(t.options.find((o) => o.optionNo === 1)!.heads).toBe(0);
  });

  it('says a second ballot of the household in the same batch replaced the first, and counts the last', async () => {
    const s = await seedCommunity(d.db, clock, roster);
    await bindAs(d.db, clock, s, 'a1', '1-101');
    await bindAs(d.db, clock, s, 'c1', '1-104');
    const poll = await openAsChair(d.db, clock, s.id, { rule: 'simple' });
    // One writer: ballots cast in the same turn of the event loop go in one batch statement.
    const writer = createBallotWriter(d.db);
    const cast = (userId: string, optionNo: number, key: string) => castVote(d.db, clock, { poll, platform: 'telegram', userId, optionNo, sourceKey: key }, writer);
    const [first, second, other] = await Promise.all([cast('a1', 1, 'k1'), cast('a1', 2, 'k2'), cast('c1', 3, 'k3')]);
    expect([first, second, other].map((r) => r.ok && r.changed)).toEqual([false, true, false]);
    const third = await cast('a1', 3, 'k4');
    expect(third).toMatchObject({ ok: true, changed: true });
    const t = await pollTally(d.db, poll);
    expect(t.options.map((o) => o.heads)).toEqual([0, 0, 2]);
  });

  it('refuses a tenant under an owner rule and a second ballot in a final poll', async () => {
    const s = await seedCommunity(d.db, clock, roster);
    await bindAs(d.db, clock, s, 't1', '1-104', true);
    await bindAs(d.db, clock, s, 'o1', '1-104');
    const poll = await openAsChair(d.db, clock, s.id, { final: true });
    expect(await castVote(d.db, clock, { poll, platform: 'telegram', userId: 't1', optionNo: 1, sourceKey: 'x1' })).toMatchObject({ ok: false, code: 'owners-only' });
    expect((await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'o1', optionNo: 1, sourceKey: 'x2' })).ok).toBe(true);
    expect(await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'o1', optionNo: 2, sourceKey: 'x3' })).toMatchObject({ ok: false, code: 'final-cast' });
    const residents = await openAsChair(d.db, clock, s.id, { rule: 'residents' });
    expect((await castVote(d.db, clock, { poll: residents, platform: 'telegram', userId: 't1', optionNo: 1, sourceKey: 'x4' })).ok).toBe(true);
  });

  it('refuses ballots after the close and freezes the result', async () => {
    const s = await seedCommunity(d.db, clock, roster);
    await bindAs(d.db, clock, s, 'c1', '1-103');
    const poll = await openAsChair(d.db, clock, s.id);
    const closed = await closePoll(d.db, clock, { pollId: poll.pollId, actor: null });
    expect(closed.ok && closed.result.outcome).toBe('invalid');
    expect(await closePoll(d.db, clock, { pollId: poll.pollId, actor: null })).toMatchObject({ ok: false, code: 'already-closed' });
    expect(await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'c1', optionNo: 1, sourceKey: 'late' })).toMatchObject({ ok: false, code: 'poll-closed' });
    const rp = await rows<{ status: string; outcome: string }>(d.db, sql`select status, outcome from report_polls`);
    expect(rp[0]).toEqual({ status: 'closed', outcome: 'invalid' });
  });

  it('keeps the audit chain whole through concurrent votes and detects tampering', async () => {
    const units = Array.from({ length: 30 }, (_, i) => ({ unit: `2-${100 + i}`, area: `${50 + i}.5`, owner: `业主${i}` }));
    const s = await seedCommunity(d.db, clock, units);
    for (const [i, u] of units.entries()) await bindAs(d.db, clock, s, `p${i}`, u.unit);
    const poll = await openAsChair(d.db, clock, s.id, { rule: 'simple' });
    const results = await Promise.all(
      units.map((_, i) => castVote(d.db, clock, { poll, platform: 'telegram', userId: `p${i}`, optionNo: (i % 3) + 1, sourceKey: `c${i}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const v = await verifyAudit(d.db, s.id);
    expect(v.ok).toBe(true);
    const ballots = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from audit_log where action = 'ballot.cast'`);
    expect(ballots[0]!.n).toBe(30);
    // Only a superuser bypassing the append-only triggers can change an entry.
    await d.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set entry = replace(entry, 'ballot.cast', 'ballot.kast') where seq = 40 and community_id = ${s.id}`);
    });
    const broken = await verifyAudit(d.db, s.id);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.firstBad.seq).toBe(40);
  });

  it('tallies in SQL exactly as the pure tally over random rosters and ballots', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ area: fc.integer({ min: 1, max: 50000 }), owner: fc.constantFrom(null, 'X', 'Y', 'Z') }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ unit: fc.nat(), option: fc.integer({ min: 1, max: 3 }) }), { maxLength: 25 }),
        fc.constantFrom('owners-general' as const, 'owners-major' as const, 'residents' as const, 'simple' as const),
        async (units, votes, rule) => {
          const roster = units.map((u, i) => ({ unit: `R-${i}`, area: (u.area / 100).toFixed(2), owner: `O${i}`, ownerId: u.owner ?? '' }));
          const s = await seedCommunity(d.db, clock, roster);
          for (const [i, r] of roster.entries()) await bindAs(d.db, clock, s, `${s.id}-u${i}`, r.unit);
          const poll = await openAsChair(d.db, clock, s.id, { rule });
          const unitIds = await rows<{ unit_id: number; label: string }>(d.db, sql`select unit_id, label from units where community_id = ${s.id} order by unit_id`);
          const cast: { unitId: number; optionNo: number }[] = [];
          for (const [j, v] of votes.entries()) {
            const i = v.unit % roster.length;
            await castVote(d.db, clock, { poll, platform: 'telegram', userId: `${s.id}-u${i}`, optionNo: v.option, sourceKey: `${s.id}-${j}` });
            cast.push({ unitId: unitIds[i]!.unit_id, optionNo: v.option });
          }
          const input = aggregate(
            rule,
            unitIds.map((u, i) => ({ unitId: u.unit_id, areaCenti: units[i]!.area, ownerId: units[i]!.owner })),
            cast,
            [1, 2, 3].map((n) => ({ optionNo: n, abstain: n === 3 })),
          );
          // Option 1 is 同意: the motion passes only if it does.
          const expected = tally({ ...input, options: input.options.map((o) => ({ ...o, approve: o.optionNo === 1 })) });
          const got = await pollTally(d.db, poll);
          expect(got.outcome).toBe(expected.outcome);
          expect(got.voted).toEqual(expected.voted);
          expect(got.eligible).toEqual(expected.eligible);
          expect(got.options.map((o) => [o.heads, o.areaCenti])).toEqual(expected.options.map((o) => [o.heads, o.areaCenti]));
        },
      ),
      { numRuns: kind === 'pglite' ? 8 : 12 },
    );
  });
});
