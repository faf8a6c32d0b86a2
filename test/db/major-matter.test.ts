import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits } from '../../src/app/roster.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, freshDatabase, type TestDatabase } from '../helpers/db.js';

describeEachDb('major-matter poll titles', (kind) => {
  let d: TestDatabase;
  beforeEach(async () => {
    d = await freshDatabase(kind);
  });
  afterEach(async () => {
    await d.drop();
  });

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
