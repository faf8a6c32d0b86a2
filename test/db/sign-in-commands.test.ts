/** `/web` (网页) and `/desk` (管理) through the chat core as the service builds it: the links go to its public address. */
import { expect, it } from 'vitest';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, seedCommunity } from '../helpers/fixtures.js';

describeEachDb('the sign-in commands', (kind) => {
  const d = useFreshDatabase(kind);

  it('gives a bound resident a one-time link to the pages at the public address, and tells a resident the desk is the committee\'s', async () => {
    const w = createChatWorld(d.db, { publicUrl: 'https://yishi.example' });
    const s = await seedCommunity(d.db, w.clock, [{ unit: '3-2-501', area: '80.00', owner: '李' }]);
    await bindAs(d.db, w.clock, s, 'li', '3-2-501');
    const from = w.transport.sent.length;
    await w.say('private', { id: 'li' }, '网页');
    expect(w.transport.sent.slice(from).map((m) => m.text).join('\n')).toMatch(/https:\/\/yishi\.example\/s\/[A-Za-z0-9_-]{43}/);
    const next = w.transport.sent.length;
    await w.say('private', { id: 'li' }, '管理');
    expect(w.transport.sent.slice(next).map((m) => m.text)).toEqual(['工作台只对业委会委员和主任/召集人开放。如需查看表决或投票，请发送“网页”获取居民网页的登录链接。']);
  });

  it('says the pages are not served, instead of giving a link without an address, where the service has none', async () => {
    const w = createChatWorld(d.db);
    const s = await seedCommunity(d.db, w.clock, [{ unit: '3-2-501', area: '80.00', owner: '李' }]);
    await bindAs(d.db, w.clock, s, 'li', '3-2-501');
    const from = w.transport.sent.length;
    await w.say('private', { id: 'li' }, '网页');
    await w.say('private', { id: 'li' }, '/desk');
    expect(w.transport.sent.slice(from).map((m) => m.text)).toEqual(['本服务没有开通网页。', '本服务没有开通网页。']);
  });
});
