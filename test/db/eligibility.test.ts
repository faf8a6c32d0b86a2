import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { holderMembers } from '../../src/app/ballot-entry.js';
import { createCommunity } from '../../src/app/communities.js';
import { notVotedUnits } from '../../src/app/eligibility.js';
import { findMember, setPersonalReminders } from '../../src/app/members.js';
import { getPollByNo, pendingPollsFor, pollTally } from '../../src/app/polls.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { reminderEffects } from '../../src/chat/reminder-messages.js';
import { rows } from '../../src/db/client.js';
import { holderKey } from '../../src/domain/holder.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

// Owner B holds 2-1-201 (inside entrance 2-1) and 2-2-201 (outside it).
const ROSTER = [
  'unit,area_m2,owner_name,owner_id',
  '2-1-101,90.00,甲,',
  '2-1-201,80.00,乙,B',
  '2-1-301,70.50,丙,',
  '2-2-101,95.00,丁,',
  '2-2-201,85.00,乙,B',
  '3-1-101,100.00,戊,',
].join('\n');

describeEachDb('who may still vote', (kind) => {
  const d = useFreshDatabase(kind);

  it('agrees between the tally, the reminders, the diagnosis and the paper entry for a scoped poll with a changed vote', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '东风里', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error(c.code);
    if (!(await importUnits(d.db, w.clock, c.id, ROSTER)).ok) throw new Error('roster');
    const codes = new Map((await listCodes(d.db, w.clock, c.id)).map((x) => [x.unit, x.code]));
    const g = { group: '-900' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    const people = { a: '2-1-101', b: '2-2-201', c: '2-1-301', d: '2-2-101' } as const;
    for (const [id, unit] of Object.entries(people)) {
      await w.say('private', { id }, `绑定 ${unit} ${codes.get(unit)}`);
      await setPersonalReminders(d.db, w.clock, (await findMember(d.db, c.id, 'telegram', id))!, true);
    }
    await w.say(g, { id: 'chair' }, '表决 2号楼1单元加装电梯\n规则: 重大事项\n范围: 2号楼1单元');
    await w.say('private', { id: 'a' }, '投票 1 同意');
    await w.say('private', { id: 'a' }, '投票 1 反对');
    await w.say('private', { id: 'd' }, '投票 1 同意');
    // d's household lies outside the entrance: the diagnosis says so.
    expect(w.transport.sent.filter((m) => m.text).at(-1)!.text).toContain('不在范围内');

    const poll = (await getPollByNo(d.db, c.id, 1))!;
    const units = await rows<{ unit_id: number; label: string; owner_id: string | null }>(d.db, sql`select unit_id, label, owner_id from units where community_id = ${c.id}`);
    const keyOf = (label: string) => {
      const u = units.find((x) => x.label === label)!;
      return holderKey(poll.rule, { unitId: u.unit_id, ownerId: u.owner_id });
    };

    // The tally: three eligible holders (甲, owner B, 丙), one voted (a, whose changed vote counts once).
    const tally = await pollTally(d.db, poll);
    expect(poll.eligibleHeads).toBe(3);
    expect(tally.options.reduce((n, o) => n + o.heads, 0)).toBe(1);
    const notVoted = await notVotedUnits(d.db, poll);
    expect(notVoted).toEqual({ labels: ['2-1-201', '2-1-301'], total: 2 });
    const eligibleMinusVoted = new Set(notVoted.labels.map(keyOf));
    expect(eligibleMinusVoted.size).toBe(poll.eligibleHeads - 1);

    // The reminders: the households that have not voted, b included (bound to B's unit outside the entrance).
    const reminded = await reminderEffects(d.db, w.clock, {
      reminderId: 0,
      communityId: c.id,
      naturalKey: `personal:${poll.pollId}:-1440m`,
      kind: 'personal',
      objectId: poll.pollId,
      dueAt: w.clock.now(),
      status: 'queued',
      queuedAt: null,
    });
    const remindedIds = reminded.map((e) => (e.kind === 'private' ? e.userId : ''));
    expect(remindedIds.sort()).toEqual(['b', 'c']);
    expect(new Set(remindedIds.map((id) => keyOf(people[id as keyof typeof people])))).toEqual(eligibleMinusVoted);

    // The diagnosis (`我的`): the poll is pending for exactly those households.
    const pending: string[] = [];
    for (const id of Object.keys(people)) if ((await pendingPollsFor(d.db, (await findMember(d.db, c.id, 'telegram', id))!)).length) pending.push(id);
    expect(pending).toEqual(['b', 'c']);

    // The paper entry: a ballot entered for 2-1-201 is told to owner B's member, b.
    const b201 = units.find((x) => x.label === '2-1-201')!;
    expect((await holderMembers(d.db, poll, b201.unit_id)).map((m) => m.userId)).toEqual(['b']);
  });
});
