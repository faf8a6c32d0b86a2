import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { systemClock } from '../../src/app/clock.js';
import { createCommunity } from '../../src/app/communities.js';
import { findMembers } from '../../src/app/members.js';
import { createChatWorld } from '../../test/helpers/chat.js';
import { rows } from '../../src/db/client.js';
import { startHttp } from '../../src/http.js';
import { createWebApp, webRoute } from '../../src/web/app.js';
import { linkKeyOf } from '../../src/web/links.js';
import { csrfTokenOf, issueSignInLink, redeemSignInLink } from '../../src/web/sessions.js';
import { openBenchPoll, runInFlight, seedRoster } from './ballots.js';
import { withFreshDb } from './fresh-db.js';
import { benchRow, type BenchRow } from './types.js';

const HOUSEHOLDS = 2_000;
/** Votes each kind casts, measured (half of them in each of its two rounds). */
const VOTES = Number(process.env.BENCH_WEB_VOTES ?? 4_000);
const IN_FLIGHT = 8;
/** Votes each way casts before the measured ones. */
const WARM_UP = 400;
const READERS = Number(process.env.BENCH_WEB_READERS ?? 200);

const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0;
};


/** Seconds a reader spends on the page before loading it again (0: back to back, the server's capacity). */
const READ_MS = Number(process.env.BENCH_WEB_READ_MS ?? 1000);

/**
 * The load, on an event loop of its own (a worker thread), so what is measured is the server's answer,
 * not the server's event loop generating requests: `readers` residents each loading the page, reading
 * it for about `readMs` (±50%), and loading it again; or, given `votes`, households voting through the
 * page's form, `inFlight` at a time. node:http with kept-alive connections: fetch() costs several
 * times more per request here, and the load generator must not be what is measured.
 */
const LOAD_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(w.readers || 0, w.inFlight || 0) });
const request = (path, opts, body) => new Promise((resolve) => {
  const req = http.request(w.base + path, { agent, ...opts }, (res) => {
    res.resume();
    res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location || '' }));
  });
  req.on('error', () => resolve({ status: 0, location: '' }));
  req.end(body);
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let going = true;
parentPort.on('message', () => { going = false; });
async function reader(i) {
  // Readers arrive spread over their first reading pause, not all in the same millisecond.
  if (w.readMs) await sleep(Math.random() * w.readMs);
  const latencies = [];
  let failures = 0;
  while (going) {
    const t0 = performance.now();
    const r = await request(w.path, { method: 'GET' });
    latencies.push(performance.now() - t0);
    if (r.status !== 200) failures++;
    if (w.readMs) await sleep(w.readMs * (0.5 + Math.random()));
  }
  return { latencies, failures };
}
async function voters() {
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: w.inFlight }, async () => {
    for (let i = next++; i < w.votes.length; i = next++) {
      const v = w.votes[i];
      const body = 'csrf=' + v.csrf + '&option=' + v.option;
      const r = await request(w.path + '/vote', {
        method: 'POST',
        headers: { origin: w.base, cookie: 'yishi_session=' + v.session, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      }, body);
      if (r.status !== 303 || !/voted=/.test(r.location)) failures++;
    }
  }));
  return { ms: performance.now() - t0, failures };
}
if (w.votes) voters().then((r) => parentPort.postMessage(r));
else Promise.all(Array.from({ length: w.readers }, (_, i) => reader(i))).then((all) =>
  parentPort.postMessage({ latencies: all.flatMap((a) => a.latencies), failures: all.reduce((n, a) => n + a.failures, 0) }));
