import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

describeEachDb('results without a poll number', (kind) => {
  const d = useFreshDatabase(kind);

  it('asks for the number with a results example, not a vote example, when several polls are open', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '晓月里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-101,90.00,甲,\n');
    const g = { group: '-710' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    await w.say(g, { id: 'chair' }, '表决 问卷一');
    await w.say(g, { id: 'chair' }, '表决 问卷二');
    await w.say(g, { id: 'x' }, '结果');
    const zh = w.transport.sent.at(-1)!.text;
    expect(zh).toContain('#1 问卷一');
    expect(zh).toContain('结果 1');
    expect(zh).not.toContain('投票');
    const [code] = await listCodes(d.db, w.clock, c.id);
    await w.say('private', { id: 'y', lang: 'en' }, `/bind ${code!.unit} ${code!.code}`);
    await w.say('private', { id: 'y', lang: 'en' }, '/results');
    const en = w.transport.sent.at(-1)!.text;
    expect(en).toContain('/results 1');
    await w.say('private', { id: 'y', lang: 'en' }, '/vote yes');
    expect(w.transport.sent.at(-1)!.text).toContain('/vote 1');
  });
});
