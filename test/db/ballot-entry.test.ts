import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { publicationList } from '../../src/app/ballot-entry.js';
import { createCommunity } from '../../src/app/communities.js';
import { getPollByNo } from '../../src/app/polls.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { verifyAudit } from '../../src/db/audit.js';
import { rows } from '../../src/db/client.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

const ROSTER = 'unit,area_m2,owner_name,owner_id\n1-1-101,90.00,甲,\n1-1-201,80.00,乙,\n1-1-301,70.00,丙,\n1-1-401,60.00,丁,\n';
const RECEIPT = /[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/;

describeEachDb('paper, assisted and proxy ballots, receipts and publication', (kind) => {
  const d = useFreshDatabase(kind);

  async function world() {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '松柏里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error(c.code);
    await importUnits(d.db, w.clock, c.id, ROSTER);
    const codes = new Map((await listCodes(d.db, w.clock, c.id)).map((x) => [x.unit, x.code]));
    const g = { group: '-500' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    const units = ['1-1-101', '1-1-201', '1-1-301', '1-1-401'];
    for (const [i, u] of units.entries()) await w.say('private', { id: `o${i}`, name: `业主${i}` }, `绑定 ${u} ${codes.get(u)}`);
    const toUser = (id: string) => w.transport.sent.filter((m) => m.chatId === id);
    const last = (id: string) => toUser(id).at(-1)!.text;
    return { w, g, c, toUser, last };
  }

  const channels = async () =>
    rows<{ option_no: number; heads: number; online: number; paper: number; assisted: number; proxy: number }>(
      d.db,
      sql`select option_no, heads, online, paper, assisted, proxy from report_poll_options where poll_no = 1 order by option_no`,
    );

  it('counts a paper ballot once, replaced by the owner’s own vote, with the channel recorded', async () => {
    const { w, g, toUser, last } = await world();
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项');
    await w.say('private', { id: 'chair' }, '代录 1 1-1-101 同意');
    expect(last('chair')).toMatch(/已代录.*1-1-101.*纸质.*回执码/s);
    const told = toUser('o0').at(-1)!;
    expect(told.private).toBe(true);
    expect(told.text).toContain('代录（纸质）');
    expect(told.text).toMatch(RECEIPT);
    await w.say('private', { id: 'chair' }, '代录 1 1-1-201 反对 代填');
    expect((await channels()).map((r) => [r.option_no, r.heads, r.paper, r.assisted])).toEqual([[1, 1, 1, 0], [2, 1, 0, 1], [3, 0, 0, 0]]);

    await w.say('private', { id: 'o0' }, '投票 1 反对');
    expect(last('o0')).toContain('已改票');
    const opts = await channels();
    expect(opts.map((r) => [r.option_no, r.heads, r.online, r.paper, r.assisted])).toEqual([[1, 0, 0, 0, 0], [2, 2, 1, 0, 1], [3, 0, 0, 0, 0]]);
    const b = await rows<{ unit: string; channel: string; member: string }>(
      d.db,
      sql`select u.label as unit, b.channel, m.user_id as member from ballots b join units u on u.unit_id = b.unit_id join members m on m.member_id = b.member_id order by b.ballot_id`,
    );
    expect(b).toEqual([
      { unit: '1-1-101', channel: 'paper', member: 'chair' },
      { unit: '1-1-201', channel: 'assisted', member: 'chair' },
      { unit: '1-1-101', channel: 'online', member: 'o0' },
    ]);
    await w.say(g, { id: 'chair' }, '结束表决 1');
    // The result's text (its picture follows as a message of its own).
    expect(w.transport.sent.filter((m) => m.text).at(-1)!.text).toContain('投票渠道：线上 1，代填 1');
    expect((await verifyAudit(d.db, (await rows<{ id: number }>(d.db, sql`select community_id as id from communities`))[0]!.id)).ok).toBe(true);
  });

  it('refuses a paper ballot from a resident, in a group, or for a unit not on the roster', async () => {
    const { w, g, last } = await world();
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项');
    await w.say('private', { id: 'o1' }, '代录 1 1-1-101 同意');
    expect(last('o1')).toContain('只有委员');
    await w.say(g, { id: 'chair' }, '代录 1 1-1-101 同意');
    expect(w.transport.sent.at(-1)!.text).toContain('私聊');
    await w.say('private', { id: 'chair' }, '代录 1 9-9-999 同意');
    expect(last('chair')).toContain('名册里没有');
    expect((await rows(d.db, sql`select 1 from ballots`)).length).toBe(0);
  });

  it('lets an authorised proxy cast the owner’s ballot until the owner revokes it', async () => {
    const { w, g, last } = await world();
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项');
    await w.say('private', { id: 'o2', name: '业主2' }, '委托 @业主3');
    expect(last('o2')).toContain('已委托 业主3 代 1-1-301');
    expect(last('o3')).toContain('委托您代投');
    await w.say('private', { id: 'o3', name: '业主3' }, '代录 1 1-1-301 同意');
    expect(last('o3')).toContain('（委托）');
    expect(last('o2')).toContain('业主3 代录（委托）');
    expect((await channels())[0]).toMatchObject({ heads: 1, proxy: 1 });
    await w.say('private', { id: 'o2', name: '业主2' }, '委托 off');
    expect(last('o2')).toContain('已撤销 1 项委托');
    await w.say('private', { id: 'o3', name: '业主3' }, '代录 1 1-1-301 反对');
    expect(last('o3')).toContain('只有委员');
    expect((await channels())[0]).toMatchObject({ heads: 1, proxy: 1 });
    const audit = await rows<{ action: string }>(d.db, sql`select action from audit_log where action like 'proxy.%' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['proxy.granted', 'proxy.revoked']);
  });

  it('puts every counted household’s receipt code in the publication, and /receipt confirms it privately', async () => {
    const { w, g, last } = await world();
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项');
    const codes = new Map<string, string>();
    for (const [i, option] of ['同意', '同意', '反对'].entries()) {
      await w.say('private', { id: `o${i}` }, `投票 1 ${option}`);
      codes.set(`o${i}`, RECEIPT.exec(last(`o${i}`))![0]);
    }
    const first = codes.get('o1')!;
    await w.say('private', { id: 'o1' }, '投票 1 弃权');
    codes.set('o1', RECEIPT.exec(last('o1'))![0]);
    await w.say('private', { id: 'o1' }, `回执 1 ${first}`);
    expect(last('o1')).toContain('已被您家后来的选票替换');
    await w.say('private', { id: 'o1' }, '回执 1');
    expect(last('o1')).toContain(`已计入，投的是“弃权”（线上）。回执码 ${codes.get('o1')}`);
    await w.say('private', { id: 'o3' }, '核验 1');
    expect(last('o3')).toContain('还没有您家的选票');
    await w.say(g, { id: 'o0' }, '回执 1');
    expect(w.transport.sent.at(-1)!.text).toContain('私聊');
    await w.say(g, { id: 'chair' }, '结束表决 1');
    const poll = (await getPollByNo(d.db, (await rows<{ id: number }>(d.db, sql`select community_id as id from communities`))[0]!.id, 1))!;
    const list = await publicationList(d.db, poll);
    expect(list.map((r) => r.receipt).sort()).toEqual([...codes.values()].sort());
    expect(list).toContainEqual({ units: '1-1-301', areaM2: '70.00', receipt: codes.get('o2'), option: '反对', channel: 'online' });
    expect(JSON.stringify(list)).not.toMatch(/甲|乙|丙|业主/);
  });

  it('keeps a secret poll’s options out of its audit entries and its publication', async () => {
    const { w, g, last } = await world();
    await w.say(g, { id: 'chair' }, '表决 更换物业公司\n规则: 一般事项\n不记名');
    await w.say('private', { id: 'o0' }, '投票 1 反对');
    const code = RECEIPT.exec(last('o0'))![0];
    const entries = await rows<{ entry: string }>(d.db, sql`select entry from audit_log where action = 'ballot.cast'`);
    expect(entries).toHaveLength(1);
    const data = JSON.parse(entries[0]!.entry).data as Record<string, unknown>;
    expect(data).not.toHaveProperty('option');
    expect(data.ballot).toMatch(/^[0-9a-f]{64}$/);
    await w.say(g, { id: 'chair' }, '结束表决 1');
    const poll = (await getPollByNo(d.db, (await rows<{ id: number }>(d.db, sql`select community_id as id from communities`))[0]!.id, 1))!;
    expect(await publicationList(d.db, poll)).toEqual([{ units: '1-1-101', areaM2: '90.00', receipt: code, option: null, channel: 'online' }]);
  });
});
