/**
 * Who holds a ballot and who may cast it is defined once (src/domain/holder.ts); the SQL the ballot
 * writer, the roster totals and the reminders use is built from it (src/db/holder-sql.ts). This
 * checks that both give the same answer for every rule, unit, relation and channel, on both databases.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { holderKeySql, isOwnerRuleSql, mayCastSql } from '../../src/db/holder-sql.js';
import { holderKey, isOwnerRule, mayCast, type CastChannel, type HolderRule } from '../../src/domain/holder.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

const RULES: HolderRule[] = ['owners-general', 'owners-major', 'residents', 'simple'];
const UNITS = [
  { unitId: 7, ownerId: null },
  { unitId: 8, ownerId: '' },
  { unitId: 9, ownerId: 'B-17' },
];
const RELATIONS = ['owner', 'tenant', null];
const CHANNELS: CastChannel[] = ['online', 'paper', 'assisted', 'proxy'];

describeEachDb('the holder of a ballot, in SQL and in the domain', (kind) => {
  const d = useFreshDatabase(kind);

  it('gives the same holder key and the same right to cast for every rule, unit, relation and channel', async () => {
    const cases = RULES.flatMap((rule) => UNITS.flatMap((unit) => RELATIONS.flatMap((relation) => CHANNELS.map((channel) => ({ rule, unit, relation, channel })))));
    const input = JSON.stringify(cases.map((c, i) => ({ i, rule: c.rule, unit_id: c.unit.unitId, owner_id: c.unit.ownerId, relation: c.relation, channel: c.channel })));
    const got = await rows<{ i: number; owner_rule: boolean; holder: string; may: boolean }>(
      d.db,
      sql`select i, ${isOwnerRuleSql(sql`c.rule`)} as owner_rule, ${holderKeySql(isOwnerRuleSql(sql`c.rule`), 'c')} as holder,
          ${mayCastSql(isOwnerRuleSql(sql`c.rule`), sql`c.relation`, sql`c.channel`)} as may
        from jsonb_to_recordset(${input}::jsonb) as c(i int, rule text, unit_id int, owner_id text, relation text, channel text) order by i`,
    );
    expect(got).toHaveLength(cases.length);
    const mismatches = got.filter((g) => {
      const c = cases[g.i]!;
      // SQL's null relation (no relation recorded) compares like the domain's null.
      return g.owner_rule !== isOwnerRule(c.rule) || g.holder !== holderKey(c.rule, c.unit) || Boolean(g.may) !== mayCast(c.rule, c.relation, c.channel);
    });
    expect(mismatches).toEqual([]);
    // And the rule itself, spelled out once here: an owner's units are one ballot; a tenant votes only in residents' polls.
    expect(holderKey('owners-general', UNITS[2]!)).toBe('o:B-17');
    expect(holderKey('residents', UNITS[2]!)).toBe('u:9');
    expect(holderKey('owners-major', UNITS[1]!)).toBe('u:8');
    expect(mayCast('owners-major', 'tenant')).toBe(false);
    expect(mayCast('owners-major', 'tenant', 'proxy')).toBe(true);
    expect(mayCast('residents', 'tenant')).toBe(true);
  });

  it('gives the same holder key with the rule known in advance', async () => {
    const input = JSON.stringify(UNITS.map((u) => ({ unit_id: u.unitId, owner_id: u.ownerId })));
    for (const owner of [true, false]) {
      const got = await rows<{ holder: string }>(d.db, sql`select ${holderKeySql(owner, 'u')} as holder from jsonb_to_recordset(${input}::jsonb) as u(unit_id int, owner_id text) order by unit_id`);
      expect(got.map((g) => g.holder)).toEqual(UNITS.map((u) => holderKey(owner ? 'owners-general' : 'simple', u)));
    }
  });
});
