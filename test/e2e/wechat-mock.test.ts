import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from 'wechaty';

import { createWechatMockWorld } from '../helpers/wechat-mock.js';
import type { WechatMockWorld, WechatyInterface } from '../helpers/wechat-mock.js';

/** A tiny stand-in for the product adapter: just enough behaviour to exercise the harness. */
function attachTinyHandler(bot: WechatyInterface): { selfSeen: string[]; errors: Error[] } {
  const selfSeen: string[] = [];
  const errors: Error[] = [];
  bot.on('error', (e) => { errors.push(e); });
  bot.on('message', async (msg: Message) => {
    if (msg.self()) {
      selfSeen.push(msg.text());
      return;
    }
    const room = msg.room();
    if (!room) {
      await msg.talker().say(`收到: ${msg.text()}`);
      return;
    }
    if (msg.text() === 'ping') {
      await room.say('pong');
      return;
    }
    if (await msg.mentionSelf()) {
      await room.say(`you said: ${await msg.mentionText()}`, msg.talker());
    }
  });
  return { selfSeen, errors };
}

let world: WechatMockWorld | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function setup() {
  world = await createWechatMockWorld({ botName: '议事助手' });
  const handler = attachTinyHandler(world.bot);
  const alice = world.contact('王阿姨');
  const bob = world.contact('Bob Li');
  const room = world.room('3号楼业主群', [alice, bob]);
  return { w: world, alice, bob, room, ...handler };
}

