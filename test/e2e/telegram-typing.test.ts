/**
 * End to end on Telegram (the real service and grammY against the stand-in Bot API): votes and
 * commands as residents type them.
 */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.js';
import { listCodes } from '../../src/app/roster.js';
import { PG_ENABLED } from '../helpers/db.js';
import type { FakeChat } from '../helpers/fake-bot-api.js';
import { ALICE, BOB, CAROL, DAVE, GROUP, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});
const KIND = PG_ENABLED ? 'postgres' : 'pglite';
const OTHER_GROUP: FakeChat = { id: -1009999999999, type: 'supergroup', title: '隔壁小区闲聊群' };

describe('Telegram: residents as they type', () => {
  it('counts a reply 同意 to the card, answers no chatter, and stores a spoken deadline as its instant', { timeout: 120_000 }, async () => {
    const w = (world = await startTelegramWorld(KIND));
    await w.ask(GROUP, ALICE, `/setup ${w.community.setupCode}`);
    await w.bind([ALICE, BOB, CAROL]);
    const asked = DateTime.now().setZone('Asia/Shanghai');
    const card = await w.ask(GROUP, ALICE, '表决 更换门禁\n截止: 明天晚上7点');
    expect(card.text).toContain('【表决 #1】更换门禁');

    const before = w.fake.sent(BOB.id).length;
    w.fake.sendText({ chat: GROUP, from: BOB, text: '同意', replyTo: card.messageId });
    const ack = await w.nth(BOB.id, before);
    expect(ack.text).toContain('已记录：表决 #1，您家投的是“同意”。');
    const votes = await w.query<{ option_no: number }>(sql`select option_no from poll_votes`);
    expect(votes).toEqual([{ option_no: 1 }]);

    const quiet = w.fake.sent(GROUP.id).length;
    for (const text of ['会议 几点开始啊', '结果 出来了没', '议题 太多了吧', '大家好', '我投诉过了']) w.fake.sendText({ chat: GROUP, from: CAROL, text });
    const next = await w.ask(GROUP, CAROL, '表决列表');
    expect(w.fake.sent(GROUP.id).findIndex((m) => m.messageId === next.messageId)).toBe(quiet);
    expect(next.text).toContain('#1 更换门禁');

    const stored = await w.query<{ closes_at: Date }>(sql`select closes_at from polls where poll_no = 1`);
    const expected = asked.plus({ days: 1 }).set({ hour: 19, minute: 0, second: 0, millisecond: 0 });
    expect(new Date(stored[0]!.closes_at).toISOString()).toBe(expected.toUTC().toISO());
  });

  it('rotates a code posted in plain text in an unlinked group, and names a committee member by @username', { timeout: 120_000 }, async () => {
    const w = (world = await startTelegramWorld(KIND));
    await w.ask(GROUP, ALICE, `/setup ${w.community.setupCode}`);
    await w.bind([ALICE, BOB, CAROL]);
    const old = w.codes.get('3-2-504')!;
    const told = await w.ask(OTHER_GROUP, DAVE, `我家的绑定码是 ${old}，谁帮我弄一下`);
    expect(told.text).toBe('这条消息里有绑定码。绑定码是私密的，不要发在群里！这个绑定码已作废，请向社区工作人员领取新的绑定码，然后私聊我绑定。');
    const now = new Map((await listCodes(w.db, systemClock, w.community.id)).map((u) => [u.unit, u.code]));
    expect(now.get('3-2-504')).not.toBe(old);

    const text = '任命 @carol 委员';
    const at = w.fake.sent(GROUP.id).length;
    w.fake.sendText({ chat: GROUP, from: ALICE, text, entities: [{ type: 'mention', offset: 3, length: 6 }] });
    const done = await w.nth(GROUP.id, at);
    expect(done.text).toBe('已将 Carol 设为委员。');
    const role = await w.query<{ role: string }>(sql`select role from members where user_id = ${String(CAROL.id)}`);
    expect(role).toEqual([{ role: 'committee' }]);
  });
});
