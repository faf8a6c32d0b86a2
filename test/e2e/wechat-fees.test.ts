/**
 * Fee questions end to end on WeChat: the real service builds a real Wechaty around the mock puppet,
 * with the service's log at debug level captured. A household's amounts reach only its own members
 * in private chats; the room, another household and the log never see them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setRole } from '../../src/app/members.js';
import { systemClock } from '../../src/app/clock.js';
import { DB_KINDS } from '../helpers/db.js';
import { seedFees } from '../helpers/fee-world.js';
import { captureLogs } from '../helpers/log-capture.js';
import { startWechatWorld, type WechatWorld } from '../helpers/wechat-world.js';

let w: WechatWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const kind = DB_KINDS.at(-1)!;
const ROSTER = [
  { unit: '1-1-101', areaCenti: 100_00 },
  { unit: '1-1-102', areaCenti: 80_50 },
  { unit: '1-1-103', areaCenti: 60_00 },
  { unit: '2-1-201', areaCenti: 90_00 },
  { unit: '2-1-202', areaCenti: 90_00 },
];

describe(`WeChat fee questions and privacy [${kind}]`, () => {
  it('keeps a household’s amounts out of the room and away from other households, and answers the asker once the committee does', { timeout: 120_000 }, async () => {
    const logs = captureLogs();
    const x = (w = await startWechatWorld({ kind, logger: logs.logger }));
    const chair = x.world.contact('李主任');
    const wang = x.world.contact('王阿姨');
    const bob = x.world.contact('Bob Li');
    const zhao = x.world.contact('赵六', { friend: false });
    const room = x.world.room('幸福里业主群', [chair, wang, bob, zhao]);
    await x.world.login();
    for (let i = 0; i < 200 && (await x.health()).body.platforms.wechat?.state !== 'up'; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await x.ask(room, chair, `开通 ${x.community.setupCode}`)).text).toBe('本群已开通为“幸福里”的议事群。您是本小区的第一位主任/召集人。居民请私聊我“绑定 房号 绑定码”完成绑定。');
    for (const [who, unit] of [[wang, '1-1-101'], [bob, '1-1-102'], [zhao, '1-1-103']] as const) {
      expect((await x.ask('private', who, `绑定 ${unit} ${x.community.ownerCode.get(unit)}`)).text).toBe(`绑定成功：幸福里 ${unit}（业主）。发送“我的”可查看您的信息。`);
    }
    const amounts = await seedFees(x.db.db, x.community.id, ROSTER, { '1-1-101': { amount: '720.00', paid: '720.00' }, '1-1-102': { amount: '579.60', paid: '' }, '1-1-103': { amount: '432.00', paid: '' } });

    // A fee question in the room without @: the formula and its source.
    expect((await x.ask(room, bob, '电梯费怎么收？')).text).toContain('电梯运行费：专有面积 m² × 0.35 元/m²/月 × 12 = 每年金额');
    // Traditional characters, in the room: the FAQ with its number.
    expect((await x.ask(room, wang, '物業費可以用微信交嗎？')).text).toContain('（来源：本小区问答 #1）');

    // 王阿姨's own bill, asked in the room: privately, and the room is told so.
    const fromIndex = x.world.said.length;
    expect((await x.ask(room, wang, '我家物业费交清了吗？')).text).toBe('我已私信回复您，请查看与我的私聊。');
    expect((await x.nextPrivate(wang, fromIndex)).text).toContain('2026下半年 物业费：应缴 720.00 元，已缴 720.00 元，已缴清');
    // Bob's, in a private chat.
    expect((await x.ask('private', bob, '我的费用')).text).toContain('未缴 579.60 元');
    // 赵六 is no friend of the bot: the room gets how to open a private chat, never the amount.
    expect((await x.ask(room, zhao, '我家欠多少物业费？')).text).toBe('我没法私信您。请先添加我为好友（微信）或点开我的头像发送任意消息（Telegram），再试一次。');

    // The 235 split in the room; the household's dividend only privately.
    const income = await x.ask(room, bob, '公共收益');
    expect(income.text).toContain('按本小区的分配规则（日常管理 20%、全体业主分红 30%、公共设施 50%）');
    expect(income.text).toContain('公共设施建设和维修：98,400.00 元 × 50% = 49,200.00 元');

    // The loop: a question nobody wrote an answer for, answered later by the committee.
    await setRole(x.db.db, systemClock, { communityId: x.community.id, platform: 'wechat', userId: x.world.current(chair).id, role: 'chair', actor: 'test' });
    expect((await x.ask(room, bob, '小区快递柜收费吗？')).text).toBe('这个问题我现在还答不上来，已经转给业委会了。他们回答后我会私信告诉您（微信请先加我为好友）。');
    const beforeAnswer = x.world.said.length;
    expect((await x.ask(room, chair, '添加问答 #1 | 快递柜取件免费，超过 24 小时未取每天 0.5 元。')).text).toContain('已私信回复 1 位');
    expect((await x.nextPrivate(bob, beforeAnswer)).text).toContain('您之前问的“小区快递柜收费吗？”，业委会已经回答');

    const health = JSON.stringify((await x.health()).body);
    const roomText = x.world.said.filter((s) => s.roomId).map((s) => s.text).join('\n');
    const privateTo = (c: typeof wang) => x.world.said.filter((s) => s.toContactId === x.world.current(c).id).map((s) => s.text).join('\n');
    for (const [unit, own] of amounts) {
      for (const a of own) {
        expect(roomText).not.toContain(a);
        expect(health).not.toContain(a);
        expect(logs.text()).not.toContain(a);
        expect(logs.text()).not.toContain(a.replace(/,/g, ''));
      }
      if (unit !== '1-1-101') for (const a of own) expect(privateTo(wang)).not.toContain(a);
      if (unit !== '1-1-102') for (const a of own) expect(privateTo(bob)).not.toContain(a);
    }
    expect(logs.lines.filter((l) => l.includes('question answered')).length).toBeGreaterThanOrEqual(4);
  });
});
