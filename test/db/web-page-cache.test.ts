/**
 * A poll's page as anyone sees it is rendered about once a second for all its readers (SPEC §12 `web`):
 * a vote shows on the page within a render, and a page a few seconds old is never shown.
 */
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { castVote } from '../../src/app/polls.js';
import { createWebApp } from '../../src/web/app.js';
import { linkKeyOf } from '../../src/web/links.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDb('the poll page kept for its readers', (kind) => {
  const d = useFreshDatabase(kind);
  const clock = createManualClock('2026-12-01T02:00:00Z');

  async function world() {
    const s = await seedCommunity(d.db, clock, [
      { unit: '1-1', area: '50', owner: '甲' },
      { unit: '1-2', area: '60', owner: '乙' },
      { unit: '1-3', area: '70', owner: '丙' },
    ]);
    for (const [i, unit] of ['1-1', '1-2', '1-3'].entries()) await bindAs(d.db, clock, s, `u${i}`, unit);
    const poll = await openAsChair(d.db, clock, s.id, { title: '更换门禁', rule: 'simple', hideResults: true });
    const app = createWebApp({ db: d.db, now: () => clock.now(), publicUrl: () => 'http://127.0.0.1' });
    const key = await linkKeyOf(d.db, poll, 'poll', clock.now());
    const turnout = async () => /参与：(\d)\/3 户/.exec(await (await app.request(`/p/${key}`)).text())?.[1];
    const vote = async (i: number) => {
      const r = await castVote(d.db, clock, { poll, platform: 'telegram', userId: `u${i}`, optionNo: 1, sourceKey: null });
      expect(r.ok).toBe(true);
    };
    return { turnout, vote };
  }

  it('shows the kept page within its second, then the new turnout once one render has run', async () => {
    const w = await world();
    expect(await w.turnout()).toBe('0');
    await w.vote(0);
    // Within the second the page is kept: every reader gets the same render.
    expect(await w.turnout()).toBe('0');
    await sleep(1100);
    // Past it, a reader may still get the kept page while the new one renders, and the next one after it.
    let seen = await w.turnout();
    for (let i = 0; i < 50 && seen === '0'; i++) {
      await sleep(20);
      seen = await w.turnout();
    }
    expect(seen).toBe('1');
  });

  it('never shows a page older than a few seconds: a reader after a quiet while waits for the render', async () => {
    const w = await world();
    expect(await w.turnout()).toBe('0');
    await w.vote(0);
    await w.vote(1);
    await sleep(3200);
    expect(await w.turnout()).toBe('2');
  });
});
