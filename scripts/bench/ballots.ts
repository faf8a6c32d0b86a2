import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { findMember, setRole } from '../../src/app/members.js';
import { openPoll } from '../../src/app/polls.js';
import { createChatWorld } from '../../test/helpers/chat.js';
import { rows, type Db } from '../../src/db/client.js';
import { withFreshDb } from './fresh-db.js';
import { benchRow, type BenchRow } from './types.js';

const VOTES = 20_000;
const HOUSEHOLDS = 2_000;

/** A roster of `units` households in one community, each with one bound owner `u<i>`, inserted in bulk. */
export async function seedRoster(db: Db, communityId: number, units: number, prefix = 'u'): Promise<void> {
  await db.execute(sql`insert into units (community_id, label, area_centi, owner_name)
    select ${communityId}, 'U-' || g, 5000 + (g % 7000), 'owner' from generate_series(1, ${units}) g`);
  await db.execute(sql`insert into members (community_id, platform, user_id, display_name, unit_id, relation, bound_at)
    select ${communityId}, 'telegram', ${prefix} || substr(label, 3), label, unit_id, 'owner', now() from units where community_id = ${communityId}`);
}

/** Opens a 同意/反对/弃权 poll as a chair named `chair`. */
export async function openBenchPoll(db: Db, communityId: number, rule: 'owners-general' | 'simple' = 'owners-general') {
  await setRole(db, systemClock, { communityId, platform: 'telegram', userId: 'chair', role: 'chair', actor: 'bench' });
  const chair = (await findMember(db, communityId, 'telegram', 'chair'))!;
  const r = await openPoll(db, systemClock, {
    community: { communityId, timezone: 'Asia/Shanghai' },
    member: chair,
    draft: { title: 'bench', options: ['同意', '反对', '弃权'], abstainOption: 3, rule, deadline: { kind: 'in', minutes: 600 }, secret: false, hideResults: false, final: false, confirmRule: false, convention: false, articles: [] },
  });
  if (!r.ok) throw new Error(r.code);
  return r.poll;
}

/** Runs `n` jobs with `concurrency` in flight; returns the elapsed milliseconds. */
export async function runInFlight(n: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) await job(i);
    }),
  );
  return performance.now() - t0;
}

/**
 * 20,000 ballots from 2,000 households through the platform-neutral handler (`core.receive`, typed
 * `/vote` in private chats), against plain single-row INSERTs with postgres.js at the same
 * concurrency and pool size, both on the same fresh database.
 */
export async function benchBallots(serverUrl: string, concurrency: number): Promise<BenchRow> {
  return withFreshDb(serverUrl, async ({ database, url }) => {
    const db = database.db;
    const c = await createCommunity(db, systemClock, { name: 'bench', timezone: 'Asia/Shanghai', noticeDays: 0 });
    if (!c.ok) throw new Error(c.code);
    await seedRoster(db, c.id, HOUSEHOLDS);
    const poll = await openBenchPoll(db, c.id);
    // The chat core with every feature and a memory transport, as the suite builds it.
    const { core } = createChatWorld(db, { start: new Date().toISOString(), rateLimit: { max: 1e9, windowMs: 1000 } });

    const plain = postgres(url, { max: 10, onnotice: () => {} });
    await plain`create table plain_ballots (id bigserial primary key, poll_id int, holder text, option_no int, cast_at timestamptz)`;
    const plainMs = await runInFlight(VOTES, concurrency, (i) =>
      plain`insert into plain_ballots (poll_id, holder, option_no, cast_at) values (${poll.pollId}, ${`u:${i % HOUSEHOLDS}`}, ${(i % 3) + 1}, now())`,
    );
    await plain.end();

    const handlerMs = await runInFlight(VOTES, concurrency, (i) => {
      const h = (i % HOUSEHOLDS) + 1;
      return core.receive({
        platform: 'telegram', updateKey: `b${i}`, chatId: `u${h}`, chatKind: 'private', chatTitle: '',
        sender: { userId: `u${h}`, name: 'x' }, text: `/vote ${poll.pollNo} ${(i % 3) + 1}`, mentioned: false, mentions: [],
      });
    });
    const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ballots`);
    if (count!.n !== VOTES) throw new Error(`ballots: ${count!.n} of ${VOTES} written`);
    const target = concurrency >= 64 ? 1.0 : 0.8;
    const rate = (VOTES / handlerMs) * 1000;
    const base = (VOTES / plainMs) * 1000;
    return benchRow({
      bench: `ballots@${concurrency}`,
      value: rate,
      reference: base,
      unit: 'votes/s',
      target: `≥ ${target.toFixed(1)}× plain INSERTs`,
      met: rate / base >= target,
      note: `${concurrency} in flight`,
    });
  });
}
