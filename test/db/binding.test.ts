import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { bindIdentity, rotateLeakedCode } from '../../src/app/binding.js';
import { createManualClock } from '../../src/app/clock.js';
import { findMember } from '../../src/app/members.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { seedCommunity } from '../helpers/fixtures.js';

describeEachDb('binding and roster', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  it('binds with the unit code, accepting full-width input, and lets the household share the code', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '3-2-501', area: '89.50', owner: '张' }]);
    const code = s.ownerCode.get('3-2-501')!;
    const fullWidth = code.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const a = await bindIdentity(d.db, clock, { platform: 'wechat', userId: 'w1', displayName: '张', unit: '３－２－５０１', code: fullWidth });
    expect(a).toMatchObject({ ok: true, unit: '3-2-501', relation: 'owner' });
    const b = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 't1', displayName: '张太', unit: '3-2-501', code });
    expect(b.ok).toBe(true);
    const tenant = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 't2', displayName: '租客', unit: '3-2-501', code: s.tenantCode.get('3-2-501')! });
    expect(tenant).toMatchObject({ ok: true, relation: 'tenant' });
    expect((await findMember(d.db, s.id, 'telegram', 't2'))!.relation).toBe('tenant');
  });

  it('locks an identity out for an hour after five wrong codes', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    for (let i = 0; i < 5; i++) {
      const r = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 'bad', displayName: 'x', unit: '1-1', code: `WRONG${i}` });
      expect(r).toMatchObject({ ok: false, code: 'wrong-code', left: 4 - i });
    }
    const locked = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 'bad', displayName: 'x', unit: '1-1', code: s.ownerCode.get('1-1')! });
    expect(locked).toMatchObject({ ok: false, code: 'locked' });
    clock.advance(61 * 60_000);
    const ok = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 'bad', displayName: 'x', unit: '1-1', code: s.ownerCode.get('1-1')! });
    expect(ok.ok).toBe(true);
  });

  it('refuses a right code with the wrong unit', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }, { unit: '1-2', area: '50', owner: '王' }]);
    const r = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 'u', displayName: 'x', unit: '1-2', code: s.ownerCode.get('1-1')! });
    expect(r).toMatchObject({ ok: false, code: 'wrong-code' });
  });

  it('rotates a leaked code so it no longer binds', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    const old = s.ownerCode.get('1-1')!;
    expect((await rotateLeakedCode(d.db, clock, old, 'telegram:x')).rotated).toBe(true);
    const r = await bindIdentity(d.db, clock, { platform: 'telegram', userId: 'u', displayName: 'x', unit: '1-1', code: old });
    expect(r.ok).toBe(false);
    const fresh = (await listCodes(d.db, clock, s.id))[0]!.code;
    expect(fresh).not.toBe(old);
  });

  it('imports nothing from a file with bad rows and lists each by number', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    const r = await importUnits(d.db, clock, s.id, 'unit,area_m2,owner_name,owner_id\n2-1,abc,赵,\n,30,钱,\n2-3,30,孙,\n2-3,40,李,\n2-5,10.123,周,\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.row)).toEqual([2, 3, 5, 6]);
    const n = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from units where community_id = ${s.id}`);
    expect(n[0]!.n).toBe(1);
    const header = await importUnits(d.db, clock, s.id, 'unit,area,owner\n1,2,3\n');
    expect(!header.ok && header.errors[0]!.row).toBe(1);
  });

  it('upserts the roster by unit label', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    const r = await importUnits(d.db, clock, s.id, 'unit,area_m2,owner_name,owner_id\n1-1,55.5,李某,L1\n1-2,60,王,\n');
    expect(r).toEqual({ ok: true, imported: 2 });
    const u = await rows<{ label: string; area_centi: number; owner_id: string | null }>(d.db, sql`select label, area_centi, owner_id from units where community_id = ${s.id} order by label`);
    expect(u).toEqual([
      { label: '1-1', area_centi: 5550, owner_id: 'L1' },
      { label: '1-2', area_centi: 6000, owner_id: null },
    ]);
  });
});
