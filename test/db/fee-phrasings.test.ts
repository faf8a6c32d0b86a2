/**
 * The most common fee question, asked the ways residents ask it in a group (with and without @bot,
 * simplified and traditional, with 的/呢/？/啊, typos): each is answered from the imported fee
 * schedule through the chat core, and none is kept as unanswered for the committee.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importFaq } from '../../src/app/faq.js';
import { importFees } from '../../src/app/fees.js';
import { rows } from '../../src/db/client.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { FAQ_CSV, FEES_CSV } from '../helpers/fee-seed.js';

/** Addressed to the bot: the mention is part of the text, as a platform without mention entities leaves it. */
const ADDRESSED = ['@yishi_bot 物业费怎么算', '@yishi_bot 物业费怎么算的？', '@yishi_bot 物業費怎麼算', '@yishi_bot 物业费计算方法', '@yishi_bot 物业费算法'];
/** Overheard: fee questions in the group that do not mention the bot. */
const OVERHEARD = [
  '物业费怎么算',
  '物业费怎么算的？',
  '物業費怎麼算',
  '物业费怎么算呢',
  '物业费是怎么算的啊',
  '物业费咋算的',
  '物叶费怎么算',
  '物业费按什么算？',
  '物业费如何计算',
  '物業費怎麼計算？',
  '请问物业费怎么算',
  '物业费怎么个算法啊',
];

const ANSWER = ['物业费：专有面积 m² × 1.20 元/m²/月 × 12 = 每年金额', '（来源：本小区收费标准）', '私聊我发送“我家物业费”，可查看按您家面积算出的金额和账单。'].join('\n');

describeEachDb('how the property fee is computed, asked every day way', (kind) => {
  const d = useFreshDatabase(kind);

  it('answers each phrasing in the group from the imported schedule', async () => {
    expect(ADDRESSED.length + OVERHEARD.length).toBeGreaterThanOrEqual(11);
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '幸福里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error('community');
    await importFees(d.db, w.clock, c.id, FEES_CSV);
    await importFaq(d.db, w.clock, c.id, FAQ_CSV);
    const g = { group: '-100' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);

    const answers: Record<string, string[]> = {};
    for (const text of [...ADDRESSED, ...OVERHEARD]) {
      const mark = w.transport.sent.length;
      await w.say(g, { id: 'resident' }, text, { mentioned: text.startsWith('@') });
      answers[text] = w.transport.sent.slice(mark).map((s) => s.text);
    }
    expect(answers).toEqual(Object.fromEntries([...ADDRESSED, ...OVERHEARD].map((q) => [q, [ANSWER]])));
    const pending = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from faq_pending`);
    expect(pending[0]!.n).toBe(0);
  });
});
