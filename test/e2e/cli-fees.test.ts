import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runAdmin } from '../../src/cli/admin.js';
import { describeEachDb, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { FAQ_CSV, FEES_CSV, INCOME_CSV } from '../helpers/fee-seed.js';

async function admin(env: Record<string, string | undefined>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env });
  return { code, stdout, stderr };
}

describeEachDb('operator CLI: fees, bills, FAQ and shared income', (kind) => {
  let dir: string;
  let d: TestDatabase | undefined;
  let env: Record<string, string | undefined>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'yishi-cli-fees-'));
    if (kind === 'postgres') {
      d = await freshDatabase('postgres');
      env = { DATABASE_URL: d.url };
    } else env = { DATA_DIR: dir };
  });
  afterEach(async () => {
    await d?.drop();
    d = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, text: string) => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };

  it('imports each file with {"imported": N}, refuses bad rows listing every one, and sets the split rule', async () => {
    expect((await admin(env, 'community', 'add', '幸福里', '--json')).code).toBe(0);
    await admin(env, 'units', 'import', '幸福里', await file('units.csv', 'unit,area_m2,owner_name,owner_id\n3-2-501,89.50,张三,\n'));
    const ok = async (...argv: string[]) => {
      const r = await admin(env, ...argv, '--json');
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as unknown;
    };
    expect(await ok('fees', 'import', '幸福里', await file('fees.csv', FEES_CSV))).toEqual({ imported: 7 });
    expect(await ok('faq', 'import', '幸福里', await file('faq.csv', FAQ_CSV))).toEqual({ imported: 12 });
    expect(await ok('income', 'import', '幸福里', await file('income.csv', INCOME_CSV))).toEqual({ imported: 4 });
    expect(await ok('bills', 'import', '幸福里', await file('bills.csv', 'unit,item,period,amount,paid\n3-2-501,物业费,2026下半年,644.40,no\n'))).toEqual({ imported: 1 });
    expect(await ok('income', 'rule', '幸福里', '20/30/50')).toEqual({ community: '幸福里', rule: { management: 20, dividend: 30, facilities: 50 } });

    const bad = await admin(env, 'bills', 'import', '幸福里', await file('bad.csv', 'unit,item,period,amount,paid\n3-2-501,物业费,2027上半年,644.4,\n1-1-1,物业费,2027上半年,10,\n3-2-501,电梯运行费,2027上半年,abc,\n'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('nothing imported; 2 bad rows');
    expect(bad.stderr).toContain('row 3: unit 1-1-1 is not on the roster');
    expect(bad.stderr).toContain('row 4: amount is not an amount in yuan');
    expect(bad.stderr).not.toContain('abc');
    expect(bad.stderr).not.toContain('644');
    expect((await admin(env, 'income', 'rule', '幸福里', '30/30/30')).code).toBe(2);
  }, 120_000);
});
