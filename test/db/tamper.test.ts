import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { castVote } from '../../src/app/polls.js';
import { runAdmin } from '../../src/cli/admin.js';
import { createDatabase, rows, type Database } from '../../src/db/client.js';
import { PG_ENABLED, TEST_PG_URL } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

/**
 * Tampering on real PostgreSQL as an auditor would try it: the service runs as a non-superuser role
 * that owns its database; a superuser can bypass the triggers, and `audit verify` then exits 1.
 */
describe.runIf(PG_ENABLED)('ballots and the audit log on PostgreSQL against tampering', () => {
  const clock = createManualClock('2026-12-01T02:00:00Z');
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  /** A fresh database owned by a fresh non-superuser role; `owner` connects as that role, `su` as the superuser. */
  async function ownedDatabase() {
    const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const role = `yishi_svc_${id}`;
    const name = `yishi_tamper_${id}`;
    const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${role} login nosuperuser nocreatedb nocreaterole`);
    await admin.unsafe(`create database ${name} owner ${role}`);
    await admin.end();
    const ownerUrl = new URL(TEST_PG_URL);
    ownerUrl.username = role;
    ownerUrl.pathname = `/${name}`;
    const suUrl = new URL(TEST_PG_URL);
    suUrl.pathname = `/${name}`;
    const owner: Database = await createDatabase({ url: ownerUrl.toString(), max: 3 });
    await owner.migrate();
    const su = postgres(suUrl.toString(), { max: 1, onnotice: () => {} });
    cleanups.push(async () => {
      await owner.close();
      await su.end();
      const a = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.unsafe(`drop role if exists ${role}`);
      await a.end();
    });
    const check = await rows<{ super: boolean; owner: string }>(
      owner.db,
      sql`select rolsuper as super, (select pg_get_userbyid(datdba) from pg_database where datname = current_database()) as owner from pg_roles where rolname = current_user`,
    );
    expect(check[0]).toEqual({ super: false, owner: role });
    return { owner, su, ownerUrl: ownerUrl.toString() };
  }

  /** A community with three owners who voted in an owners' poll, as the service writes it. */
  async function voted(db: Database['db']) {
    const s = await seedCommunity(db, clock, [
      { unit: '1-101', area: '100.00', owner: '甲' },
      { unit: '1-102', area: '80.00', owner: '乙' },
      { unit: '1-103', area: '70.00', owner: '丙' },
    ]);
    for (const [i, u] of ['1-101', '1-102', '1-103'].entries()) await bindAs(db, clock, s, `o${i}`, u);
    const poll = await openAsChair(db, clock, s.id, { rule: 'owners-general' });
    for (const i of [0, 1, 2]) {
      const r = await castVote(db, clock, { poll, platform: 'telegram', userId: `o${i}`, optionNo: i === 2 ? 2 : 1, sourceKey: `t${i}` });
      expect(r.ok).toBe(true);
    }
    return s;
  }

  async function verify(url: string, community: string) {
    let stdout = '';
    let stderr = '';
    const code = await runAdmin(['audit', 'verify', community, '--json'], {
      stdout: { write: (x: string) => (stdout += x) },
      stderr: { write: (x: string) => (stderr += x) },
      env: { DATABASE_URL: url },
      cwd: process.cwd(),
    });
    return { code, result: JSON.parse(stdout) as { ok: boolean; firstBad?: { seq: number; action: string; reason: string } }, stderr };
  }

  /** As the superuser, with the append-only triggers bypassed. */
  async function asSuperuser(su: postgres.Sql, statement: string) {
    await su.begin(async (tx) => {
      await tx.unsafe('set local session_replication_role = replica');
      await tx.unsafe(statement);
    });
  }

  it('refuses UPDATE, DELETE and TRUNCATE on ballots and the audit log to the role owning the database', async () => {
    const { owner } = await ownedDatabase();
    await voted(owner.db);
    for (const statement of [
      sql`update ballots set option_no = 2`,
      sql`delete from ballots`,
      sql`truncate ballots`,
      sql`update audit_log set entry = '{}'`,
      sql`delete from audit_log where seq > 1`,
      sql`truncate audit_log`,
    ]) {
      // The database layer tells a failure by kind, table and code (its text may carry what was written).
      const err = await owner.db.execute(statement).then(() => null, (e: unknown) => e as { message: string; code?: string; table?: string });
      expect(err?.code).toBe('42501');
      expect(err?.message).toMatch(/^(update|delete|truncate) (ballots|audit_log) failed \(42501\)$/);
    }
    expect((await rows<{ n: number }>(owner.db, sql`select count(*)::int as n from ballots`))[0]!.n).toBe(3);
  }, 60_000);

  it('exits 1 naming the ballot’s entry when a superuser changes a ballot', async () => {
    const { owner, su, ownerUrl } = await ownedDatabase();
    const s = await voted(owner.db);
    expect((await verify(ownerUrl, s.name)).code).toBe(0);
    await asSuperuser(su, `update ballots set option_no = 1 where source_key = 't2'`);
    const seq = (await rows<{ seq: number }>(owner.db, sql`select seq from audit_log where entry::jsonb -> 'data' ->> 'source' = 't2'`))[0]!.seq;
    const v = await verify(ownerUrl, s.name);
    expect(v.code).toBe(1);
    expect(v.result.firstBad).toMatchObject({ seq, action: 'ballot.cast' });
    expect(v.result.firstBad!.reason).toContain('changed');
  }, 60_000);

  it('exits 1 when a superuser deletes a ballot', async () => {
    const { owner, su, ownerUrl } = await ownedDatabase();
    const s = await voted(owner.db);
    await asSuperuser(su, `delete from ballots where source_key = 't1'`);
    const v = await verify(ownerUrl, s.name);
    expect(v.code).toBe(1);
    expect(v.result.firstBad!.reason).toContain('missing');
  }, 60_000);

  it('exits 1 when the tally projection that /results reads is edited', async () => {
    const { owner, ownerUrl } = await ownedDatabase();
    const s = await voted(owner.db);
    // poll_votes is not append-only (it is the projection), so even the service role can edit it
    await owner.db.execute(sql`update poll_votes set option_no = 1 where option_no = 2`);
    const v = await verify(ownerUrl, s.name);
    expect(v.code).toBe(1);
    expect(v.result.firstBad).toMatchObject({ action: 'poll.opened' });
    expect(v.result.firstBad!.reason).toContain('poll_votes');
  }, 60_000);

  it('exits 1 when a superuser cuts off the end of the chain', async () => {
    const { owner, su, ownerUrl } = await ownedDatabase();
    const s = await voted(owner.db);
    const last = (await rows<{ seq: number }>(owner.db, sql`select max(seq)::int as seq from audit_log`))[0]!.seq;
    await asSuperuser(su, `delete from audit_log where seq >= ${last - 1}`);
    const v = await verify(ownerUrl, s.name);
    expect(v.code).toBe(1);
    expect(v.result.firstBad!.seq).toBe(last - 1);
    expect(v.result.firstBad!.reason).toContain('missing');
  }, 60_000);
});
