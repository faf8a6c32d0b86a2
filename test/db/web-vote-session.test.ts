/**
 * A vote from the page: the ballot statement itself reads whom the session signs in (SPEC §13), so
 * the vote is one round trip; a session signed out, expired or of another community casts nothing,
 * and the audit entry names the session's member as a vote in chat would.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { findMember, setRole } from '../../src/app/members.js';
import { verifyAudit } from '../../src/db/audit.js';
import { rows } from '../../src/db/client.js';
import { createWebApp } from '../../src/web/app.js';
import { linkKeyOf } from '../../src/web/links.js';
import { csrfTokenOf, endSession, issueSignInLink, redeemSignInLink } from '../../src/web/sessions.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const BASE = 'http://127.0.0.1';

describeEachDb('a vote from the page, its voter read by the ballot statement', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  async function world() {
    const here = await seedCommunity(d.db, clock, [
      { unit: '1-1', area: '50', owner: '甲' },
      { unit: '1-2', area: '60', owner: '乙' },
    ]);
    await bindAs(d.db, clock, here, 'u0', '1-1');
    // An identity with characters that JSON escapes, so that the entry's actor must be written as JSON.
    await bindAs(d.db, clock, here, 'q"1\\', '1-2');
    await setRole(d.db, clock, { communityId: here.id, platform: 'telegram', userId: 'helper', role: 'resident', actor: 'test' });
    const there = await seedCommunity(d.db, clock, [{ unit: '9-9', area: '50', owner: '丙' }]);
    await bindAs(d.db, clock, there, 'x9', '9-9');
    const poll = await openAsChair(d.db, clock, here.id, { title: '更换门禁', rule: 'simple' });
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: () => BASE });
    const key = await linkKeyOf(d.db, poll, 'poll', clock.now());
    const sessionOf = async (communityId: number, userId: string) => {
      const m = (await findMember(d.db, communityId, 'telegram', userId))!;
      return (await redeemSignInLink(d.db, await issueSignInLink(d.db, m, clock.now()), clock.now()))!;
    };
    const vote = async (session: string, option: number) => {
      const r = await app.request(`/p/${key}/vote`, {
        method: 'POST',
        headers: { origin: BASE, cookie: `yishi_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: `csrf=${csrfTokenOf(session)}&option=${option}`,
      });
      return { status: r.status, to: new URL(r.headers.get('location') ?? '/', BASE).searchParams };
    };
    const ballots = async () => rows<{ user_id: string; option_no: number }>(d.db, sql`select m.user_id, b.option_no from ballots b join members m on m.member_id = b.member_id order by b.ballot_id`);
    const actors = async () =>
      (await rows<{ entry: string }>(d.db, sql`select entry from audit_log where community_id = ${here.id} and action = 'ballot.cast' order by seq`)).map((r) => JSON.parse(r.entry).actor as string);
    return { here, there, vote, sessionOf, ballots, actors };
  }

  it('counts the session\'s household, a later vote replacing the earlier, with the member as the entry\'s actor', async () => {
    const w = await world();
    const s0 = await w.sessionOf(w.here.id, 'u0');
    const sq = await w.sessionOf(w.here.id, 'q"1\\');
    expect((await w.vote(s0, 1)).to.get('voted')).toBe('new');
    expect((await w.vote(sq, 2)).to.get('voted')).toBe('new');
    expect((await w.vote(s0, 3)).to.get('voted')).toBe('changed');
    expect(await w.ballots()).toEqual([
      { user_id: 'u0', option_no: 1 },
      { user_id: 'q"1\\', option_no: 2 },
      { user_id: 'u0', option_no: 3 },
    ]);
    expect(await w.actors()).toEqual(['telegram:u0', 'telegram:q"1\\', 'telegram:u0']);
    expect((await verifyAudit(d.db, w.here.id)).ok).toBe(true);
  });

  it('casts nothing for a session signed out or expired, or of another community, and says why', async () => {
    const w = await world();
    const out = await w.sessionOf(w.here.id, 'u0');
    await endSession(d.db, out, clock.now());
    expect((await w.vote(out, 1)).status).toBe(403);

    const old = await w.sessionOf(w.here.id, 'q"1\\');
    await d.db.execute(sql`update web_sessions set expires_at = ${new Date(clock.now().getTime() - 1000).toISOString()}::timestamptz where kind = 'session' and member_id = (select member_id from members where user_id = 'q"1\\')`);
    expect((await w.vote(old, 1)).status).toBe(403);

    const foreign = await w.sessionOf(w.there.id, 'x9');
    const refused = await w.vote(foreign, 1);
    expect([refused.status, refused.to.get('refused')]).toEqual([303, 'other-community']);

    // A member of this community with no unit bound is refused with the reason, as in chat.
    const unbound = await w.sessionOf(w.here.id, 'helper');
    const why = await w.vote(unbound, 1);
    expect([why.status, why.to.get('refused')]).toEqual([303, 'not-bound']);
    expect((await w.vote(unbound, 7)).to.get('refused')).toBe('bad-option');

    expect(await w.ballots()).toEqual([]);
    expect(await w.actors()).toEqual([]);
  });
});
