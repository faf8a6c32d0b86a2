/**
 * The identities of a batch of messages are looked up in one statement, each by its own keyed probe:
 * on a roster just imported (no column statistics yet; the embedded database never gathers any) the
 * earlier semi-join read every member of the platform for every batch of votes.
 */
import { sql, type SQL } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { findMembers, findMembersSql, latestMemberships, latestMembershipsSql } from '../../src/app/members.js';
import { rows } from '../../src/db/client.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, seedCommunity } from '../helpers/fixtures.js';
import { seedRoster } from '../../scripts/bench/ballots.js';

const ROSTER = 2_000;

type PlanNode = { 'Relation Name'?: string; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; 'Rows Removed by Index Recheck'?: number; Plans?: PlanNode[] };

/** Rows of `relation` the statement read (returned or filtered out), from its executed plan. */
function rowsRead(node: PlanNode, relation: string): number {
  const here = node['Relation Name'] === relation
    ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops']
    : 0;
  return here + (node.Plans ?? []).reduce((n, p) => n + rowsRead(p, relation), 0);
}

describeEachDb('the members of a batch, each found by its key', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  async function world() {
    const a = await createCommunity(d.db, clock, { name: '甲里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!a.ok) throw new Error(a.code);
    // A roster imported in bulk (units U-1… bound to u1…, as the bench seeds it): no statistics gathered on it yet.
    await seedRoster(d.db, a.id, ROSTER);
    // u5 also lives in a second community, bound there later: its private chat acts for that one.
    clock.set(new Date(Date.now() + 60_000));
    const b = await seedCommunity(d.db, clock, [{ unit: '9-1', area: '70', owner: '乙' }]);
    await bindAs(d.db, clock, b, 'u5', '9-1');
    return { a, b };
  }

  async function plan(q: SQL): Promise<PlanNode> {
    const [r] = await rows<Record<string, unknown>>(d.db, sql`explain (analyze, format json) ${q}`);
    const doc = Object.values(r!)[0];
    return (typeof doc === 'string' ? JSON.parse(doc) : doc)[0].Plan as PlanNode;
  }

  const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'nobody'];

  it('finds each identity of a list with its unit, the latest membership for a private chat', async () => {
    const { a, b } = await world();
    const inA = await findMembers(d.db, a.id, 'telegram', ids);
    expect([...inA.keys()].sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']);
    expect(inA.get('u5')).toMatchObject({ communityId: a.id, unitLabel: 'U-5', relation: 'owner', role: 'resident', remind: false, locale: null });
    const latest = await latestMemberships(d.db, 'telegram', ids);
    expect(latest.size).toBe(8);
    expect(latest.get('u5')!.community).toMatchObject({ communityId: b.id, name: b.name, timezone: 'Asia/Shanghai', feeAnswers: true });
    expect(latest.get('u5')!.member).toMatchObject({ communityId: b.id, unitLabel: '9-1' });
    expect(latest.get('u1')!.member).toMatchObject({ communityId: a.id, unitLabel: 'U-1', userId: 'u1' });
    expect(latest.has('nobody')).toBe(false);
  });

  it('reads one member and one unit per identity, not the roster', async () => {
    const { a } = await world();
    for (const q of [findMembersSql(a.id, 'telegram', ids), latestMembershipsSql('telegram', ids)]) {
      const p = await plan(q);
      // u5 has two memberships, read both by the latest-membership probe.
      expect(rowsRead(p, 'members')).toBeLessThanOrEqual(ids.length + 1);
      expect(rowsRead(p, 'units')).toBeLessThanOrEqual(ids.length);
    }
  });
});
