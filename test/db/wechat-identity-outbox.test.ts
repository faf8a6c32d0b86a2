/**
 * WeChat's identity recovery says what it says through the outbox: the question to confirm and the
 * confirmation are rows when the handler returns (nothing is sent by it), and a confirmation is
 * committed with the re-linking of the member.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { expect, it } from 'vitest';
import { bindIdentity } from '../../src/app/binding.js';
import { createManualClock } from '../../src/app/clock.js';
import { setupGroup } from '../../src/app/communities.js';
import { queueEffects } from '../../src/app/outbox.js';
import { createServices } from '../../src/app/services.js';
import { createWechatIdentity, type DirectoryContact, type WechatDirectory } from '../../src/adapters/wechat/identity.js';
import type { ChatMessage } from '../../src/chat/model.js';
import { rows } from '../../src/db/client.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { seedCommunity } from '../helpers/fixtures.js';

const ROOM = '幸福里业主群';

describeEachDb("WeChat's identity recovery through the outbox", (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  /** A room and 赵六 bound in it before a re-login; after it, every id is new. */
  async function world() {
    const s = await seedCommunity(d.db, clock, [{ unit: '1-1-103', area: '80.00', owner: '赵六' }], '幸福里');
    expect((await setupGroup(d.db, clock, { platform: 'wechat', chatId: 'room@old', title: ROOM, code: s.setupCode, sender: { id: 'chair@old', name: '李主任' } })).ok).toBe(true);
    expect((await bindIdentity(d.db, clock, { platform: 'wechat', userId: 'zhao@old', displayName: '赵六', unit: '1-1-103', code: s.ownerCode.get('1-1-103')! })).ok).toBe(true);

    // After a re-login every id is new: the room is found again by its topic; 赵六 (not a friend) is not known.
    const zhao: DirectoryContact = { id: 'zhao@new', name: '赵六', alias: '', friend: false };
    const dir: WechatDirectory = {
      selfId: () => 'bot@new',
      rooms: async () => [{ id: 'room@new', topic: ROOM }],
      roomTopic: async (id) => (id === 'room@new' ? ROOM : null),
      roomMembers: async () => [],
      contacts: async () => [],
      contact: async (id) => (id === zhao.id ? zhao : null),
      setAlias: async () => false,
    };
    let woken = 0;
    const identity = createWechatIdentity({
      store: createServices(d.db, clock).identities,
      clock,
      log: pino({ level: 'silent' }),
      dir,
      queue: (effects, origin) => queueEffects(d.db, effects, origin, clock.now()).then(() => void woken++),
      wake: () => void woken++,
    });
    identity.loggedIn();
    await identity.sweep();

    const inRoom = (n: number, text: string): ChatMessage => ({
      platform: 'wechat',
      updateKey: `wechat:m${n}`,
      chatId: 'room@new',
      chatKind: 'group',
      chatTitle: ROOM,
      sender: { userId: zhao.id, name: zhao.name },
      text,
      mentioned: false,
      mentions: [],
    });
    const outbox = () =>
      rows<{ chat_id: string; kind: string; status: string; payload: { msg: { text: string; mention?: { userId: string; name: string } } } }>(
        d.db,
        sql`select chat_id, kind, status, payload from outbox order by outbox_id`,
      );

    const zhaoOf = async () => rows<{ user_id: string }>(d.db, sql`select user_id from members where user_id like 'zhao@%'`);
    return { identity, zhao, inRoom, outbox, zhaoOf, woken: () => woken };
  }

  it('queues the question and the confirmation (with the re-linking) before any dispatch', async () => {
    const { identity, zhao, inRoom, outbox, zhaoOf, woken } = await world();
    // A vote from 赵六 is held; the question is in the outbox, asked in the room with an @.
    expect(await identity.admit(inRoom(1, '投票 1 弃权'), zhao)).toEqual({ pass: false, held: true });
    const asked = await outbox();
    expect(asked).toEqual([
      {
        chat_id: 'room@new',
        kind: 'send',
        status: 'pending',
        payload: expect.objectContaining({ msg: { text: expect.stringContaining('您是“幸福里”1-1-103的住户吗？'), mention: { userId: zhao.id, name: '赵六' } } }),
      },
    ]);

    // "确认": the member is re-linked and "confirmed" is in the outbox when the handler returns; nothing was sent.
    const verdict = await identity.admit(inRoom(2, '确认'), zhao);
    expect(verdict).toMatchObject({ pass: false, replay: { updateKey: 'wechat:m1' } });
    const now = await outbox();
    expect(now.slice(asked.length)).toEqual([{ chat_id: 'room@new', kind: 'send', status: 'pending', payload: expect.objectContaining({ msg: { text: '已确认，您的绑定已恢复：1-1-103。' } }) }]);
    expect(await zhaoOf()).toEqual([{ user_id: 'zhao@new' }]);
    expect(woken()).toBe(2);
  });

  it('leaves the member where it was when the confirmation cannot be written', async () => {
    const { identity, zhao, inRoom, outbox, zhaoOf } = await world();
    expect(await identity.admit(inRoom(1, '投票 1 弃权'), zhao)).toEqual({ pass: false, held: true });
    await d.db.execute(sql.raw(`create function outbox_refuses() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`));
    await d.db.execute(sql.raw('create trigger outbox_refuses before insert on outbox for each row execute function outbox_refuses()'));
    const before = await outbox();
    await expect(identity.admit(inRoom(2, '确认'), zhao)).rejects.toThrow();
    expect(await zhaoOf()).toEqual([{ user_id: 'zhao@old' }]);
    expect(await outbox()).toEqual(before);
  });
});