describe('wechat mock world (real Wechaty over PuppetMock)', () => {
  it('logs the bot in', async () => {
    const { w } = await setup();
    expect(w.bot.isLoggedIn).toBe(true);
    expect(w.bot.currentUser.id).toBe(w.botUser.id);
    expect(w.bot.currentUser.name()).toBe('议事助手');
  });

  it('replies pong to ping in the room', async () => {
    const { w, alice, room } = await setup();
    w.sayInRoom(alice, room, 'ping');
    const said = await w.waitForSaid((s) => s.text === 'pong');
    expect(said).toMatchObject({ roomId: room.id, roomTopic: '3号楼业主群', mentionIdList: [] });
    expect(said.toContactId).toBeUndefined();
  });

  it('ignores its own messages (they do come back as message.self())', async () => {
    const { w, selfSeen } = await setup();
    const room = await w.bot.Room.find({ topic: '3号楼业主群' });
    expect(room).toBeDefined();
    await room!.say('ping');
    await w.settle();
    expect(w.said.map((s) => s.text)).toEqual(['ping']);
    expect(selfSeen).toEqual(['ping']);
  });

  it('detects a mention of the bot and strips it with mentionText()', async () => {
    const { w, alice, bob, room, errors } = await setup();
    w.sayInRoom(bob, room, 'hello everyone'); // no mention: no reply
    w.sayInRoom(alice, room, '报修 电梯坏了', { mentions: [bob] }); // mentions someone else: no reply
    w.sayInRoom(alice, room, '报修 电梯坏了', { mentionBot: true });
    const said = await w.waitForSaid((s) => s.text.includes('you said'));
    // room.say(text, contact) prefixes "@name " and passes the mention ids to the puppet
    expect(said.text).toBe('@王阿姨 you said: 报修 电梯坏了');
    expect(said.mentionIdList).toEqual([alice.id]);
    await w.settle();
    expect(w.said).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('sees the mention the way wechaty does (text carries @name, payload carries the id)', async () => {
    const { w, alice, room } = await setup();
    const seen = new Promise<{ text: string; self: boolean; stripped: string; names: string[] }>((resolve) => {
      w.bot.on('message', async (msg) => {
        if (msg.self()) return;
        resolve({
          text: msg.text(),
          self: await msg.mentionSelf(),
          stripped: await msg.mentionText(),
          names: (await msg.mentionList()).map((c) => c.name()),
        });
      });
    });
    w.sayInRoom(alice, room, '@议事助手 投票', { mentionBot: true });
    expect(await seen).toEqual({ text: '@议事助手 投票', self: true, stripped: '投票', names: ['议事助手'] });
  });

  it('replies privately to a private message', async () => {
    const { w, bob } = await setup();
    w.sayPrivately(bob, '你好');
    const said = await w.waitForSaid((s) => s.toContactId !== undefined);
    expect(said).toMatchObject({ toContactId: bob.id, toName: 'Bob Li', text: '收到: 你好' });
    expect(said.roomId).toBeUndefined();
  });

  it('persists a remark alias set through contact.alias()', async () => {
    const { w, alice } = await setup();
    const contact = await w.bot.Contact.find({ name: '王阿姨' });
    expect(contact?.id).toBe(alice.id);
    await contact!.alias('3-201 王');
    expect(await contact!.alias()).toBe('3-201 王');
    expect((await w.bot.Contact.find({ alias: '3-201 王' }))?.id).toBe(alice.id);
    expect(w.current(alice).payload.alias).toBe('3-201 王');
  });

  it('after relogin() every id changes but the room is found again by topic', async () => {
    const { w, alice, room } = await setup();
    const events: string[] = [];
    w.bot.on('logout', () => { events.push('logout'); });
    w.bot.on('scan', () => { events.push('scan'); });
    w.bot.on('login', () => { events.push('login'); });

    const before = await w.bot.Room.find({ topic: '3号楼业主群' });
    const aliceBefore = await w.bot.Contact.find({ name: '王阿姨' });
    await aliceBefore!.alias('3-201 王');
    const botIdBefore = w.bot.currentUser.id;

    await w.relogin();

    expect(events).toEqual(['logout', 'scan', 'login']);
    expect(w.generation).toBe(1);
    expect(w.bot.isLoggedIn).toBe(true);
    expect(w.bot.currentUser.id).not.toBe(botIdBefore);

    const after = await w.bot.Room.find({ topic: '3号楼业主群' });
    expect(after).toBeDefined();
    expect(after!.id).not.toBe(before!.id);
    expect(after!.id).toBe(w.current(room).id);
    expect((await after!.memberAll()).map((c) => c.name()).sort()).toEqual(['Bob Li', '王阿姨', '议事助手'].sort());

    // the remark alias survives the re-login (it is stored server-side), the id does not
    const aliceAfter = await w.bot.Contact.find({ alias: '3-201 王' });
    expect(aliceAfter?.name()).toBe('王阿姨');
    expect(aliceAfter!.id).not.toBe(aliceBefore!.id);

    // sending to a pre-relogin id fails, like the server rejecting an unknown UserName
    await expect(before!.say('stale')).rejects.toThrow(/unknown conversation id/);

    // the old handles still work with the world: they resolve to the new ids
    w.sayInRoom(alice, room, 'ping');
    const said = await w.waitForSaid((s) => s.text === 'pong');
    expect(said.roomId).toBe(after!.id);
    expect(said.generation).toBe(1);
  });

  it('survives WeChat being down at start, then starts once it is back', async () => {
    world = await createWechatMockWorld({ failStart: new Error('WeChat is down') });
    const w = world;
    const errors: string[] = [];
    w.bot.on('error', (e) => { errors.push(e.message); });

    // with an 'error' listener wechaty swallows the puppet failure: start() resolves, nobody is logged in
    await w.bot.start();
    expect(errors).toContain('WeChat is down');
    expect(w.bot.isLoggedIn).toBe(false);
    expect(w.puppet.state.active()).toBe(false);

    // wechaty thinks it is started, so a retry needs stop() + start()
    w.setStartFailure(undefined);
    await w.bot.stop();
    await w.bot.start();
    await w.login();
    expect(w.bot.isLoggedIn).toBe(true);
  });

  it('without an error listener a failing start rejects', async () => {
    world = await createWechatMockWorld({ failStart: true });
    await expect(world.bot.start()).rejects.toThrow(/WeChat is down/);
  });
});
