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
    const c = await createCommunity(d.db, w.clock, { name: '晨光里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-101,90.00,甲,\n1-102,80.00,乙,\n');
    const g = { group: '-700' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    return { w, g };
  }

  it('refuses an English title naming a major matter under a weaker rule until the rule is confirmed', async () => {
    const { w, g } = await world();
    for (const title of ['Use the repair fund for new lifts', 'Rebuild the east gate', 'Change of use of the bike shed']) {
      await w.say(g, { id: 'chair' }, `/poll ${title}\nrule: owners-general`);
      expect(w.transport.sent.at(-1)!.text).toContain('重大事项');
      expect(w.transport.sent.at(-1)!.text).not.toContain('【表决 #');
    }
    await w.say(g, { id: 'chair' }, '/poll Use the repair fund for new lifts\nrule: owners-general\nconfirm-rule');
    expect(w.transport.sent.at(-1)!.text).toContain('【表决 #1】');
    await w.say(g, { id: 'chair' }, '/poll Repaint the fence\nrule: owners-general');
    expect(w.transport.sent.at(-1)!.text).toContain('【表决 #2】');
  });

  it('refuses a Chinese major-matter title under a weaker rule and opens it under 重大事项', async () => {
    const { w, g } = await world();
    await w.say(g, { id: 'chair' }, '表决 使用维修资金更换电梯\n规则: 一般事项');
    expect(w.transport.sent.at(-1)!.text).toContain('确认规则');
    await w.say(g, { id: 'chair' }, '表决 使用维修资金更换电梯\n规则: 重大事项');
    expect(w.transport.sent.at(-1)!.text).toContain('【表决 #1】');
  });
});
