/** Signing in on the pages with unit and household code (SPEC §13) under the guessing limits of /bind (SPEC §3). */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { createManualClock } from '../../src/app/clock.js';
import { LIMITS } from '../../src/app/guess-limits.js';
import { castVote } from '../../src/app/polls.js';
import { rows } from '../../src/db/client.js';
import { effectsToRows } from '../../src/outbox/outbox-rows.js';
import { signInByCode } from '../../src/web/code-sign-in.js';
import { sessionMember } from '../../src/web/sessions.js';
import { describeEachDb, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { openAsChair, seedCommunity } from '../helpers/fixtures.js';

describeEachDb('web sign-in with unit and household code', (kind) => {
  let d: TestDatabase;
  const clock = createManualClock('2026-12-01T02:00:00Z');
  beforeEach(async () => {
    d = await freshDatabase(kind);
    clock.set('2026-12-01T02:00:00Z');
  });
  afterEach(async () => {
    await d.drop();
  });
  const signIn = (who: string, unit: string, code: string) => signInByCode(d.db, clock.now(), { who, unit, code });

  it('signs a household in as one web identity per unit and kind of code, audited once, and it can vote', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '3-2-501', area: '80.00', owner: '李' }]);
    const first = await signIn('10.0.0.1', '3号楼2单元501室', s.ownerCode.get('3-2-501')!.toLowerCase());
    if (!first.ok) throw new Error(first.code);
    const member = (await sessionMember(d.db, first.session, clock.now()))!;
    expect(member).toMatchObject({ communityId: s.id, platform: 'web', unitLabel: '3-2-501', relation: 'owner', role: 'resident' });
    const again = await signIn('10.0.0.2', '3-2-501', s.ownerCode.get('3-2-501')!);
    if (!again.ok) throw new Error(again.code);
    expect((await sessionMember(d.db, again.session, clock.now()))!.memberId).toBe(member.memberId);
    const tenant = await signIn('10.0.0.2', '3-2-501', s.tenantCode.get('3-2-501')!);
    if (!tenant.ok) throw new Error(tenant.code);
    expect((await sessionMember(d.db, tenant.session, clock.now()))!.relation).toBe('tenant');
    // Made once for the owners' code and once for the tenants' code, each audited like a binding.
    const audits = await rows<{ entry: string }>(d.db, sql`select entry from audit_log where action = 'member.bound' and entry like '%"via":"web"%' order by seq`);
    expect(audits.map((a) => JSON.parse(a.entry).data)).toEqual([
      { unit: '3-2-501', relation: 'owner', via: 'web' },
      { unit: '3-2-501', relation: 'tenant', via: 'web' },
    ]);
    const poll = await openAsChair(d.db, clock, s.id, { title: '更换门禁', rule: 'simple' });
    const v = await castVote(d.db, clock, { poll, platform: member.platform, userId: member.userId, optionNo: 1, sourceKey: 'web:1' });
    expect(v.ok).toBe(true);
  });

  it('writes nothing to the outbox for a household that is only signed in on the pages', async () => {
    const rowsFor = await effectsToRows(d.db, [{ kind: 'private', platform: 'web' as never, userId: 'unit:1:owner', text: '您家的选票已由委员代录' }], { communityId: null, cause: 'test' }, clock.now());
    expect(rowsFor).toEqual([]);
  });

  it('counts wrong codes per address: five an hour, then the right code is refused alike until the lock ends', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    for (let i = 0; i < LIMITS.bindPerIdentity.max; i++) {
      expect(await signIn('10.0.0.9', '1-1', `WRONGCODE${i}`)).toEqual({ ok: false, code: 'wrong-code', left: LIMITS.bindPerIdentity.max - 1 - i });
    }
    const right = await signIn('10.0.0.9', '1-1', s.ownerCode.get('1-1')!);
    expect(right).toEqual({ ok: false, code: 'locked', minutes: 60 });
    // A unit not on the roster costs no attempt; another address is not locked.
    expect(await signIn('10.0.0.10', '9-9-999', 'WRONGCODE')).toEqual({ ok: false, code: 'unknown-unit' });
    expect((await signIn('10.0.0.10', '1-1', s.ownerCode.get('1-1')!)).ok).toBe(true);
    clock.advance(61 * 60_000);
    expect((await signIn('10.0.0.9', '1-1', s.ownerCode.get('1-1')!)).ok).toBe(true);
  });

  it('shares the unit’s limit with /bind: wrong codes from chat and web together lock the unit for a day', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    for (let i = 0; i < 5; i++) await bindIdentity(d.db, clock, { platform: 'telegram', userId: `acct${i}`, displayName: 'x', unit: '1-1', code: `WRONGCODE${i}` });
    for (let i = 0; i < LIMITS.bindPerUnit.max - 5; i++) expect(await signIn(`10.0.1.${i}`, '1-1', `WRONGCODE${i}`)).toMatchObject({ code: 'wrong-code' });
    expect(await signIn('10.0.2.1', '1-1', s.ownerCode.get('1-1')!)).toMatchObject({ ok: false, code: 'locked' });
    expect(await bindIdentity(d.db, clock, { platform: 'telegram', userId: 'owner', displayName: 'x', unit: '1-1', code: s.ownerCode.get('1-1')! })).toMatchObject({ ok: false, code: 'locked' });
  });
});
