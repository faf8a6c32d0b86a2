/**
 * Fee questions end to end on Telegram: the real service and grammY against the stand-in Bot API,
 * with the service's log at debug level captured. A household's amounts reach only its own members
 * in private chats; the group, another household and the log never see them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
import { DB_KINDS } from '../helpers/db.js';
import { seedFees } from '../helpers/fee-world.js';
import { captureLogs } from '../helpers/log-capture.js';
import { ALICE, BOB, CAROL, GROUP, dm, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const ROSTER = [
  { unit: '3-2-501', areaCenti: 100_00 },
  { unit: '3-2-502', areaCenti: 80_50 },
  { unit: '3-2-503', areaCenti: 60_00 },
  { unit: '3-2-504', areaCenti: 90_00 },
];

/** PostgreSQL when the suite has it, else PGlite (the database suites cover both). */
const kind = DB_KINDS.at(-1)!;

describe(`Telegram fee questions and privacy [${kind}]`, () => {
  it('answers in the group without a household’s amounts, privately with them, and closes the unanswered loop', { timeout: 120_000 }, async () => {
    const logs = captureLogs();
    const w = (world = await startTelegramWorld(kind, { logger: logs.logger }));
    await w.setupAndBind([ALICE, BOB]);
    const amounts = await seedFees(w.db, w.community.id, ROSTER, { '3-2-501': { amount: '720.00', paid: '0' }, '3-2-502': { amount: '579.60', paid: '300.00' } });
    const alice = amounts.get('3-2-501')!;
    const bob = amounts.get('3-2-502')!;
    const { fake } = w;

    // A fee question in the group, not mentioning the bot: the rule and its source, no household's figure.
    const generic = await w.ask(GROUP, BOB, '请问物业费多少钱一平米？');
    expect(generic.text).toContain('物业费：专有面积 m² × 1.20 元/m²/月 × 12 = 每年金额');
    expect(generic.text).toContain(zhCN.fees.source);
    // The commonest question, mentioning the bot (the mention stripped by the adapter) and not: the same rule.
    for (const [text, entities] of [
      ['@yishi_test_bot 物业费怎么算', [{ type: 'mention', offset: 0, length: 15 }]],
      ['物業費怎麼算的？', []],
    ] as const) {
      const mark = fake.sent(GROUP.id).length;
      fake.sendText({ chat: GROUP, from: BOB, text, entities: [...entities] });
      const computed = await w.nth(GROUP.id, mark);
      expect(computed.text).toBe('物业费：专有面积 m² × 1.20 元/m²/月 × 12 = 每年金额\n（来源：本小区收费标准）\n私聊我发送“我家物业费”，可查看按您家面积算出的金额和账单。');
    }
    // Chatter stays unanswered.
    const before = fake.sent(GROUP.id).length;
    fake.sendText({ chat: GROUP, from: BOB, text: '停车场今天好多车' });

    // BOB's own fee, asked in the group: answered privately with the computation.
    const notice = await w.ask(GROUP, BOB, '我家物业费一年要交多少？');
    expect(fake.sent(GROUP.id).length).toBe(before + 1);
    expect(notice.text).toBe(zhCN.common.repliedPrivately);
    const own = fake.sent(BOB.id).at(-1)!;
    expect(own.text).toContain('物业费：80.50 m² × 1.20 元/m²/月 × 12 = 1,159.20 元/年（每月 96.60 元）');

    // ALICE's bill and dividend with /myfee in the group: privately.
    expect((await w.ask(GROUP, ALICE, '/myfee')).text).toBe(zhCN.common.repliedPrivately);
    const mine = fake.sent(ALICE.id).at(-1)!.text;
    expect(mine).toContain('2026下半年 物业费：应缴 720.00 元，已缴 0.00 元，未缴 720.00 元');
    expect(mine).toContain(`= ${alice[2]} 元（按专有面积分配`);
    expect((await w.ask(dm(BOB), BOB, '我家还欠多少钱？')).text).toContain('未缴 279.60 元');

    // Someone not bound asks about "their" fee in the group: told how to bind, privately.
    await w.ask(GROUP, CAROL, '我家欠费多少？');
    expect(fake.sent(CAROL.id).at(-1)!.text).toBe(zhCN.myfee.notBound);

    // The half-year shared income: the split in the group, the household's own share only in private.
    const income = await w.ask(GROUP, BOB, '/income 2026上半年');
    expect(income.text).toContain('业主分红：98,400.00 元 × 30% = 29,520.00 元');
    expect(income.text).toContain(zhCN.income.groupHint);
    expect((await w.ask(dm(ALICE), ALICE, '公共收益')).text).toContain('【2026上半年 公共收益】');
    expect((await w.waitFor(() => fake.sent(ALICE.id).find((m) => m.text.startsWith('2026上半年 公共收益业主分红'))))!.text).toContain(`= ${alice[2]} 元`);

    // The loop: an unanswered question, the committee's answer, the asker told privately.
    expect((await w.ask(GROUP, BOB, '暖气费怎么收？')).text).toBe(zhCN.faq.dontKnow);
    await w.ask(GROUP, ALICE, '待答问题');
    expect(fake.sent(ALICE.id).at(-1)!.text).toContain('#1 暖气费怎么收？（1 人问过');
    const bobBefore = fake.sent(BOB.id).length;
    expect((await w.ask(GROUP, ALICE, '添加问答 暖气费怎么收 | 暖气费由热力公司收取，物业不代收。')).text).toContain('已私信回复 1 位');
    expect((await w.nth(BOB.id, bobBefore)).text).toContain('业委会已经回答：\n暖气费由热力公司收取，物业不代收。');

    await w.waitFor(() => logs.lines.length > 0);
    const groupText = fake.sent(GROUP.id).map((m) => m.text).join('\n');
    for (const a of [...alice, ...bob]) {
      expect(groupText).not.toContain(a);
      expect(logs.text()).not.toContain(a);
      expect(logs.text()).not.toContain(a.replace(/,/g, ''));
    }
    const bobText = fake.sent(BOB.id).map((m) => m.text).join('\n');
    const aliceText = fake.sent(ALICE.id).map((m) => m.text).join('\n');
    for (const a of alice) expect(bobText).not.toContain(a);
    for (const a of bob) expect(aliceText).not.toContain(a);
    // The log did record the answers (at debug level everything is written), with ids and kinds only.
    expect(logs.lines.filter((l) => l.includes('question answered')).length).toBeGreaterThanOrEqual(4);
  });
});
