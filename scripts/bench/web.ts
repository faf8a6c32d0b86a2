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
const VOTES = Number(process.env.BENCH_WEB_VOTES ?? 2_000);
const IN_FLIGHT = 8;
const READERS = Number(process.env.BENCH_WEB_READERS ?? 200);

const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0;
};


/**
 * The readers, on an event loop of their own (a worker thread): 200 clients fetching the page in a
 * loop, so the load they make is the server's to answer, not the server's event loop's to generate.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
// node:http with kept-alive connections: fetch() costs several times more per request here, and the
// load generator must not be what is measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.readers });
const get = () => new Promise((resolve) => {
  http.get(workerData.url, { agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode === 200)); }).on('error', () => resolve(false));
});
const latencies = [];
let failures = 0;
let reading = true;
parentPort.on('message', () => { reading = false; });
async function reader() {
  while (reading) {
    const t0 = performance.now();
    if (!(await get())) failures++;
    latencies.push(performance.now() - t0);
  }
}
Promise.all(Array.from({ length: workerData.readers }, reader)).then(() => parentPort.postMessage({ latencies, failures }));
`;

function startReaders(url: string, readers: number): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const worker = new Worker(READER_SOURCE, { eval: true, workerData: { url, readers } });
  const done = new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const r = await done;
      await worker.terminate();
      return r;
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
      const world = createChatWorld(db, { start: new Date().toISOString(), rateLimit: { max: 1e9, windowMs: 1000 } });
      world.clock.set(new Date());
      let port = 0;
      const app = createWebApp({
        db,
        now: () => new Date(),
        publicUrl: () => `http://127.0.0.1:${port}`,
        ballots: world.messaging.services.ballots,
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

        // Both kinds of vote go in beside the same 200 readers, one kind after the other: the ratio is
        // what the web path costs against the chat core under the same load.
        const readers = startReaders(`${base}/p/${key}`, READERS);
        await new Promise((r) => setTimeout(r, 500));
        const chatMs = await runInFlight(VOTES, IN_FLIGHT, (i) => {
          const h = (i % HOUSEHOLDS) + 1;
          return world.core.receive({
            platform: 'telegram', updateKey: `w${i}`, chatId: `u${h}`, chatKind: 'private', chatTitle: '',
            sender: { userId: `u${h}`, name: 'x' }, text: `/vote ${chatPoll.pollNo} ${(i % 3) + 1}`, mentioned: false, mentions: [],
          });
        });
        let voteFailures = 0;
        const webMs = await runInFlight(VOTES, IN_FLIGHT, async (i) => {
          const session = sessions[i % sessions.length]!;
          const res = await fetch(`${base}/p/${key}/vote`, {
            method: 'POST',
            redirect: 'manual',
            headers: { origin: base, cookie: `yishi_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
            body: `csrf=${csrfTokenOf(session)}&option=${(i % 3) + 1}`,
          });
          if (res.status !== 303 || !/voted=/.test(res.headers.get('location') ?? '')) voteFailures++;
          await res.arrayBuffer();
        });
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
            note: `${latencies.length} page loads by ${READERS} readers while ${VOTES} web votes went in${readFailures ? `; ${readFailures} failed` : ''}`,
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
