/**
 * End to end on WeChat (the real service and Wechaty over the mock puppet): votes and commands as
 * residents type them, a 引用 (quote) of the poll card counting as a reply to it.
 */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.js';
import { listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { startWechatWorld, type WechatWorld } from '../helpers/wechat-world.js';

let w: WechatWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

/** How wechaty-puppet-wechat4u hands over a message quoting (引用) another one. */
const quoting = (name: string, quoted: string, reply: string) => `「${name}：${quoted}」\n- - - - - - - - - - - - - - -\n${reply}`;

async function linkedRoom(x: WechatWorld) {
  const chair = x.world.contact('李主任');
  const wang = x.world.contact('王阿姨');
  const bob = x.world.contact('Bob Li');
  const room = x.world.room('幸福里业主群', [chair, wang, bob]);
  await x.world.login();
  const linked = await x.ask(room, chair, `开通 ${x.community.setupCode}`);
  expect(linked.text).toBe('本群已开通为“幸福里”的议事群。您是本小区的第一位主任/召集人。居民请私聊我“绑定 房号 绑定码”完成绑定。');
  for (const [who, unit] of [[wang, '1-1-101'], [bob, '1-1-102']] as const) {
    expect((await x.ask('private', who, `绑定 ${unit} ${x.community.ownerCode.get(unit)}`)).text).toBe(`绑定成功：幸福里 ${unit}（业主）。发送“我的”可查看您的信息。`);
  }
  return { chair, wang, bob, room };
}

describe('WeChat: residents as they type', () => {
  it('counts a quoted reply 同意 to the card, answers no chatter, and stores a spoken deadline as its instant', { timeout: 60_000 }, async () => {
    const x = (w = await startWechatWorld());
    const { chair, wang, room } = await linkedRoom(x);
    const asked = DateTime.now().setZone('Asia/Shanghai');
    const card = await x.ask(room, chair, '表决 更换门禁\n截止: 明天晚上7点');
    expect(card.text).toContain('【表决 #1】更换门禁');

    const quoted = x.world.said.length;
    x.world.sayInRoom(wang, room, quoting(x.world.botName, card.text, '同意'));
    expect((await x.nextPrivate(wang, quoted)).text).toContain('已记录：表决 #1，您家投的是“同意”。');
    expect(await rows<{ option_no: number }>(x.db.db, sql`select option_no from poll_votes`)).toEqual([{ option_no: 1 }]);

    const quiet = x.world.said.length;
    for (const text of ['会议 几点开始啊', '结果 出来了没', '议题 太多了吧', '大家好', '我投诉过了']) x.world.sayInRoom(wang, room, text);
    const next = await x.ask(room, wang, '表决列表');
    expect(x.world.said.indexOf(next)).toBe(quiet);

    const stored = await rows<{ closes_at: Date }>(x.db.db, sql`select closes_at from polls where poll_no = 1`);
    const expected = asked.plus({ days: 1 }).set({ hour: 19, minute: 0, second: 0, millisecond: 0 });
    expect(new Date(stored[0]!.closes_at).toISOString()).toBe(expected.toUTC().toISO());
  });

  it('rotates a code posted in plain text in an unlinked room, and names a committee member by @name', { timeout: 60_000 }, async () => {
    const x = (w = await startWechatWorld());
    const { chair, wang, bob, room } = await linkedRoom(x);
    const stranger = x.world.contact('路人甲');
    const other = x.world.room('隔壁闲聊群', [stranger, chair]);
    const old = x.community.ownerCode.get('1-1-103')!;
    const told = await x.ask(other, stranger, `我家的绑定码是 ${old}，谁帮我弄一下`);
    expect(told.text).toContain('这条消息里有绑定码。绑定码是私密的，不要发在群里！这个绑定码已作废，请向社区工作人员领取新的绑定码，然后私聊我绑定。');
    const now = new Map((await listCodes(x.db.db, systemClock, x.community.id)).map((u) => [u.unit, u.code]));
    expect(now.get('1-1-103')).not.toBe(old);

    const byMention = await new Promise<string>((resolve, reject) => {
      const from = x.world.said.length;
      x.world.sayInRoom(chair, room, '任命 @王阿姨 委员', { mentions: [wang] });
      x.world.waitForSaid((s) => s.roomId === x.world.current(room).id, 15_000, from).then((s) => resolve(s.text), reject);
    });
    expect(byMention).toContain('已将 王阿姨 设为委员。');
    const typed = await x.ask(room, chair, '任命 @Bob Li 委员');
    expect(typed.text).toContain('已将 Bob Li 设为委员。');
  });
});
