import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { faqOf, importFaq, pendingQuestions } from '../../src/app/faq.js';
import { billsOf, feeSchedule, importBills, importFees } from '../../src/app/fees.js';
import { importIncome, incomeOf, setSplitRule } from '../../src/app/income.js';
import { setRole } from '../../src/app/members.js';
import { RULE_235 } from '../../src/domain/fees.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { FAQ_CSV, FEES_CSV, INCOME_CSV } from '../helpers/fee-seed.js';
import { seedCommunity } from '../helpers/fixtures.js';

const ROSTER = [
  { unit: '3-2-501', area: '89.50', owner: '张三' },
  { unit: '3-2-502', area: '120.00', owner: '李四' },
  { unit: '3-2-503', area: '60.25', owner: '王五' },
];

describeEachDb('fees, bills, FAQ and shared income', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  it('imports the schedule in fen and refuses a file with bad rows, listing each and importing nothing', async () => {
    const c = await seedCommunity(d.db, clock, ROSTER);
    expect(await importFees(d.db, clock, c.id, FEES_CSV)).toEqual({ ok: true, imported: 7 });
    expect((await feeSchedule(d.db, c.id))[0]).toEqual({ item: '物业费', basis: 'per_m2_month', rateFen: 120, note: '住宅物业服务费，按房屋专有部分面积计收' });
    const bad = await importFees(d.db, clock, c.id, 'item,basis,rate,note\n保洁费,per_m2_month,0.5,\n电费,per_kwh,0.6,\n水费,per_unit_month,1.234,\n保洁费,one_off,1,\n');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(bad.errors[0]!.reason).toContain('basis');
    expect(bad.errors[1]!.reason).toContain('two decimals');
    expect(bad.errors[2]!.reason).toContain('duplicate of row 2');
    expect(await feeSchedule(d.db, c.id)).toHaveLength(7);
  });

  it('imports bills against the roster with paid as an amount or yes/no, and lists unknown units', async () => {
    const c = await seedCommunity(d.db, clock, ROSTER);
    const bad = await importBills(d.db, clock, c.id, 'unit,item,period,amount,paid\n3-2-501,物业费,2026下半年,644.40,是\n9-9-999,物业费,2026下半年,100,\n3-2-502,物业费,2026下半年,864.00,900\n');
    expect(bad.ok ? [] : bad.errors.map((e) => e.row)).toEqual([3, 4]);
    const ok = await importBills(d.db, clock, c.id, 'unit,item,period,amount,paid\n3-2-501,物业费,2026下半年,644.40,是\n3-2-502,物业费,2026下半年,864.00,400.5\n3-2-503,物业费,2026下半年,433.80,\n');
    expect(ok).toEqual({ ok: true, imported: 3 });
    const units = await d.db.query.units.findMany();
    const u502 = units.find((u) => u.label === '3-2-502')!;
    expect(await billsOf(d.db, c.id, u502.unitId)).toEqual([{ item: '物业费', period: '2026下半年', amountFen: 86400, paidFen: 40050 }]);
  });

  it('splits a half-year’s net shared income by the 235 rule, in fen adding up to the net', async () => {
    const c = await seedCommunity(d.db, clock, ROSTER);
    expect(await importIncome(d.db, clock, c.id, INCOME_CSV)).toEqual({ ok: true, imported: 4 });
    expect((await incomeOf(d.db, c.id, '2026年上半年'))!.split.shares).toBeNull();
    await setSplitRule(d.db, clock, c.id, RULE_235, 'test');
    const p = (await incomeOf(d.db, c.id))!;
    expect(p.period).toBe('2026上半年');
    expect(p.split).toEqual({ incomeFen: 11_640_000, costsFen: 1_800_000, netFen: 9_840_000, shares: { management: 1_968_000, dividend: 2_952_000, facilities: 4_920_000 } });
  });

  it('answers fee questions in the group without amounts of a household, and the household’s amounts privately', async () => {
    const w = createChatWorld(d.db);
    const c = await seedCommunity(d.db, w.clock, ROSTER);
    await importFees(d.db, w.clock, c.id, FEES_CSV);
    await importFaq(d.db, w.clock, c.id, FAQ_CSV);
    await importIncome(d.db, w.clock, c.id, INCOME_CSV);
    await importBills(d.db, w.clock, c.id, 'unit,item,period,amount,paid\n3-2-501,物业费,2026下半年,644.40,200\n');
    await setSplitRule(d.db, w.clock, c.id, RULE_235, 'test');
    const g = { group: '-300' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    await w.say('private', { id: 'zhang' }, `绑定 3-2-501 ${c.ownerCode.get('3-2-501')}`);
    const sent = () => w.transport.sent;
    const start = sent().length;

    await w.say(g, { id: 'zhang' }, '今天谁家在装修？电钻声好大');
    await w.say(g, { id: 'zhang' }, '停车费又涨了，真坑');
    await w.say(g, { id: 'zhang' }, '这件衣服的价格还可以吗？');
    expect(sent().length).toBe(start);

    await w.say(g, { id: 'zhang' }, '请问物业费多少钱一平米？');
    const generic = sent().at(-1)!;
    expect(generic.chatId).toBe('-300');
    expect(generic.text).toContain('物业费：专有面积 m² × 1.20 元/m²/月 × 12 = 每年金额');
    expect(generic.text).toContain('来源：本小区收费标准');

    await w.say(g, { id: 'zhang' }, '我家物业费一年要交多少钱？');
    const [dm, notice] = sent().slice(-2);
    expect(dm).toMatchObject({ chatId: 'zhang', private: true });
    expect(dm!.text).toContain('物业费：89.50 m² × 1.20 元/m²/月 × 12 = 1,288.80 元/年（每月 107.40 元）');
    expect(notice).toMatchObject({ chatId: '-300', text: '我已私信回复您，请查看与我的私聊。' });

    await w.say(g, { id: 'zhang' }, '我家物业费');
    const mine = sent().at(-2)!;
    expect(mine.private).toBe(true);
    expect(mine.text).toContain('2026下半年 物业费：应缴 644.40 元，已缴 200.00 元，未缴 444.40 元');
    // 29,520.00 × 89.50 / 269.75 = 9,794.402…: rounded down, and the two fen left go to the larger remainders of 3-2-502 and 3-2-503.
    expect(mine.text).toContain('分红部分 29,520.00 元 × 您家 89.50 m² / 全体 269.75 m² = 9,794.40 元');

    await w.say(g, { id: 'lee' }, '公共收益是怎么分的？');
    expect(sent().at(-1)!.text).toContain('“235”规则');
    await w.say(g, { id: 'lee' }, '公共收益 2026上半年');
    const income = sent().at(-1)!.text;
    expect(income).toContain('业主分红：98,400.00 元 × 30% = 29,520.00 元');
    expect(income).toContain('您家分到多少，请私聊我');

    await w.say(g, { id: 'zhang' }, '我家能分到多少分红？');
    const share = sent().at(-2)!;
    expect(share.private).toBe(true);
    expect(share.text).toContain('= 9,794.40 元');
    expect(share.text).not.toContain('应缴');

    await w.say('private', { id: 'lee', lang: 'en' }, `/bind 3-2-502 ${c.ownerCode.get('3-2-502')}`);
    await w.say('private', { id: 'lee', lang: 'en' }, 'How much is the property fee per square meter?');
    expect(sent().at(-1)!.text).toContain('物业费: 120.00 m² × 1.20 yuan/m²/month × 12 = 1,728.00 yuan/year (144.00 yuan a month)');

    for (const m of sent().filter((x) => !x.private)) for (const amount of ['1,288.80', '107.40', '644.40', '444.40', '9,794.40']) expect(m.text).not.toContain(amount);
  });

  it('keeps a question it cannot answer for the committee and tells the askers privately once answered', async () => {
    const w = createChatWorld(d.db);
    const c = await seedCommunity(d.db, w.clock, ROSTER);
    await importFees(d.db, w.clock, c.id, FEES_CSV);
    await importFaq(d.db, w.clock, c.id, FAQ_CSV);
    const g = { group: '-400' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    await w.say('private', { id: 'zhang' }, `绑定 3-2-501 ${c.ownerCode.get('3-2-501')}`);
    await w.say('private', { id: 'lee' }, `绑定 3-2-502 ${c.ownerCode.get('3-2-502')}`);

    await w.say(g, { id: 'zhang' }, '暖气费怎么收？');
    expect(w.transport.sent.at(-1)!.text).toContain('已经转给业委会');
    await w.say('private', { id: 'lee' }, '暖气费怎么收？');
    await w.say('private', { id: 'lee' }, '小区游泳池几点开门？');
    const pending = await pendingQuestions(d.db, c.id);
    expect(pending.map((p) => [p.pendingNo, p.question, p.askers])).toEqual([
      [1, '暖气费怎么收？', 2],
      [2, '小区游泳池几点开门？', 1],
    ]);

    await w.say(g, { id: 'zhang' }, '待答问题');
    expect(w.transport.sent.at(-1)!.text).toContain('只有委员');
    await w.say(g, { id: 'chair' }, '待答问题');
    const list = w.transport.sent.at(-2)!;
    expect(list).toMatchObject({ chatId: 'chair', private: true });
    expect(list.text).toContain('#1 暖气费怎么收？（2 人问过');

    const before = w.transport.sent.length;
    await w.say(g, { id: 'chair' }, '添加问答 暖气费怎么收 | 暖气费由热力公司按供暖面积收取，每平米每季 25 元，物业不代收。');
    const out = w.transport.sent.slice(before);
    expect(out.filter((m) => m.private).map((m) => m.chatId).sort()).toEqual(['lee', 'zhang']);
    expect(out.find((m) => m.chatId === 'zhang')!.text).toContain('您之前问的“暖气费怎么收？”，业委会已经回答');
    expect(out.at(-1)!.text).toBe('已添加问答 #13。已私信回复 2 位问过这个问题的居民。');
    expect((await pendingQuestions(d.db, c.id)).map((p) => p.pendingNo)).toEqual([2]);
    expect((await faqOf(d.db, c.id)).at(-1)!.question).toBe('暖气费怎么收');

    await w.say(g, { id: 'chair' }, '添加问答 #2 | 小区没有游泳池。');
    expect(w.transport.sent.at(-2)).toMatchObject({ chatId: 'lee', private: true });
    expect(await pendingQuestions(d.db, c.id)).toEqual([]);

    await w.say(g, { id: 'wang' }, '请问暖气费怎么收');
    expect(w.transport.sent.at(-1)!.text).toContain('来源：本小区问答 #13');
  });

  it('stays quiet on fee questions in a group when the community turned that off, and still answers a mention', async () => {
    const w = createChatWorld(d.db);
    const c = await seedCommunity(d.db, w.clock, ROSTER);
    await importFees(d.db, w.clock, c.id, FEES_CSV);
    const g = { group: '-500' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    await setRole(d.db, w.clock, { communityId: c.id, platform: 'telegram', userId: 'sun', role: 'committee', actor: 'test' });
    await w.say(g, { id: 'sun' }, '收费标准 自动回答 关');
    expect(w.transport.sent.at(-1)!.text).toContain('不再主动回答');
    const n = w.transport.sent.length;
    await w.say(g, { id: 'x' }, '电梯费怎么收？');
    expect(w.transport.sent.length).toBe(n);
    await w.say(g, { id: 'x' }, '电梯费怎么收？', { mentioned: true });
    expect(w.transport.sent.at(-1)!.text).toContain('电梯运行费：专有面积 m² × 0.35 元/m²/月 × 12 = 每年金额');
  });
});
