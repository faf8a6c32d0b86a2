import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { rows } from '../../src/db/client.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

describeEachDb('a typed vote whose private receipt cannot be delivered', (kind) => {
  const d = useFreshDatabase(kind);

  it('names the units in one group line per interval, never an option, and tells each voter once how to start the bot', async () => {
    const w = createChatWorld(d.db, { unreachable: new Set(['ann', 'ben']), timing: { turnoutIntervalMs: 60_000 } });
    const c = await createCommunity(d.db, w.clock, { name: 'Gate Court', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await d.db.execute(sql`update communities set locale = 'en' where community_id = ${c.id}`);
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n1-101,90.00,A,\n1-102,80.00,B,\n1-103,70.00,C,\n');
    const g = { group: '-720' };
    await w.say(g, { id: 'chair' }, `/setup ${c.setupCode}`);
    const codes = await listCodes(d.db, w.clock, c.id);
    const people = [{ id: 'ann', name: 'Ann' }, { id: 'ben', name: 'Ben' }, { id: 'cy', name: 'Cy' }];
    for (const [i, p] of people.entries()) await w.say('private', { ...p, lang: 'en' }, `/bind ${codes[i]!.unit} ${codes[i]!.code}`);
    await w.say(g, { id: 'chair' }, '/poll Paint the gate\nrule: simple');
    const inGroup = (from: number) => w.transport.sent.slice(from).filter((m) => m.chatId === g.group && !m.private).map((m) => m.text);

    const from = w.transport.sent.length;
    await w.say(g, people[0]!, '/vote 1 yes');
    await w.say(g, people[1]!, '/vote 1 no');
    await w.say(g, people[2]!, '/vote 1 yes');
    expect(w.transport.sent.filter((m) => m.private && m.chatId === 'cy').at(-1)!.text).toMatch(/^Recorded: poll #1/);
    expect(inGroup(from)).toEqual([]);
    w.clock.advance(61_000);
    await w.drain();
    expect(inGroup(from)).toEqual([
      'Poll #1, votes recorded: 1-101, 1-102\nAnn, Ben: I cannot send you your receipt privately. Open my profile and send me /start, and your next receipts will come privately.',
    ]);

    // Ann votes again: her unit in the next interval's line, and no second hint.
    const again = w.transport.sent.length;
    await w.say(g, people[0]!, '/vote 1 no');
    expect(inGroup(again)).toEqual([]);
    w.clock.advance(30_000);
    await w.drain();
    expect(inGroup(again)).toEqual([]);
    w.clock.advance(31_000);
    await w.drain();
    expect(inGroup(again)).toEqual(['Poll #1, votes recorded: 1-101']);
    expect(await rows(d.db, sql`select count(*)::int as n from outbox where dedupe_key like 'add-bot-hint:%'`)).toEqual([{ n: 2 }]);
  });
});
