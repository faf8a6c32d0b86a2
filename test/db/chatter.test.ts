/**
 * Group chatter that starts with a command word or `#N` gets no answer, through the real chat core and
 * features (SPEC §5: a Chinese command word counts only when what follows makes sense for it; `#N`
 * followed by words that are not an option is not a vote), while the commands and votes typed the same
 * way still work.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { importFaq } from '../../src/app/faq.js';
import { importFees } from '../../src/app/fees.js';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { FAQ_CSV, FEES_CSV } from '../helpers/fee-seed.js';

const ROSTER = 'unit,area_m2,owner_name,owner_id\n3-2-501,100.00,张三,\n3-2-502,80.50,李四,\n3-2-503,60,王五,\n';

/** Said in a group while polls #1–#3 (#2: A. 方案甲, B. 方案乙) and topics #1–#3 exist: each is talk, and gets no answer. */
export const CHATTER = [
  '投票了吗',
  '投票 我没投',
  '公约 是啥',
  '#1 楼的水管漏了',
  '#2 号楼停电',
  '交办 给物业了没',
  '结果 出来了没',
  '会议 几点开始啊',
  '议题 太多了吧',
  '附议 是什么意思',
  '#3 栋的电梯又坏了',
  '投票 还有几天',
  '投票 截止了没',
  '投票 我不投了',
  '投票 有用吗',
  '投票结束了吗',
  '要投票吗',
  '公约 有什么用',
  '公约 谁定的',
  '公约 又改了',
  '公约 太长了吧',
  '交办 物业了吗',
  '交办 是谁',
  '#1 楼电梯停了',
  '#2 楼的灯不亮',
  '#5 单元门禁坏了',
  '#1 的问题解决了吗',
  '#2 号的通知看到了',
  '#3 看看大家的意见',
  '#1 这个方案不错',
  '#2 方案丙',
  '进展 怎么样了',
  '办结 了吗',
  '决议 是什么',
  '表决 是啥',
  '参加 的人多吗',
  '结束表决 是啥时候',
  '任命 谁了',
];

describeEachDb('chatter after a command word or #N in a group', (kind) => {
  const d = useFreshDatabase(kind);

  /** A linked group with a chair, three bound households r0..r2, the fee schedule and FAQ. */
  async function community() {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '幸福里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, ROSTER);
    await importFees(d.db, w.clock, c.id, FEES_CSV);
    await importFaq(d.db, w.clock, c.id, FAQ_CSV);
    const g = { group: '-100' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    for (const [i, u] of (await listCodes(d.db, w.clock, c.id)).entries()) await w.say('private', { id: `r${i}` }, `绑定 ${u.unit} ${u.code}`);
    return { w, g };
  }
  const count = async (table: string) => (await rows<{ n: number }>(d.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

  it('answers none of the chatter and changes nothing', async () => {
    expect(CHATTER.length).toBeGreaterThanOrEqual(29);
    const { w, g } = await community();
    await w.say(g, { id: 'chair' }, '表决 装门禁');
    await w.say(g, { id: 'chair' }, '表决 绿化方案\nA. 方案甲\nB. 方案乙');
    await w.say(g, { id: 'chair' }, '表决 修路灯');
    for (const title of ['东门加装路灯', '清理楼道堆物', '增设快递柜']) await w.say(g, { id: 'r1' }, `提议 ${title}`);
    const before = { ballots: await count('ballots'), topics: await count('topics'), pending: await count('faq_pending'), polls: await count('polls') };
    expect(before).toEqual({ ballots: 0, topics: 3, pending: 0, polls: 3 });

    const answered: string[] = [];
    for (const text of CHATTER) {
      const mark = w.transport.sent.length;
      const effects = await w.say(g, { id: 'r0' }, text);
      const said = w.transport.sent.slice(mark);
      if (said.length || effects.length) answered.push(`${text} → ${said.map((s) => s.text).join(' / ') || effects.map((e) => e.kind).join(',')}`);
    }
    expect(answered).toEqual([]);
    expect({ ballots: await count('ballots'), topics: await count('topics'), pending: await count('faq_pending'), polls: await count('polls') }).toEqual(before);
  });

  it('still reads the commands and votes typed the same way', async () => {
    const { w, g } = await community();
    await w.say(g, { id: 'chair' }, '表决 装门禁');
    await w.say(g, { id: 'chair' }, '表决 绿化方案\nA. 方案甲\nB. 方案乙');
    const latest = () =>
      // The latest ballot of each household, told apart by its area (3-2-501: 100.00 m², 502: 80.50, 503: 60).
      rows<{ poll_no: number; area_centi: number; option_no: number }>(
        d.db,
        sql`select p.poll_no, v.area_centi, v.option_no from poll_votes v join polls p using (poll_id) order by p.poll_no, v.area_centi desc`,
      );
    const receipt = (who: string) => w.transport.sent.filter((s) => s.chatId === who).at(-1)!.text;

    await w.say(g, { id: 'r0' }, '投票1同意');
    expect(receipt('r0')).toContain('已记录：表决 #1，您家投的是“同意”。');
    await w.say(g, { id: 'r1' }, '#1同意');
    expect(receipt('r1')).toContain('已记录：表决 #1，您家投的是“同意”。');
    await w.say(g, { id: 'r2' }, '#1 2');
    expect(receipt('r2')).toContain('已记录：表决 #1，您家投的是“反对”。');
    // `#N` and an option's own words is a vote
    await w.say(g, { id: 'r0' }, '#2 方案乙');
    expect(receipt('r0')).toContain('已记录：表决 #2，您家投的是“方案乙”。');
    expect(await latest()).toEqual([
      { poll_no: 1, area_centi: 10_000, option_no: 1 },
      { poll_no: 1, area_centi: 8_050, option_no: 1 },
      { poll_no: 1, area_centi: 6_000, option_no: 2 },
      { poll_no: 2, area_centi: 10_000, option_no: 2 },
    ]);

    // with one poll open, the number may be left out
    await w.say(g, { id: 'chair' }, '结束表决 2');
    await w.say(g, { id: 'r2' }, '投票 同意');
    expect(receipt('r2')).toContain('已改票：表决 #1，您家现在投的是“同意”。');

    let mark = w.transport.sent.length;
    await w.say(g, { id: 'r0' }, '公约 停车');
    expect(w.transport.sent.slice(mark).map((s) => s.text)).toEqual([
      '本小区还没有经表决生效的公约。委员可发起公约表决：第一行“表决 公约名称”，加一行“公约”，再每行一条条文（第一条 …）。',
    ]);

    for (const title of ['东门加装路灯', '清理楼道堆物', '增设快递柜']) await w.say(g, { id: 'r1' }, `提议 ${title}`);
    await w.say(g, { id: 'chair' }, '上会 3');
    await w.say(g, { id: 'chair' }, '决议 3 同意在东门增设快递柜');
    mark = w.transport.sent.length;
    await w.say(g, { id: 'chair' }, '交办 3 物业 截止 下周五');
    const assigned = w.transport.sent.slice(mark).map((s) => s.text);
    expect(assigned).toHaveLength(1);
    // Tue 2026-12-01: next week's Friday is the 11th.
    expect(assigned[0]).toContain('交办：物业，限 2026-12-11');
  });
});
