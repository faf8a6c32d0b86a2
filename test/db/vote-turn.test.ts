/**
 * A vote's ballot, its update's "handled" mark and what it says commit together, or not at all; an
 * update delivered twice is handled once.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/chat/model.js';
import { ballotHashSql } from '../../src/db/ballot-writer.js';
import { rows } from '../../src/db/client.js';
import { admitUpdates } from '../../src/db/inbox-repo.js';
import { receiptCode } from '../../src/domain/receipt.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, type TestDatabase } from '../helpers/db.js';
import { bindAs, votingWorld } from '../helpers/fixtures.js';

const roster = [
  { unit: '1-101', area: '100.00', owner: '甲' },
  { unit: '1-102', area: '80.00', owner: '乙' },
];

const INTERNAL_ERROR = '抱歉，处理时出了点问题，您的操作没有生效。请稍后再试；如果一直不行，请联系社区工作人员。';

describeEachDb('a vote and its turn commit together', (kind) => {
  let d: TestDatabase;
  let w: ReturnType<typeof createChatWorld>;
  let s: Awaited<ReturnType<typeof votingWorld>>['s'];
  beforeEach(async () => {
    ({ d, w, s } = await votingWorld(kind, roster));
  });
  afterEach(async () => {
    await unfail();
    await d.drop();
  });

  const vote = (updateKey: string, text = '/vote 1 1', userId = 'a1'): ChatMessage => ({
    platform: 'telegram',
    updateKey,
    chatId: userId,
    chatKind: 'private',
    chatTitle: '',
    sender: { userId, name: userId },
    text,
    mentioned: false,
    mentions: [],
  });
  const ballots = () => rows<{ source_key: string; hash: string }>(d.db, sql`select source_key, ${ballotHashSql('ballots')} as hash from ballots order by ballot_id`);
  const said = (chatId: string) => rows<{ text: string }>(d.db, sql`select payload->'msg'->>'text' as text from outbox where chat_id = ${chatId} order by outbox_id`);
  const handled = (updateKey: string) => rows<{ handled: boolean }>(d.db, sql`select handled_at is not null as handled from inbox where update_key = ${updateKey}`);
  async function unfail(): Promise<void> {
    for (const q of ['drop trigger if exists fail_once on outbox', 'drop trigger if exists fail_once on inbox', 'drop function if exists fail_once', 'drop sequence if exists fail_once']) {
      await d.db.execute(sql.raw(q));
    }
  }
  /** Makes the next statement that does `what` fail once (a sequence is not rolled back with it). */
  async function failOnce(table: 'outbox' | 'inbox', when: string): Promise<void> {
    await d.db.execute(sql.raw(`create sequence fail_once`));
    await d.db.execute(
      sql.raw(`create function fail_once() returns trigger language plpgsql as $$
        begin
          if ${when} then
            if nextval('fail_once') = 1 then raise exception 'injected failure'; end if;
          end if;
          return new;
        end $$`),
    );
    await d.db.execute(sql.raw(`create trigger fail_once before insert or update on ${table} for each row execute function fail_once()`));
  }

  for (const kept of [false, true]) {
    const how = kept ? 'kept before it is handled' : 'not kept before';
    const receive = async (msg: ChatMessage) => {
      if (!kept) return w.core.receive(msg);
      const [entry] = await admitUpdates(d.db, [msg], w.clock.now());
      return entry!.handled ? [] : w.core.receive({ ...msg, inboxId: entry!.inboxId });
    };

    it(`counts no ballot when its receipt cannot be written, and counts the next vote once with its receipt (update ${how})`, async () => {
      await failOnce('outbox', `new.payload->'msg'->>'text' like '%回执码%'`);
      const failed = await receive(vote('v1'));
      expect(failed).toEqual([{ kind: 'reply', text: INTERNAL_ERROR }]);
      expect(await ballots()).toEqual([]);
      expect(await said('a1')).toEqual([{ text: INTERNAL_ERROR }]);

      const ok = await receive(vote('v2'));
      const [b] = await ballots();
      expect((await ballots()).map((x) => x.source_key)).toEqual(['telegram:v2']);
      const receipt = `已记录：表决 #1，您家投的是“同意”。\n回执码 ${receiptCode(b!.hash)}（私聊发送“回执 1”可核验）`;
      expect(ok).toEqual([{ kind: 'reply', text: receipt, page: { pollId: 1, signIn: true } }, { kind: 'card', pollId: 1 }]);
      expect(await said('a1')).toEqual([{ text: INTERNAL_ERROR }, { text: receipt }]);
      expect(await handled('v2')).toEqual([{ handled: true }]);
      await w.drain();
      expect(w.transport.sent.filter((m) => m.chatId === 'a1').map((m) => m.text)).toEqual([INTERNAL_ERROR, receipt]);
    });

    it(`counts no ballot when its update cannot be marked handled (update ${how})`, async () => {
      await failOnce('inbox', `new.handled_at is not null and (tg_op = 'INSERT' or old.handled_at is null)`);
      expect(await receive(vote('v1'))).toEqual([{ kind: 'reply', text: INTERNAL_ERROR }]);
      expect(await ballots()).toEqual([]);
      expect(await said('a1')).toEqual([{ text: INTERNAL_ERROR }]);
      expect(await handled('v1')).toEqual([{ handled: true }]);
      // Handled (as failed) once: a second delivery changes and says nothing.
      expect(await receive(vote('v1'))).toEqual([]);
      expect(await ballots()).toEqual([]);
      expect(await said('a1')).toHaveLength(1);
    });

    it(`handles an update delivered twice, one after the other or at the same time, once (update ${how})`, async () => {
      const first = await receive(vote('v1'));
      expect(first[0]).toMatchObject({ kind: 'reply', text: expect.stringMatching(/^已记录：表决 #1，您家投的是“同意”。/) });
      expect(await receive(vote('v1'))).toEqual([]);
      const both = await Promise.all([receive(vote('v2', '/vote 1 2')), receive(vote('v2', '/vote 1 2'))]);
      expect(both.map((e) => e.length).sort()).toEqual([0, 2]);
      expect((await ballots()).map((b) => b.source_key)).toEqual(['telegram:v1', 'telegram:v2']);
      const texts = (await said('a1')).map((r) => r.text);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toMatch(/^已记录：表决 #1，您家投的是“同意”。\n回执码 /);
      expect(texts[1]).toMatch(/^已改票：表决 #1，您家现在投的是“反对”。\n回执码 /);
      expect(await handled('v1')).toEqual([{ handled: true }]);
      expect(await handled('v2')).toEqual([{ handled: true }]);
    });
  }

  it('does not count a refused vote delivered again once the refusal no longer holds', async () => {
    // b1 is not bound yet: refused, and the update is handled.
    expect(await w.core.receive(vote('r1', '/vote 1 1', 'b1'))).toEqual([{ kind: 'reply', text: expect.any(String) }]);
    await bindAs(d.db, w.clock, s, 'b1', '1-102');
    expect(await w.core.receive(vote('r1', '/vote 1 1', 'b1'))).toEqual([]);
    expect(await ballots()).toEqual([]);
    expect(await said('b1')).toHaveLength(1);
  });
});
