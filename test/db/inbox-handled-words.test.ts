/**
 * A handled update keeps its keys for the redelivery check, not its words: a binding code, a phone
 * number or a vote stays in `inbox` only while the update waits to be handled (the recovery after a
 * crash reads it then), whichever way it was handled and whether it was kept before or not.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/chat/model.js';
import { rows } from '../../src/db/client.js';
import { admitUpdates, unhandledUpdates } from '../../src/db/inbox-repo.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, type TestDatabase } from '../helpers/db.js';
import { votingWorld } from '../helpers/fixtures.js';

const PHONE = '13812345678';

describeEachDb('what a handled update keeps', (kind) => {
  let d: TestDatabase;
  let w: ReturnType<typeof createChatWorld>;
  let s: Awaited<ReturnType<typeof votingWorld>>['s'];
  beforeEach(async () => {
    ({ d, w, s } = await votingWorld(kind, [
      { unit: '1-101', area: '100.00', owner: '甲' },
      { unit: '1-102', area: '80.00', owner: '乙' },
    ]));
  });
  afterEach(async () => {
    await d.drop();
  });

  const msg = (updateKey: string, userId: string, text: string): ChatMessage => ({
    platform: 'telegram', updateKey, chatId: userId, chatKind: 'private', chatTitle: '',
    sender: { userId, name: userId }, text, mentioned: false, mentions: [],
  });
  const inbox = () =>
    rows<{ update_key: string; handled: boolean; payload: unknown }>(d.db, sql`select update_key, handled_at is not null as handled, payload from inbox order by inbox_id`);
  const asObject = (p: unknown) => (typeof p === 'string' ? JSON.parse(p) : p);

  for (const kept of [false, true]) {
    it(`keeps no words of a binding, a question with a phone number and a vote once handled (update ${kept ? 'kept before it is handled' : 'not kept before'})`, async () => {
      const code = s.ownerCode.get('1-102')!;
      const sent = [msg('k1', 'b1', `/bind 1-102 ${code}`), msg('k2', 'a1', `物业电话是多少？我的是 ${PHONE}`), msg('k3', 'a1', '/vote 1 1')];
      for (const m of sent) {
        if (!kept) await w.core.receive(m);
        else {
          const [entry] = await admitUpdates(d.db, [m], w.clock.now());
          // Kept and waiting: its words are there for the recovery.
          expect((await unhandledUpdates(d.db, 'telegram', 'telegram', 10)).map((x) => x.text)).toEqual([m.text]);
          await w.core.receive({ ...m, inboxId: entry!.inboxId });
        }
      }
      const stored = await inbox();
      expect(stored.map((r) => r.update_key)).toEqual(['k1', 'k2', 'k3']);
      for (const r of stored) {
        expect(r.handled).toBe(true);
        expect(asObject(r.payload)).toEqual({});
      }
      const all = JSON.stringify(await rows(d.db, sql`select * from inbox`));
      expect(all).not.toContain(code);
      expect(all).not.toContain(PHONE);
      // The binding and the vote took effect, and a second delivery of each changes nothing.
      expect((await rows<{ n: number }>(d.db, sql`select count(*)::int as n from ballots`))[0]!.n).toBe(1);
      expect((await rows<{ n: number }>(d.db, sql`select count(*)::int as n from members where user_id = 'b1' and unit_id is not null`))[0]!.n).toBe(1);
      for (const m of sent) expect(await w.core.receive(m)).toEqual([]);
      expect((await rows<{ n: number }>(d.db, sql`select count(*)::int as n from ballots`))[0]!.n).toBe(1);
    });
  }

  it('keeps the words of an update waiting to be handled, for the recovery after a crash', async () => {
    const waiting = msg('w1', 'a1', '/vote 1 2');
    await admitUpdates(d.db, [waiting], w.clock.now());
    const [again] = await unhandledUpdates(d.db, 'telegram', 'telegram', 10);
    expect(again).toMatchObject({ updateKey: 'w1', text: '/vote 1 2' });
  });

  it('drops the words of updates handled before the migration, and keeps those of updates still waiting', async () => {
    await d.db.execute(sql`insert into inbox (platform, bot_id, update_key, chat_id, payload, received_at, handled_at)
      values ('telegram', 'telegram', 'old1', 'a1', ${JSON.stringify({ text: `/bind 1-102 SECRET ${PHONE}` })}::jsonb, now(), now()),
             ('telegram', 'telegram', 'old2', 'a1', ${JSON.stringify({ text: 'waiting' })}::jsonb, now(), null)`);
    const migration = readFileSync(new URL('../../migrations/0022_inbox_handled_words.sql', import.meta.url), 'utf8');
    await d.db.execute(sql.raw(migration));
    const after = await inbox();
    expect(after.map((r) => [r.update_key, asObject(r.payload)])).toEqual([
      ['old1', {}],
      ['old2', { text: 'waiting' }],
    ]);
  });
});
