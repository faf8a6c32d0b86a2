import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

const ROSTER = 'unit,area_m2,owner_name,owner_id\n3-2-501,100.00,张三,\n3-2-502,80.50,李四,\n3-2-503,60,王五,\n';

describeEachDb('residents as they type', (kind) => {
  const d = useFreshDatabase(kind);

  /** A linked group with a chair and three bound households r0..r2. */
  async function community(name: string) {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name, timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, ROSTER);
    const codes = await listCodes(d.db, w.clock, c.id);
    const g = { group: '-100' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`);
    for (const [i, u] of codes.entries()) await w.say('private', { id: `r${i}` }, `绑定 ${u.unit} ${u.code}`);
    return { w, g, c, codes };
  }
  const ballots = (pollNo: number) =>
    rows<{ n: number }>(d.db, sql`select count(*)::int as n from poll_votes v join polls p using (poll_id) where p.poll_no = ${pollNo}`);

  it('counts lone vote words, a reply to the card and option letters, and hints privately at what it cannot read', async () => {
    const { w, g } = await community('幸福里');
    await w.say(g, { id: 'chair' }, '表决 绿化方案\nA. 方案甲\nB. 方案乙');
    const card = w.transport.sent.at(-1)!;
    expect(card.text).toContain('【表决 #1】绿化方案');
    await w.say(g, { id: 'r0' }, 'A');
    expect((await ballots(1))[0]!.n).toBe(0); // a lone letter in the group is talk
    await w.say(g, { id: 'r0' }, 'A', { replyToBot: { text: card.text, messageId: card.messageId }, mentioned: true });
    await w.say(g, { id: 'r1' }, '投票 1 B');
    const before = w.transport.sent.length;
    await w.say(g, { id: 'r2' }, '投票 1 方案丙');
    const hint = w.transport.sent.slice(before);
    expect(hint).toHaveLength(1);
    expect(hint[0]).toMatchObject({ private: true, chatId: 'r2' });
    expect(hint[0]!.text).toContain('A. 方案甲');
    expect(hint[0]!.text.length).toBeLessThan(120);
    const counted = await rows<{ option_no: number }>(d.db, sql`select option_no from poll_votes order by option_no`);
    expect(counted.map((r) => r.option_no)).toEqual([1, 2]);

    await w.say(g, { id: 'chair' }, '表决 周末组织义务劳动');
    await w.say(g, { id: 'chair' }, '结束表决 1');
    await w.say(g, { id: 'r2' }, '我同意');
    expect((await ballots(2))[0]!.n).toBe(1);
    await w.say(g, { id: 'r1' }, '赞成！');
    await w.say(g, { id: 'r0' }, '投同意票');
    expect((await ballots(2))[0]!.n).toBe(3);
  });

  it('asks which poll a vote without a number means as soon as a second poll opens, and counts it once one is closed', async () => {
    const { w, g } = await community('安居里');
    await w.say(g, { id: 'chair' }, '表决 绿化方案\nA. 方案甲\nB. 方案乙');
    await w.say(g, { id: 'r0' }, '投票 A');
    expect((await ballots(1))[0]!.n).toBe(1);
    await w.say(g, { id: 'chair' }, '表决 修路灯\nA. 修\nB. 不修');
    const before = w.transport.sent.length;
    await w.say(g, { id: 'r1' }, '投票 A');
    const hint = w.transport.sent.slice(before);
    expect(hint).toHaveLength(1);
    expect(hint[0]!.text).toBe('现在有多个表决进行中，请写上编号：#1 绿化方案；#2 修路灯。例如：投票 1 同意');
    expect((await ballots(1))[0]!.n + (await ballots(2))[0]!.n).toBe(1);
    await w.say(g, { id: 'chair' }, '结束表决 1');
    await w.say(g, { id: 'r1' }, '投票 B');
    expect((await ballots(2))[0]!.n).toBe(1);
  });

  it('stays silent on a lone vote word when no poll is open, and on chatter after a command word', async () => {
    const { w, g } = await community('和平里');
    const before = w.transport.sent.length;
    for (const text of ['同意', '会议 几点开始啊', '结果 出来了没', '议题 太多了吧', '投票 什么时候结束啊']) await w.say(g, { id: 'r0' }, text);
    expect(w.transport.sent.length).toBe(before);
    const topics = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from topics`);
    expect(topics[0]!.n).toBe(0);
  });

  it('announces a survey closed without votes as having none, and confirms a close sent in private', async () => {
    const { w, g } = await community('长乐里');
    await w.say(g, { id: 'chair' }, '表决 春节联欢会办不办\n办\n不办');
    await w.say('private', { id: 'chair' }, '结束表决 1');
    const mine = w.transport.sent.filter((s) => s.chatId === 'chair').at(-1)!;
    expect(mine.text).toBe('表决 #1 已结束，结果已在本小区的议事群公布。');
    const result = w.transport.sent.filter((s) => s.chatId === '-100' && s.text).at(-1)!.text;
    expect(result).toContain('结果：无人投票');
    expect(result).not.toContain('平票');
  });

  it('stores a spoken deadline as the instant in the community zone and takes a one-minute span', async () => {
    const { w, g } = await community('永安里');
    await w.say(g, { id: 'chair' }, '表决 换物业\n截止: 下周五 20:00');
    await w.say(g, { id: 'chair' }, '表决 修路灯\ndeadline: 1m');
    const r = await rows<{ poll_no: number; closes_at: string }>(d.db, sql`select poll_no, to_char(closes_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as closes_at from polls order by poll_no`);
    // Tue 2026-12-01 10:00 in Shanghai: next week's Friday 20:00 is 12:00 UTC on the 11th.
    expect(r).toEqual([
      { poll_no: 1, closes_at: '2026-12-11 12:00' },
      { poll_no: 2, closes_at: '2026-12-01 02:01' },
    ]);
  });

  it('binds a unit written as people say it and does not count an unknown unit as a wrong code', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '安居里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, ROSTER);
    const code = (await listCodes(d.db, w.clock, c.id)).find((u) => u.unit === '3-2-501')!.code;
    await w.say('private', { id: 'p1' }, `绑定 3号楼2单元501室 ${code}`);
    expect(w.transport.sent.at(-1)!.text).toContain('绑定成功');
    await w.say('private', { id: 'p2' }, `绑定 3栋2单元501 ${code}`);
    expect(w.transport.sent.at(-1)!.text).toContain('绑定成功');
    for (let i = 0; i < 6; i++) await w.say('private', { id: 'p3' }, `绑定 9号楼9单元909室 ${code}`);
    expect(w.transport.sent.at(-1)!.text).toContain('没找到房号');
    const failures = await rows<{ n: number }>(d.db, sql`select coalesce(sum(n), 0)::int as n from guess_counters where key like '%p3%'`);
    expect(failures[0]!.n).toBe(0);
    await w.say('private', { id: 'p3' }, `绑定 3-2-502 ${code}`);
    expect(w.transport.sent.at(-1)!.text).toContain('还可以再试 4 次');
  });

  it('rotates a code posted in an unlinked group, in plain text, after a mention and inside a topic, before storing anything', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '同心里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, ROSTER);
    const codeOf = async (unit: string) => (await listCodes(d.db, w.clock, c.id)).find((u) => u.unit === unit)!.code;
    const leaks: Array<[{ group: string }, string]> = [];
    leaks.push([{ group: '-900' }, `我家的码是 ${(await codeOf('3-2-501')).toLowerCase()} 谁帮我绑一下`]);
    await w.say({ group: '-100' }, { id: 'chair' }, `开通 ${c.setupCode}`);
    leaks.push([{ group: '-100' }, `@yishi_bot ${await codeOf('3-2-502')}`]);
    for (const [where, text] of leaks) {
      const before = w.transport.sent.length;
      await w.say(where, { id: 'someone' }, text, { mentioned: text.startsWith('@') });
      const said = w.transport.sent.slice(before);
      expect(said).toHaveLength(1);
      expect(said[0]!.text).toContain('这个绑定码已作废');
    }
    const old = await codeOf('3-2-503');
    await w.say({ group: '-100' }, { id: 'someone' }, `/topic 我的绑定码 ${old} 不能用`);
    expect(await codeOf('3-2-503')).not.toBe(old);
    const topics = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from topics`);
    expect(topics[0]!.n).toBe(0);
    const rotated = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from audit_log where action = 'code.rotated'`);
    expect(rotated[0]!.n).toBe(3);
  });

  it('refuses forged button data beyond a database integer with a reason', async () => {
    const { w, g } = await community('和睦里');
    await w.say(g, { id: 'chair' }, '表决 装门禁');
    for (const data of ['v:99999999999:1', 'v:1:99999999999', 'v:1:0', 'v:1:7']) {
      const effects = await w.say(g, { id: 'r0' }, '', { button: { data, messageId: '1' } });
      expect(effects).toEqual([{ kind: 'toast', text: '这个按钮无效，没有计票。请点表决消息上的按钮，或发送“投票 编号 选项”。' }]);
    }
    expect((await ballots(1))[0]!.n).toBe(0);
  });

  it('tells someone not bound how to bind when they ask for help in the group', async () => {
    const { w, g } = await community('光明里');
    await w.say(g, { id: 'newcomer' }, '帮助');
    expect(w.transport.sent.at(-1)!.text).toContain('您还没有绑定房屋：请私聊我发送“绑定 楼栋-单元-房号 绑定码”');
    await w.say(g, { id: 'r0' }, '帮助');
    expect(w.transport.sent.at(-1)!.text).not.toContain('您还没有绑定房屋');
  });
});
