import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { inScope } from '../../src/domain/scope.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

const ROSTER = [
  'unit,area_m2,owner_name,owner_id',
  '2-1-101,90.00,甲,',
  '2-1-201,80.00,乙,B',
  '2-1-301,70.50,丙,',
  '2-2-101,95.00,丁,',
  '2-2-201,85.00,乙,B',
  '3-1-101,100.00,戊,',
  '12-1-101,60.00,己,',
].join('\n');

describeEachDb('scope and notice of owners’ polls', (kind) => {
  const d = useFreshDatabase(kind);

  async function world(noticeDays?: number) {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '东风里', timezone: 'Asia/Shanghai', ...(noticeDays !== undefined ? { noticeDays } : {}) });
    if (!c.ok) throw new Error(c.code);
    const imported = await importUnits(d.db, w.clock, c.id, ROSTER);
    if (!imported.ok) throw new Error('roster');
    const codes = new Map((await listCodes(d.db, w.clock, c.id)).map((x) => [x.unit, x.code]));
    const g = { group: '-900' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    const bind = async (id: string, unit: string) => {
      await w.say('private', { id }, `绑定 ${unit} ${codes.get(unit)}`);
      expect(w.transport.sent.at(-1)!.text).toContain('绑定成功');
    };
    // The last text (a result's picture, a message of its own after it, left out).
    return { w, g, c, bind, last: () => w.transport.sent.filter((m) => m.text).at(-1)!.text };
  }

  it('takes a scoped poll’s E from the roster units of that entrance only', async () => {
    const { w, g, bind, last } = await world(0);
    await w.say(g, { id: 'chair' }, '表决 2号楼1单元加装电梯\n规则: 重大事项\n范围: 2号楼1单元');
    expect(last()).toContain('范围：2号楼1单元');
    const p = await rows<{ eligible_heads: number; eligible_area_m2: string; scope: string; matter: number }>(
      d.db,
      sql`select eligible_heads, eligible_area_m2::text, scope, matter from report_polls where poll_no = 1`,
    );
    // 2-1-101, 2-1-201 (owner B, whose 2-2-201 lies outside), 2-1-301: three owners, 240.50 m²
    expect(p[0]).toEqual({ eligible_heads: 3, eligible_area_m2: '240.50', scope: '2-1', matter: 7 });
    const roster = ROSTER.split('\n').slice(1).map((l) => l.split(',')[0]!);
    expect(roster.filter((l) => inScope(l, '2-1'))).toEqual(['2-1-101', '2-1-201', '2-1-301']);
    const inSql = await rows<{ label: string }>(d.db, sql`select label from units where yishi_in_scope(label, '2-1') order by label`);
    expect(inSql.map((r) => r.label)).toEqual(['2-1-101', '2-1-201', '2-1-301']);
    const building = await rows<{ label: string }>(d.db, sql`select label from units where yishi_in_scope(label, '2') order by label`);
    expect(building.map((r) => r.label)).toEqual(roster.filter((l) => inScope(l, '2')).sort());

    await bind('in', '2-1-201');
    await bind('out', '3-1-101');
    await w.say('private', { id: 'out' }, '投票 1 同意');
    expect(last()).toContain('不在范围内');
    await w.say('private', { id: 'in' }, '投票 1 同意');
    expect(last()).toContain('已记录');
    // /me lists the poll only to households in its scope
    await w.say('private', { id: 'out' }, '我的');
    expect(last()).not.toContain('#1');
    await bind('in2', '2-1-101');
    await w.say('private', { id: 'in2' }, '我的');
    expect(last()).toContain('#1');
    // owner B counts with their area inside the entrance only
    const b = await rows<{ holder_area_centi: number; holder_units: number }>(d.db, sql`select holder_area_centi, holder_units from ballots`);
    expect(b).toEqual([{ holder_area_centi: 8000, holder_units: 1 }]);
  });

  it('refuses votes before the notice period ends, with the opening time, then accepts them', async () => {
    const { w, g, bind, last } = await world();
    await bind('o1', '3-1-101');
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项\n截止: 7天');
    const card = last();
    expect(card).toContain('投票开始：2026-12-16 10:00');
    expect(card).toContain('公告期 15 天');
    await w.say('private', { id: 'o1' }, '投票 1 同意');
    expect(last()).toContain('2026-12-16 10:00 开始投票');
    expect((await rows(d.db, sql`select 1 from ballots`)).length).toBe(0);
    w.clock.advance(15 * 86_400_000);
    await w.say('private', { id: 'o1' }, '投票 1 同意');
    expect(last()).toContain('已记录');
    const p = await rows<{ opens_at: Date; closes_at: Date }>(d.db, sql`select opens_at, closes_at from report_polls`);
    expect(new Date(p[0]!.closes_at).getTime() - new Date(p[0]!.opens_at).getTime()).toBe(7 * 86_400_000);
  });

  it('opens at once only with 开始: 立即 and 确认规则, and the result says so', async () => {
    const { w, g, bind, last } = await world(15);
    await bind('o1', '3-1-101');
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项\n开始: 立即');
    expect(last()).toContain('确认规则');
    expect(last()).not.toContain('【表决 #');
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项\n开始: 立即\n确认规则');
    expect(last()).toContain('立即开始投票');
    await w.say('private', { id: 'o1' }, '投票 1 同意');
    expect(last()).toContain('已记录');
    await w.say(g, { id: 'chair' }, '结束表决 1');
    expect(last()).toContain('未经公告期');
  });
});
