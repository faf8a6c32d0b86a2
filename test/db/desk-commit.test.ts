/**
 * A desk action and what it says are one commit: the close of a poll and its result's outbox rows
 * are written together, and when the rows cannot be written the poll stays open.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { setupGroup } from '../../src/app/communities.js';
import { findMember } from '../../src/app/members.js';
import { commitSaying } from '../../src/app/outbox.js';
import { getPollByNo } from '../../src/app/polls.js';
import { rows } from '../../src/db/client.js';
import { createWebApp } from '../../src/web/app.js';
import { csrfTokenOf, SESSION_COOKIE, startSession } from '../../src/web/sessions.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const ROSTER = [
  { unit: '2-1-101', area: '89.50', owner: '王芳' },
  { unit: '2-1-102', area: '75.25', owner: '李强' },
];
const ORIGIN = 'http://127.0.0.1:8080';

describeEachDb('a desk action and what it says, committed together', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  async function world() {
    const s = await seedCommunity(d.db, clock, ROSTER, '幸福里');
    for (const [i, r] of ROSTER.entries()) await bindAs(d.db, clock, s, `u${i}`, r.unit);
    await bindAs(d.db, clock, s, 'chair', '2-1-101', true);
    const linked = await setupGroup(d.db, clock, { platform: 'telegram', chatId: '-100', title: '幸福里业主群', code: s.setupCode, sender: { id: 'chair', name: '主任' } });
    expect(linked.ok).toBe(true);
    const poll = await openAsChair(d.db, clock, s.id, { title: '选聘物业' });
    const chair = (await findMember(d.db, s.id, 'telegram', 'chair'))!;
    const session = await startSession(d.db, chair, clock.now());
    let woken = 0;
    const app = createWebApp({
      db: d.db,
      now: () => clock.now(),
      publicUrl: () => ORIGIN,
      // As the composition root (src/index.ts) gives it.
      commit: async (communityId, fn) => {
        const { result, queued } = await commitSaying(d.db, { communityId, cause: `desk:${randomUUID()}` }, () => clock.now(), fn);
        if (queued) woken++;
        return result;
      },
    });
    const close = () =>
      app.request(`${ORIGIN}/desk/${s.id}/poll/${poll.pollNo}/close`, {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${session}`, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: csrfTokenOf(session) }).toString(),
      });
    const outbox = () => rows<{ chat_id: string; kind: string }>(d.db, sql`select chat_id, kind from outbox where community_id = ${s.id} order by outbox_id`);
    return { s, poll, close, outbox, woken: () => woken };
  }

  it("writes the close and the result's outbox rows in one commit", async () => {
    const w = await world();
    const before = (await w.outbox()).length;
    const res = await w.close();
    expect(res.status).toBe(303);
    expect((await getPollByNo(d.db, w.s.id, w.poll.pollNo))!.status).toBe('closed');
    const added = (await w.outbox()).slice(before);
    expect(added.some((r) => r.chat_id === '-100')).toBe(true);
    expect(w.woken()).toBe(1);
  });

  it('leaves the poll open when what the close says cannot be written', async () => {
    const w = await world();
    await d.db.execute(sql.raw(`create function outbox_refuses() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`));
    await d.db.execute(sql.raw('create trigger outbox_refuses before insert on outbox for each row execute function outbox_refuses()'));
    const before = await w.outbox();
    const audit = async () => rows<{ n: number }>(d.db, sql`select count(*)::int as n from audit_log where community_id = ${w.s.id}`);
    const entries = await audit();
    const res = await w.close();
    expect(res.status).toBe(500);
    expect((await getPollByNo(d.db, w.s.id, w.poll.pollNo))!.status).toBe('open');
    expect(await audit()).toEqual(entries);
    expect(await w.outbox()).toEqual(before);
    expect(w.woken()).toBe(0);
  });
});
