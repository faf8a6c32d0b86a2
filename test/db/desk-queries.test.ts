import { expect, it } from 'vitest';
import { findUnitByLabel } from '../../src/app/ballot-entry.js';
import { createManualClock } from '../../src/app/clock.js';
import { castVote } from '../../src/app/polls.js';
import { findMember } from '../../src/app/members.js';
import { verifyAudit } from '../../src/db/audit.js';
import { receiptCode } from '../../src/domain/receipt.js';
import { confirmBallot, confirmationsOf } from '../../src/app/ballot-confirmations.js';
import { boundMembers, enteredBallots, turnoutByEntrance } from '../../src/app/ballot-overview.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

// 王芳 owns 2-1-101 and 2-2-201 (one owner id): her one ballot covers both units.
const ROSTER = [
  { unit: '2-1-101', area: '89.50', owner: '王芳', ownerId: 'W1' },
  { unit: '2-1-102', area: '75.25', owner: '李强' },
  { unit: '2-2-201', area: '120.00', owner: '王芳', ownerId: 'W1' },
  { unit: '10-1-101', area: '60.00', owner: '赵敏' },
  { unit: '3-1-301', area: '70.00', owner: '孙丽' },
];

describeEachDb("the desk's turnout by building and entrance, and the ballots entered for households", (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  async function world() {
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    for (const [i, r] of ROSTER.entries()) await bindAs(d.db, clock, s, `u${i}`, r.unit);
    return s;
  }

  it('counts every unit of an owner who voted, per entrance, in natural building order', async () => {
    const s = await world();
    const poll = await openAsChair(d.db, clock, s.id, { title: '选聘物业', rule: 'owners-general', matter: 4 });
    expect((await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'u0', optionNo: 1, sourceKey: null })).ok).toBe(true);
    const rows = await turnoutByEntrance(d.db, poll);
    expect(rows).toEqual([
      { building: '2', entrance: '1', units: 2, voted: 1, areaCenti: 16475, votedAreaCenti: 8950 },
      { building: '2', entrance: '2', units: 1, voted: 1, areaCenti: 12000, votedAreaCenti: 12000 },
      { building: '3', entrance: '1', units: 1, voted: 0, areaCenti: 7000, votedAreaCenti: 0 },
      { building: '10', entrance: '1', units: 1, voted: 0, areaCenti: 6000, votedAreaCenti: 0 },
    ]);
  });

  it("keeps to the poll's scope, and counts by household under a residents' rule", async () => {
    const s = await world();
    const poll = await openAsChair(d.db, clock, s.id, { title: '2号楼门禁', rule: 'residents', scope: '2-1' });
    expect((await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'u1', optionNo: 2, sourceKey: null })).ok).toBe(true);
    expect(await turnoutByEntrance(d.db, poll)).toEqual([{ building: '2', entrance: '1', units: 2, voted: 1, areaCenti: 16475, votedAreaCenti: 7525 }]);
  });

  it('lists ballots entered for households with who entered them, and which one a later ballot replaced', async () => {
    const s = await world();
    const poll = await openAsChair(d.db, clock, s.id, { title: '更换门禁', rule: 'simple' });
    const unit = (await findUnitByLabel(d.db, s.id, '2-1-102'))!;
    const paper = await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'u4', optionNo: 1, sourceKey: 'desk:a', forUnit: { unitId: unit.unitId, label: unit.label, channel: 'paper' } });
    expect(paper.ok).toBe(true);
    clock.advance(60_000);
    expect((await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'u1', optionNo: 2, sourceKey: null })).ok).toBe(true);
    const other = (await findUnitByLabel(d.db, s.id, '3-1-301'))!;
    clock.advance(60_000);
    await castVote(d.db, clock, { poll, platform: 'telegram', userId: 'u0', optionNo: 3, sourceKey: 'desk:b', forUnit: { unitId: other.unitId, label: other.label, channel: 'assisted' } });
    const entered = await enteredBallots(d.db, poll);
    expect(entered).toEqual([
      expect.objectContaining({ unit: '3-1-301', channel: 'assisted', optionNo: 3, castAt: new Date('2026-12-01T02:02:00Z'), enteredBy: 'u0', counted: true }),
      expect.objectContaining({ unit: '2-1-102', channel: 'paper', optionNo: 1, castAt: new Date('2026-12-01T02:00:00Z'), enteredBy: 'u4', counted: false }),
    ]);
    expect(entered[1]!.receipt).toBe(receiptCode((paper as { ballotHash: string }).ballotHash));

    // A second member confirms; the one who entered it cannot, and nobody confirms twice.
    const u4 = (await findMember(d.db, s.id, 'telegram', 'u4'))!;
    const u1 = (await findMember(d.db, s.id, 'telegram', 'u1'))!;
    expect(await confirmBallot(d.db, clock, { poll, receipt: entered[1]!.receipt, member: u4 })).toEqual({ ok: false, code: 'own-entry' });
    expect(await confirmBallot(d.db, clock, { poll, receipt: entered[1]!.receipt.toLowerCase().replace(/-/g, ' '), member: u1 })).toEqual({ ok: true, unit: '2-1-102' });
    expect(await confirmBallot(d.db, clock, { poll, receipt: entered[1]!.receipt, member: u1 })).toEqual({ ok: false, code: 'already' });
    expect(await confirmBallot(d.db, clock, { poll, receipt: '0000-0000-0000', member: u1 })).toEqual({ ok: false, code: 'no-ballot' });
    expect(Object.fromEntries(await confirmationsOf(d.db, poll))).toEqual({ [entered[1]!.ballotId]: [{ memberId: u1.memberId, name: 'u1' }] });
    expect((await boundMembers(d.db, s.id)).map((m) => `${m.unit} ${m.name}`)).toEqual(['10-1-101 u3', '2-1-101 u0', '2-1-102 u1', '2-2-201 u2', '3-1-301 u4']);
    expect((await verifyAudit(d.db, s.id)).ok).toBe(true);
  });
});
