import { afterEach, beforeEach, expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { createManualClock } from '../../src/app/clock.js';
import { reissueSetupCode, setupGroup } from '../../src/app/communities.js';
import { LIMITS } from '../../src/app/guess-limits.js';
import { runAdmin } from '../../src/cli/admin.js';
import { describeEachDb, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { seedCommunity } from '../helpers/fixtures.js';

const DAY = 24 * 60 * 60_000;

describeEachDb('guessing limits', (kind) => {
  let d: TestDatabase;
  const clock = createManualClock('2026-12-01T02:00:00Z');
  beforeEach(async () => {
    d = await freshDatabase(kind);
    clock.set('2026-12-01T02:00:00Z');
  });
  afterEach(async () => {
    await d.drop();
  });

  const bind = (userId: string, unit: string, code: string) =>
    bindIdentity(d.db, clock, { platform: 'telegram', userId, displayName: userId, unit, code });
  const setup = (userId: string, chatId: string, code: string) =>
    setupGroup(d.db, clock, { platform: 'telegram', chatId, title: `群${chatId}`, code, sender: { id: userId, name: userId } });

  it('evaluates only five of twenty concurrent wrong codes from one identity', async () => {
    await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => bind('racer', '1-1', `WRONGCODE${i}`)));
    expect(results.filter((r) => !r.ok && r.code === 'wrong-code')).toHaveLength(LIMITS.bindPerIdentity.max);
    expect(results.filter((r) => !r.ok && r.code === 'locked')).toHaveLength(20 - LIMITS.bindPerIdentity.max);
  });

  it('locks a unit after ten wrong codes from many accounts, refusing its right code alike, for a day', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    for (let i = 0; i < LIMITS.bindPerUnit.max; i++) expect(await bind(`acct${i}`, '1-1', `WRONGCODE${i}`)).toMatchObject({ code: 'wrong-code' });
    const wrong = await bind('owner', '1-1', 'WRONGCODE');
    const right = await bind('owner', '1-1', s.ownerCode.get('1-1')!);
    expect(right).toEqual(wrong);
    expect(right).toMatchObject({ ok: false, code: 'locked' });
    clock.advance(DAY + 60_000);
    expect(await bind('owner', '1-1', s.ownerCode.get('1-1')!)).toMatchObject({ ok: true });
  });

  it('stops all binding for the day once the service-wide budget of unit codes is spent', async () => {
    // 25 communities share the labels 1-1 and 1-2: each attempt on them could hit 25 units' codes.
    for (let i = 0; i < 25; i++) await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: 'a' }, { unit: '1-2', area: '50', owner: 'b' }]);
    const target = await seedCommunity(d.db, clock, [{ unit: '9-9', area: '50', owner: '王' }]);
    let n = 0;
    for (const unit of ['1-1', '1-2']) for (let i = 0; i < LIMITS.bindPerUnit.max; i++) expect((await bind(`acct${n++ % 7}x${unit}`, unit, `WRONGCODE${i}`)).ok).toBe(false);
    expect(await bind('owner', '9-9', target.ownerCode.get('9-9')!)).toMatchObject({ ok: false, code: 'locked' });
    clock.advance(DAY + 60_000);
    expect(await bind('owner', '9-9', target.ownerCode.get('9-9')!)).toMatchObject({ ok: true });
  });

  it('binds right codes on a label that several communities share, attempt after attempt', async () => {
    const seeded = [];
    for (let i = 0; i < 12; i++) seeded.push(await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: 'a' }]));
    for (const [i, s] of seeded.entries()) expect(await bind(`owner${i}`, '1-1', s.ownerCode.get('1-1')!)).toMatchObject({ ok: true });
  });

  it('gives a right code its attempt back and does not count a unit that is on no roster', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    expect(await bind('u', '1-1', 'WRONGCODE')).toMatchObject({ code: 'wrong-code', left: 4 });
    // A unit on no roster is answered as an unknown unit and costs no attempt.
    expect(await bind('u', '8-8-808', 'WRONGCODE')).toMatchObject({ code: 'unknown-unit' });
    expect(await bind('u', '1-1', 'WRONGCODE2')).toMatchObject({ code: 'wrong-code', left: 3 });
    expect(await bind('u', '1-1', s.ownerCode.get('1-1')!)).toMatchObject({ ok: true });
    expect(await bind('u', '1-1', 'WRONGCODE')).toMatchObject({ code: 'wrong-code', left: 2 });
  });

  it('refuses a valid setup code like an invalid one once an identity has made five wrong attempts', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => setup('guesser', `g${i}`, `WRONGCODE${i}`)));
    expect(results.filter((r) => !r.ok && r.code === 'bad-setup-code')).toHaveLength(LIMITS.setupPerIdentity.max);
    const wrong = await setup('guesser', 'g-new', 'WRONGCODE');
    const right = await setup('guesser', 'g-new', s.setupCode);
    expect(right).toEqual(wrong);
    expect(right).toMatchObject({ ok: false, code: 'setup-locked' });
    // Someone else, in another chat, is not held up by the guesser.
    expect(await setup('chair', 'home', s.setupCode)).toMatchObject({ ok: true });
  });

  it('reissues a setup code from the CLI: the old one stops working, the new one links a group', async () => {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1', area: '50', owner: '李' }]);
    let out = '';
    const code = await runAdmin(['community', 'setup-code', s.name, '--json'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => {} }, env: {} }, { clock, database: d });
    expect(code).toBe(0);
    const issued = JSON.parse(out) as { id: number; name: string; setupCode: string };
    expect(issued).toMatchObject({ id: s.id, name: s.name });
    expect(issued.setupCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await setup('chair', 'home', s.setupCode)).toMatchObject({ ok: false, code: 'bad-setup-code' });
    expect(await setup('chair', 'home', issued.setupCode)).toMatchObject({ ok: true });
    const again = await reissueSetupCode(d.db, clock, s.id, 'test');
    expect(again).not.toBe(issued.setupCode);
  });
});