`;

function loadWorker<T>(data: Record<string, unknown>): { done: Promise<T>; stop(): Promise<T> } {
  const worker = new Worker(LOAD_SOURCE, { eval: true, workerData: data });
  const done = new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
  return {
    done,
    async stop() {
      worker.postMessage('stop');
      return done;
    },
  };
}

/**
 * SPEC §12 `web`: 200 readers load a poll's page over and over while households vote on another
 * poll's page through the web (signed in, POST with the form token), 8 votes in flight; against
 * votes through the chat core at the same concurrency in the same run, on the same database.
 */
export async function benchWeb(serverUrl: string): Promise<BenchRow[]> {
  return withFreshDb(
    serverUrl,
    async ({ database }) => {
      const db = database.db;
      const c = await createCommunity(db, systemClock, { name: 'bench-web', timezone: 'Asia/Shanghai', noticeDays: 0 });
      if (!c.ok) throw new Error(c.code);
      await seedRoster(db, c.id, HOUSEHOLDS);
      const chatPoll = await openBenchPoll(db, c.id);
      const webPoll = await openBenchPoll(db, c.id);
      const warmPoll = await openBenchPoll(db, c.id);
      const world = createChatWorld(db, { start: new Date().toISOString(), rateLimit: { max: 1e9, windowMs: 1000 } });
      world.clock.set(new Date());
      let port = 0;
      const app = createWebApp({
        db,
        now: () => new Date(),
        publicUrl: () => `http://127.0.0.1:${port}`,
        ballots: world.messaging.services.ballots,
        votePolls: world.messaging.services.votePolls,
        afterVote: (poll) => world.core.enqueue([{ kind: 'card', pollId: poll.pollId }], { communityId: poll.communityId, cause: `web:${poll.pollId}:${Math.random()}` }),
      });
      const http = await startHttp({ port: 0, health: async () => ({ ok: true, database: 'up', platforms: {} }), metrics: () => '', routes: [webRoute(app)] });
      port = http.port;
      const base = `http://127.0.0.1:${port}`;
      try {
        // One session a household, made as a sign-in link would make it.
        const all = await findMembers(db, c.id, 'telegram', Array.from({ length: HOUSEHOLDS }, (_, i) => `u${i + 1}`));
        const sessions: string[] = [];
        for (const m of all.values()) sessions.push((await redeemSignInLink(db, await issueSignInLink(db, m, new Date()), new Date()))!);
        const key = await linkKeyOf(db, webPoll, 'poll', new Date());
        const warmKey = await linkKeyOf(db, warmPoll, 'poll', new Date());

        // Both kinds of vote go in beside the same 200 readers, one kind after the other: the ratio is
        // what the web path costs against the chat core under the same load.
        const path = `/p/${key}`;
        const readers = loadWorker<{ latencies: number[]; failures: number }>({ base, path, readers: READERS, readMs: READ_MS });
        await new Promise((r) => setTimeout(r, Math.max(500, READ_MS)));
        const chatVotes = (n: number, pollNo: number, tag: string) =>
          runInFlight(n, IN_FLIGHT, (i) => {
            const h = (i % HOUSEHOLDS) + 1;
            return world.core.receive({
              platform: 'telegram', updateKey: `${tag}${i}`, chatId: `u${h}`, chatKind: 'private', chatTitle: '',
              sender: { userId: `u${h}`, name: 'x' }, text: `/vote ${pollNo} ${(i % 3) + 1}`, mentioned: false, mentions: [],
            });
          });
        const webVotes = (n: number, at: string) => {
          const votes = Array.from({ length: n }, (_, i) => {
            const session = sessions[i % sessions.length]!;
            return { session, csrf: csrfTokenOf(session), option: (i % 3) + 1 };
          });
          return loadWorker<{ ms: number; failures: number }>({ base, path: at, votes, inFlight: IN_FLIGHT }).done;
        };
        // Both ways warmed up alike first (compiled, caches filled), on a poll of their own, not measured.
        await chatVotes(WARM_UP, warmPoll.pollNo, 'warm');
        await webVotes(WARM_UP, `/p/${warmKey}`);
        // Measured in four rounds, chat, web, web, chat: a machine that slows down or speeds up during
        // the run weighs on both kinds alike (one round each gave 0.66–0.99× from run to run).
        let chatMs = 0;
        let webMs = 0;
        let voteFailures = 0;
        for (const [round, kind] of (['chat', 'web', 'web', 'chat'] as const).entries()) {
          if (kind === 'chat') chatMs += await chatVotes(VOTES / 2, chatPoll.pollNo, `w${round}-`);
          else {
            const r = await webVotes(VOTES / 2, path);
            webMs += r.ms;
            voteFailures += r.failures;
          }
        }
        const { latencies, failures: readFailures } = await readers.stop();
        const [counted] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ballots where poll_id = ${webPoll.pollId}`);
        if (voteFailures || counted!.n !== VOTES) throw new Error(`web votes: ${voteFailures} refused, ${counted!.n} of ${VOTES} written`);
        const webRate = (VOTES / webMs) * 1000;
        const chatRate = (VOTES / chatMs) * 1000;
        const tail = p99(latencies);
        return [
          benchRow({
            bench: 'web.p99',
            value: tail,
            reference: null,
            unit: 'ms',
            target: '≤ 100 ms a poll page, 200 readers',
            met: tail <= 100 && readFailures === 0,
            note: `${latencies.length} page loads by ${READERS} readers, ${READ_MS ? `each reading about ${READ_MS / 1000} s between loads` : 'back to back'}, while the votes went in${readFailures ? `; ${readFailures} failed` : ''}`,
          }),
          benchRow({
            bench: 'web.votes',
            value: webRate,
            reference: chatRate,
            unit: 'votes/s',
            target: '≥ 0.8× chat-core votes',
            met: webRate / chatRate >= 0.8,
            note: `${IN_FLIGHT} in flight; each kind beside the same ${READERS} readers`,
          }),
        ];
      } finally {
        await http.close();
      }
    },
    { max: 20 },
  );
}
