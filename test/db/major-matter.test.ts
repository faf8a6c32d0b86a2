import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

describeEachDb('major-matter poll titles', (kind) => {
  const d = useFreshDatabase(kind);

  async function world() {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '晨光里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error(c.code);
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-101,90.00,甲,\n1-102,80.00,乙,\n');
    const g = { group: '-700' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    return { w, g };
  }

  it('refuses an English title naming items 6–8 under a weaker rule until the rule is confirmed', async () => {
    const { w, g } = await world();
    for (const title of ['Rebuild the east gate', 'Change of use of the bike shed', 'Raise the repair fund']) {
      await w.say(g, { id: 'chair' }, `/poll ${title}\nrule: owners-general`);
      expect(w.transport.sent.at(-1)!.text).toContain('重大事项');
      expect(w.transport.sent.at(-1)!.text).not.toContain('【表决 #');
    }
    await w.say(g, { id: 'chair' }, '/poll Rebuild the east gate\nrule: owners-general\nconfirm-rule');
    expect(w.transport.sent.at(-1)!.text).toContain('【表决 #1】');
    await w.say(g, { id: 'chair' }, '/poll Repaint the fence\nrule: owners-general');
    expect(w.transport.sent.at(-1)!.text).toContain('【表决 #2】');
  });

  it('opens using the repair fund under the double majority and refuses ¾ for it', async () => {
    const { w, g } = await world();
    await w.say(g, { id: 'chair' }, '表决 使用维修资金更换电梯\n规则: 重大事项');
    expect(w.transport.sent.at(-1)!.text).toContain('更严');
    expect(w.transport.sent.at(-1)!.text).toContain('规则: 一般事项');
    await w.say(g, { id: 'chair' }, '表决 使用维修资金更换电梯\n规则: 一般事项');
    const card = w.transport.sent.at(-1)!.text;
    expect(card).toContain('【表决 #1】');
    expect(card).toContain('第五项');
  });

  it('opens a poll whose title names a matter, written without a rule, under that matter’s rule after the notice period', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '朝阳里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n2-1-101,90.00,甲,\n2-1-102,80.00,乙,\n');
    const g = { group: '-701' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);

    await w.say(g, { id: 'chair' }, '表决 使用维修资金维修2号楼屋面防水');
    const fund = w.transport.sent.at(-1)!.text;
    expect(fund).toContain('【表决 #1】使用维修资金维修2号楼屋面防水');
    expect(fund).toContain('事项：《民法典》第二百七十八条第五项（使用建筑物及其附属设施的维修资金）');
    expect(fund).toContain('一般事项');
    // Tue 2026-12-01 10:00 in Shanghai and the default notice of 15 days.
    expect(fund).toContain('投票开始：2026-12-16 10:00（公告期 15 天，《物业管理条例》第十四条）');

    await w.say(g, { id: 'chair' }, '表决 加装电梯');
    const lift = w.transport.sent.at(-1)!.text;
    expect(lift).toContain('【表决 #2】加装电梯');
    expect(lift).toContain('事项：《民法典》第二百七十八条第七项（改建、重建建筑物及其附属设施）');
    expect(lift).toContain('重大事项');
    expect(lift).toContain('投票开始：2026-12-16 10:00（公告期 15 天，《物业管理条例》第十四条）');

    // A rule the chair wrote that is weaker or stronger than the matter needs still asks for 确认规则.
    await w.say(g, { id: 'chair' }, '表决 加装电梯\n规则: 一般事项');
    expect(w.transport.sent.at(-1)!.text).toBe(
      '这项表决属于《民法典》第二百七十八条第七项 改建、重建建筑物及其附属设施，应按“重大事项（业主双四分之三）”表决，而您选的是“一般事项（业主双过半）”。表决没有发起。请改为“规则: 重大事项”重新发送；如确需按现规则，请加一行“确认规则”。',
    );
    await w.say(g, { id: 'chair' }, '表决 使用维修资金维修2号楼屋面防水\n规则: 重大事项');
    expect(w.transport.sent.at(-1)!.text).toBe(
      '这项表决属于《民法典》第二百七十八条第五项 使用建筑物及其附属设施的维修资金，法律要求的是“一般事项（业主双过半）”，您选的“重大事项（业主双四分之三）”更严，可能让法律上能通过的决定通不过。表决没有发起。请改为“规则: 一般事项”重新发送；如确需更严的规则，请加一行“确认规则”。',
    );
    const polls = await rows<{ poll_no: number; rule: string; matter: number | null }>(d.db, sql`select poll_no, rule, matter from polls order by poll_no`);
    expect(polls).toEqual([
      { poll_no: 1, rule: 'owners-general', matter: 5 },
      { poll_no: 2, rule: 'owners-major', matter: 7 },
    ]);
  });

  it('refuses everyday titles of items 6–8 under the double majority and names the matter', async () => {
    const { w, g } = await world();
    for (const [title, item] of [['电梯广告位出租给广告公司', '第八项'], ['把小区东侧绿地改成停车场', '第八项'], ['續籌公共維修基金', '第六项'], ['2号楼加装电梯', '第七项']] as const) {
      await w.say(g, { id: 'chair' }, `表决 ${title}\n规则: 一般事项`);
      const said = w.transport.sent.at(-1)!.text;
      expect(said).toContain(item);
      expect(said).toContain('规则: 重大事项');
    }
    await w.say(g, { id: 'chair' }, '表决 方案甲\n事项: 加装电梯');
    const card = w.transport.sent.at(-1)!.text;
    expect(card).toContain('重大事项');
    expect(card).toContain('第七项');
  });
});
