/**
 * End to end on WeChat (the real service and Wechaty over the mock puppet): votes and commands as
 * residents type them, a 引用 (quote) of the poll card counting as a reply to it.
 */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.js';
import { listCodes } from '../../src/app/roster.js';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
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
  expect(linked.text).toBe(zhCN.setup.ok('幸福里', true));
  for (const [who, unit] of [[wang, '1-1-101'], [bob, '1-1-102']] as const) {
    expect((await x.ask('private', who, `绑定 ${unit} ${x.community.ownerCode.get(unit)}`)).text).toBe(zhCN.bind.ok(unit, '业主', '幸福里'));
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
    expect((await x.nextPrivate(wang, quoted)).text).toContain(zhCN.vote.ok(1, '同意', false));
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
    expect(told.text).toContain(zhCN.bind.leaked);
    const now = new Map((await listCodes(x.db.db, systemClock, x.community.id)).map((u) => [u.unit, u.code]));
    expect(now.get('1-1-103')).not.toBe(old);

    const byMention = await new Promise<string>((resolve, reject) => {
      const from = x.world.said.length;
      x.world.sayInRoom(chair, room, '任命 @王阿姨 委员', { mentions: [wang] });
      x.world.waitForSaid((s) => s.roomId === x.world.current(room).id, 15_000, from).then((s) => resolve(s.text), reject);
    });
    expect(byMention).toContain(zhCN.role.ok('王阿姨', zhCN.roleName('committee')));
    const typed = await x.ask(room, chair, '任命 @Bob Li 委员');
    expect(typed.text).toContain(zhCN.role.ok('Bob Li', zhCN.roleName('committee')));
  });
});
