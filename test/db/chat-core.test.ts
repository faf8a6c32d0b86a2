import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { rows } from '../../src/db/client.js';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { Db } from '../../src/db/client.js';
import { closeDuePolls } from '../../src/scheduler/ticker.js';

describeEachDb('chat core', (kind) => {
  const d = useFreshDatabase(kind);

  it('runs setup, binding, a poll, votes and the close through the router', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '幸福里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-1-101,100.00,张三,\n1-1-102,80.50,李四,\n1-1-103,60,王五,W\n');
    const codes = await listCodes(d.db, w.clock, c.id);
    const g = { group: '-100' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    expect(w.transport.sent.at(-1)!.text).toContain('幸福里');
    for (const [i, u] of codes.entries()) {
      await w.say('private', { id: `r${i}` }, `绑定 ${u.unit} ${u.code}`);
      expect(w.transport.sent.at(-1)!.text).toContain('绑定成功');
    }
    await w.say(g, { id: 'chair' }, '表决 更换电梯\n同意\n反对\n弃权\n规则: 一般事项');
    const card = w.transport.sent.at(-1)!;
    expect(card.text).toContain('表决 #1');
    await w.say(g, { id: 'r0' }, '投票 同意');
    await w.say(g, { id: 'r1' }, '#1 反对');
    await w.say(g, { id: 'r1' }, '/vote 1 1');
    await w.say(g, { id: 'stranger' }, '投票 1');
    expect(w.transport.sent.at(-1)!.text).toContain('绑定');
    await w.say(g, { id: 'chair' }, '结果');
    expect(w.transport.sent.at(-1)!.text).toContain('参与');
    // the chair is not yet chair of a unit but holds the role
    await w.say(g, { id: 'chair' }, '结束表决 1');
    // The result's text, then its picture (drawn when it is sent), each a message of its own.
    const [ann, picture] = w.transport.sent.slice(-2);
    expect(ann!.text).toContain('结果：');
    expect(ann!.image).toBeUndefined();
    expect(picture!.text).toBe('');
    expect(picture!.image?.subarray(1, 4).toString()).toBe('PNG');
    const r = await rows<{ outcome: string; voted_heads: number }>(d.db, sql`select outcome, voted_heads from report_polls`);
    expect(r[0]).toEqual({ outcome: 'passed', voted_heads: 2 });
  });

  it('stays quiet on chatter, suggests the nearest command, and refuses oversized input and floods', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '和平里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error('community');
    const g = { group: '-200' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    const before = w.transport.sent.length;
    await w.say(g, { id: 'x' }, '我的天哪，今天好冷');
    await w.say(g, { id: 'x' }, '结果怎么样了');
    expect(w.transport.sent.length).toBe(before);
    await w.say(g, { id: 'x' }, '/resluts');
    expect(w.transport.sent.at(-1)!.text).toContain('结果');
    await w.say('private', { id: 'x', lang: 'en' }, '/vot 1');
    expect(w.transport.sent.at(-1)!.text).toContain('/vote');
    await w.say(g, { id: 'x' }, '收费标准');
    expect(w.transport.sent.at(-1)!.text).toContain('本小区还没有导入收费标准');
    await w.say(g, { id: 'x' }, `/poll ${'长'.repeat(5000)}`);
    expect(w.transport.sent.at(-1)!.text).toContain('太长');
    await w.say(g, { id: 'x' }, '\u0000\u0001/help\uFFFF');
    const sentBefore = w.transport.sent.length;
    for (let i = 0; i < 5; i++) await w.say(g, { id: 'x' }, '/polls');
    expect(w.transport.sent.length).toBe(sentBefore + 5);
  });

  it('limits commands per identity, explaining once', async () => {
    const w = createChatWorld(d.db, { rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 6; i++) await w.say('private', { id: 'spam' }, '/help');
    const texts = w.transport.sent.map((m) => m.text);
    expect(texts.filter((t) => t.includes('有点快')).length).toBe(1);
    expect(texts.length).toBe(4);
    w.clock.advance(61_000);
    await w.say('private', { id: 'spam' }, '/help');
    expect(w.transport.sent.length).toBe(5);
  });

  it('limits button presses per identity like commands', async () => {
    const w = createChatWorld(d.db, { rateLimit: { max: 3, windowMs: 60_000 } });
    const c = await createCommunity(d.db, w.clock, { name: '按钮里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-1-101,100.00,张三,\n');
    const g = { group: '-300' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    await w.say(g, { id: 'chair' }, '表决 装门禁\n规则: 居民会议');
    const pollId = Number(/^v:(\d+):/.exec(w.transport.sent.at(-1)!.buttons![0]![0]!.data!)![1]);
    const toasts: string[] = [];
    let handled = 0;
    for (let i = 0; i < 6; i++) {
      const effects = await w.say(g, { id: 'presser' }, '', { button: { data: `v:${pollId}:1`, messageId: '1' } });
      if (effects.length) handled++;
      for (const e of effects) if (e.kind === 'toast') toasts.push(e.text);
    }
    expect(toasts.filter((t) => t.includes('有点快')).length).toBe(1);
    expect(handled).toBe(4);
  });

  it('announces a result at the deadline even when updating the poll card fails', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '截止里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-1-101,100.00,张三,\n');
    const g = { group: '-400' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    await w.say(g, { id: 'chair' }, '表决 装门禁\n规则: 居民会议\n截止: 1d');
    w.clock.advance(2 * 86_400_000);
    // Editing the poll card fails on the platform.
    w.transport.edit = async () => {
      throw new Error('edit failed');
    };
    const log = pino({ level: 'silent' });
    const before = w.transport.sent.length;
    await closeDuePolls({ services: w.messaging.services, clock: w.clock, core: w.core, log });
    await w.drain();
    expect(w.transport.sent.slice(before).some((m) => m.text.includes('结果：'))).toBe(true);
  });

  it('closes a poll at its deadline only together with its announcement: a failure writing the result leaves it open, and the next round closes and announces it once', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '一并里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-1-101,100.00,张三,\n');
    const g = { group: '-401' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    await w.say(g, { id: 'chair' }, '表决 装门禁\n规则: 居民会议\n截止: 1d');
    await w.drain();
    w.clock.advance(2 * 86_400_000);
    // The result's outbox row cannot be written once.
    await d.db.execute(sql.raw(`create sequence fail_once`));
    await d.db.execute(
      sql.raw(`create function fail_once() returns trigger language plpgsql as $$
        begin
          if new.payload::text like '%结果%' and nextval('fail_once') = 1 then raise exception 'injected failure'; end if;
          return new;
        end $$`),
    );
    await d.db.execute(sql.raw(`create trigger fail_once before insert on outbox for each row execute function fail_once()`));
    const log = pino({ level: 'silent' });
    const tick = () => closeDuePolls({ services: w.messaging.services, clock: w.clock, core: w.core, log });
    await expect(tick()).rejects.toThrow();
    const status = async () => (await rows<{ status: string }>(d.db, sql`select status from polls where community_id = ${c.id}`)).map((p) => p.status);
    expect(await status()).toEqual(['open']);
    expect(await rows(d.db, sql`select 1 from audit_log where community_id = ${c.id} and action = 'poll.closed'`)).toEqual([]);

    const before = w.transport.sent.length;
    expect(await tick()).toBe(1);
    expect(await status()).toEqual(['closed']);
    expect(await tick()).toBe(0);
    await w.drain();
    expect(w.transport.sent.slice(before).filter((m) => m.text.startsWith('【表决 #1】装门禁 — '))).toHaveLength(1);
  });

  it('lets only the committee link further groups with a setup code that may have leaked', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '安居苑', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error('community');
    await w.say({ group: '-301' }, { id: 'chair' }, `开通 ${c.setupCode}`);
    await w.say({ group: '-302' }, { id: 'outsider' }, `开通 ${c.setupCode}`);
    expect(w.transport.sent.at(-1)!.text).toContain('委员或主任');
    await w.say({ group: '-302' }, { id: 'outsider' }, '表决列表');
    expect(w.transport.sent.at(-1)!.text).toContain('还没有开通');
    await w.say({ group: '-302' }, { id: 'chair' }, `开通 ${c.setupCode}`);
    expect(w.transport.sent.at(-1)!.text).toContain('本群已开通为“安居苑”');
  });
});
