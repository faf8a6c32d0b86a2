import { randomBytes } from 'node:crypto';
import pino from 'pino';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { systemClock } from '../app/clock.js';
import { createCommunity } from '../app/communities.js';
import { setRole, findMember } from '../app/members.js';
import { openPoll, pollTally, getPoll } from '../app/polls.js';
import { createChatCore } from '../chat/core.js';
import { allFeatures } from '../chat/features/index.js';
import { createLiveTally } from '../chat/live-tally.js';
import { createMemoryTransport } from '../chat/memory-transport.js';
import { createDatabase, rows, type Database } from '../db/client.js';

export interface BenchRow {
  name: string;
  measured: string;
  baseline: string;
  target: string;
  met?: boolean;
}

async function withFreshDb<T>(pgUrl: string, fn: (d: Database, url: string) => Promise<T>): Promise<T> {
  const name = `yishi_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const d = await createDatabase({ url: url.toString(), max: 10 });
  try {
    await d.migrate();
    return await fn(d, url.toString());
  } finally {
    await d.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Roster of `units` households, each with one bound owner `u<i>`, inserted in bulk. */
async function seedRoster(d: Database, communityId: number, units: number): Promise<void> {
  await d.db.execute(sql`insert into units (community_id, label, area_centi, owner_name)
    select ${communityId}, 'U-' || g, 5000 + (g % 7000), 'owner' from generate_series(1, ${units}) g`);
  await d.db.execute(sql`insert into members (community_id, platform, user_id, display_name, unit_id, relation, bound_at)
    select ${communityId}, 'telegram', 'u' || substr(label, 3), label, unit_id, 'owner', now() from units where community_id = ${communityId}`);
}

async function openBenchPoll(d: Database, communityId: number, rule: 'owners-general' | 'simple') {
  await setRole(d.db, systemClock, { communityId, platform: 'telegram', userId: 'chair', role: 'chair', actor: 'bench' });
  const chair = (await findMember(d.db, communityId, 'telegram', 'chair'))!;
  const r = await openPoll(d.db, systemClock, {
    community: { communityId, timezone: 'Asia/Shanghai' },
    member: chair,
    draft: { title: 'bench', options: ['同意', '反对', '弃权'], abstainOption: 3, rule, deadline: { kind: 'in', minutes: 600 }, secret: false, hideResults: false, final: false, confirmRule: false, convention: false, articles: [] },
  });
  if (!r.ok) throw new Error(r.code);
  return r.poll;
}

/** 20,000 ballots from 2,000 households through the chat core vs plain single-row INSERTs. */
async function benchBallots(pgUrl: string): Promise<BenchRow> {
  return withFreshDb(pgUrl, async (d, url) => {
    const c = await createCommunity(d.db, systemClock, { name: 'bench', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await seedRoster(d, c.id, 2000);
    const poll = await openBenchPoll(d, c.id, 'owners-general');
    const log = pino({ level: 'silent' });
    const transport = createMemoryTransport('telegram', { editable: false });
    let core: ReturnType<typeof createChatCore>;
    const live = createLiveTally({ db: d.db, transports: () => core.transports, log, intervalMs: 60_000 });
    core = createChatCore({ db: d.db, clock: systemClock, log, live, features: allFeatures(), rateLimit: { max: 1e9, windowMs: 1000 } });
    core.registerTransport(transport);
    const n = 20_000;
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) {
          const h = (i % 2000) + 1;
          await core.receive({
            platform: 'telegram', updateKey: `b${i}`, chatId: `u${h}`, chatKind: 'private', chatTitle: '',
            sender: { userId: `u${h}`, name: 'x' }, text: `/vote ${poll.pollNo} ${(i % 3) + 1}`, mentioned: false, mentions: [],
          });
        }
      }),
    );
    const handlerMs = performance.now() - t0;
    live.stop();
    const count = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from ballots`);
    if (count[0]!.n !== n) throw new Error(`lost ballots: ${count[0]!.n} of ${n}`);
    const plain = postgres(url, { max: 10, onnotice: () => {} });
    await plain`create table plain_ballots (id bigserial primary key, poll_id int, holder text, option_no int, cast_at timestamptz)`;
    next = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) {
          await plain`insert into plain_ballots (poll_id, holder, option_no, cast_at) values (${poll.pollId}, ${`u:${i % 2000}`}, ${(i % 3) + 1}, now())`;
        }
      }),
    );
    const plainMs = performance.now() - t1;
    await plain.end();
    const rate = (n / handlerMs) * 1000;
    const base = (n / plainMs) * 1000;
    return {
      name: 'ballots',
      measured: `${rate.toFixed(0)} votes/s through the handler (${(rate / base).toFixed(2)}×)`,
      baseline: `${base.toFixed(0)} plain INSERTs/s`,
      target: '≥ 0.5×',
      met: rate / base >= 0.5,
    };
  });
}

/** Tally of a poll with 100,000 eligible units and 80,000 ballots vs count(*) over those ballots. */
async function benchTally(pgUrl: string): Promise<BenchRow> {
  return withFreshDb(pgUrl, async (d) => {
    const c = await createCommunity(d.db, systemClock, { name: 'bench', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error(c.code);
    await d.db.execute(sql`insert into units (community_id, label, area_centi, owner_name)
      select ${c.id}, 'U-' || g, 5000 + (g % 7000), 'owner' from generate_series(1, 100000) g`);
    const poll = await openBenchPoll(d, c.id, 'owners-general');
    await d.db.execute(sql`insert into ballots (community_id, poll_id, holder_key, holder_area_centi, holder_units, unit_id, member_id, option_no, cast_at)
      select ${c.id}, ${poll.pollId}, 'u:' || unit_id, area_centi, 1, unit_id, 0, 1 + (unit_id % 3), now() from units where community_id = ${c.id} order by unit_id limit 80000`);
    await d.db.execute(sql`insert into poll_votes (community_id, poll_id, holder_key, option_no, area_centi, units, ballot_id)
      select community_id, poll_id, holder_key, option_no, holder_area_centi, holder_units, ballot_id from ballots where poll_id = ${poll.pollId}`);
    await d.db.execute(sql`analyze ballots`);
    await d.db.execute(sql`analyze poll_votes`);
    const fresh = (await getPoll(d.db, poll.pollId))!;
    const time = async (fn: () => Promise<unknown>, reps = 15) => {
      await fn();
      const samples: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
    };
    const tallyMs = await time(() => pollTally(d.db, fresh));
    const countMs = await time(() => d.db.execute(sql`select count(*) from ballots where poll_id = ${poll.pollId}`));
    return {
      name: 'tally',
      measured: `${tallyMs.toFixed(1)} ms per tally (${(tallyMs / countMs).toFixed(2)}×)`,
      baseline: `${countMs.toFixed(1)} ms count(*)`,
      target: '≤ 3×',
      met: tallyMs / countMs <= 3,
    };
  });
}

/** Runs the benchmarks that exist so far. */
export async function runBenchmarks(opts: { pgUrl: string; log: (line: string) => void }): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  opts.log('ballots: 20,000 votes from 2,000 households …');
  out.push(await benchBallots(opts.pgUrl));
  opts.log('tally: 100,000 units, 80,000 ballots …');
  out.push(await benchTally(opts.pgUrl));
  for (const name of ['burst', 'fan-out', 'memory']) out.push({ name, measured: 'not measured yet', baseline: '—', target: 'see SPEC §12' });
  return out;
}
