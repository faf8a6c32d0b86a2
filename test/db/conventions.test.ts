import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { importConvention } from '../../src/app/conventions.js';
import { verifyAudit } from '../../src/db/audit.js';
import { rows } from '../../src/db/client.js';
import { CHAIR, createDeliberationWorld } from '../helpers/deliberation.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

const PARKING_V1 = [
  '表决 通过《文明停车公约》',
  '公约',
  '第一条 机动车在划线车位内停车，不得占用消防通道。',
  '第二条 电动自行车不得进楼道充电。',
  '第三条 外来车辆临时停车不超过两小时。',
].join('\n');

const PARKING_V2_FILE = [
  '文明停车公约（2027年修订）',
  '经居民会议表决通过后施行。',
  '第一条 机动车在划线车位内停车，',
  '不得占用消防通道和盲道。',
  '第二条 电动自行车到集中充电棚充电。',
  '第三条 外来车辆临时停车不超过一小时。',
  '第四条 夜间22点后禁止鸣笛。',
].join('\n');

describeEachDb('conventions', (kind) => {
  const d = useFreshDatabase(kind);

  it('puts a convention in force when a residents poll passes, finds its articles by keyword, and supersedes it with the next version', async () => {
    const w = await createDeliberationWorld(d.db, { groups: ['-100', '-200'] });
    await w.say(w.g, w.residents[0]!, '公约');
    expect(w.last()).toContain('本小区还没有经表决生效的公约');

    await w.say(w.g, CHAIR, PARKING_V1);
    expect(w.last()).toContain('【表决 #1】通过《文明停车公约》');
    expect(w.last()).toContain('规则：居民会议');
    expect(w.last()).toContain('第三条 外来车辆临时停车不超过两小时。');
    for (const r of w.residents.slice(0, 3)) await w.say(w.g, r, '投票 1 同意');
    await w.say(w.g, CHAIR, '结束表决 1');
    expect(w.last()).toContain('结果：通过');
    expect(w.last()).toContain('《文明停车公约》第 1 版自即日起施行。');

    await w.say(w.g, w.residents[3]!, '公约');
    expect(w.last()).toContain('《文明停车公约》第 1 版（表决 #1 通过，2026-12-01 起施行）');
    expect(w.last()).toContain('第二条 电动自行车不得进楼道充电。');
    await w.say(w.g, w.residents[3]!, '公约 停车');
    const found = w.last();
    expect(found).toContain('与“停车”有关的条文：');
    expect(found).toContain('《文明停车公约》第一条 机动车在划线车位内停车，不得占用消防通道。');
    expect(found).toContain('《文明停车公约》第三条 外来车辆临时停车不超过两小时。');
    expect(found).not.toContain('第二条');
    await w.say(w.g, w.residents[3]!, '公约 电动车充电怎么规定');
    expect(w.last()).toContain('第二条 电动自行车不得进楼道充电。');
    await w.say(w.g, w.residents[3]!, '公约 养狗');
    expect(w.last()).toBe('现行公约里没有找到与“养狗”有关的条文。现行公约：《文明停车公约》。');

    // the revised text is imported by the operator and put to the vote without retyping it
    const imported = await importConvention(d.db, w.clock, w.communityId, PARKING_V2_FILE);
    expect(imported).toEqual({ ok: true, conventionId: expect.any(Number), title: '文明停车公约', imported: 4 });
    w.clock.set('2026-12-10T02:00:00Z');
    await w.say(w.g, CHAIR, '表决 修订文明停车公约\n公约');
    expect(w.last()).toContain('【表决 #2】修订文明停车公约');
    expect(w.last()).toContain('第一条 机动车在划线车位内停车，不得占用消防通道和盲道。');
    for (const r of w.residents.slice(1, 4)) await w.say(w.g, r, '投票 2 1');
    await w.say(w.g, CHAIR, '结束表决 2');
    expect(w.last()).toContain('《文明停车公约》第 2 版自即日起施行，第 1 版同时废止。');

    await w.say(w.g, w.residents[0]!, '公约');
    expect(w.last()).toContain('《文明停车公约》第 2 版（表决 #2 通过，2026-12-10 起施行）');
    expect(w.last()).not.toContain('第 1 版');
    await w.say(w.g, w.residents[0]!, '/convention 停车');
    expect(w.last()).toContain('第三条 外来车辆临时停车不超过一小时。');
    expect(w.last()).not.toContain('两小时');

    const versions = await rows<{ version: number; status: string; poll_no: number; articles: number }>(
      d.db,
      sql`select c.version, c.status, p.poll_no, jsonb_array_length(c.articles)::int as articles
          from conventions c join polls p on p.poll_id = c.poll_id order by c.version`,
    );
    expect(versions).toEqual([
      { version: 1, status: 'superseded', poll_no: 1, articles: 3 },
      { version: 2, status: 'in_force', poll_no: 2, articles: 4 },
    ]);
    const drafts = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from conventions where status = 'draft'`);
    expect(drafts[0]!.n).toBe(0);
    expect(await verifyAudit(d.db, w.communityId)).toMatchObject({ ok: true });
  });

  it('adopts nothing when the households vote against, and asks for articles when there are none', async () => {
    const w = await createDeliberationWorld(d.db);
    await w.say(w.g, CHAIR, '表决 居民公约\n公约');
    expect(w.last()).toContain('公约表决需要条文');
    await w.say(w.g, CHAIR, '表决 《养犬公约》\n公约\n1. 遛狗须牵绳\n2. 及时清理粪便');
    await w.say(w.g, w.residents[0]!, '投票 1 反对');
    await w.say(w.g, w.residents[1]!, '投票 1 反对');
    await w.say(w.g, w.residents[2]!, '投票 1 同意');
    await w.say(w.g, CHAIR, '结束表决 1');
    expect(w.last()).toContain('结果：未通过');
    expect(w.last()).not.toContain('施行');
    await w.say(w.g, w.residents[0]!, '公约 遛狗');
    expect(w.last()).toContain('本小区还没有经表决生效的公约');
  });

  it('refuses an import without numbered articles', async () => {
    const w = await createDeliberationWorld(d.db, { units: 1 });
    expect(await importConvention(d.db, w.clock, w.communityId, '居民公约\n大家要和睦相处。')).toEqual({ ok: false, code: 'no-articles' });
  });
});
