/**
 * A fuzz run through the chat core on a real database: 20,000 generated messages (random Unicode,
 * zero-width and RTL characters, 64 KB texts, injection strings, malformed numbers and dates,
 * commands in the wrong places, forged button data) from residents and strangers. Nothing crashes
 * or rejects unhandled, no reply is the "internal error" sentence, and nothing the senders are not
 * entitled to change has changed.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/db/audit.js';
import { rows, type Db } from '../../src/db/client.js';
import { allCommandNames, commandWords } from '../../src/chat/parse-command.js';
import { en } from '../../src/chat/i18n/en.js';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
import type { ChatMessage } from '../../src/chat/model.js';
import { createChatWorld } from '../helpers/chat.js';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { bindAs, openAsChair, seedCommunity } from '../helpers/fixtures.js';

const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 20_000);
const ODD = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', '\u200E', '\u200F', '\u0000', '\u0007', '\u001B', '\uFFFD', '\uFFFF', '\uD800', '\uDFFF', '\u3000', '\uFF0F', '\uFF03', '\n', '\t'];
const INJECTION = ["'; drop table ballots; --", "' or '1'='1", '1; delete from polls', '$1', '$$', '%s%n', '${process.exit()}', '<script>alert(1)</script>', '{{7*7}}', '../../etc/passwd', '\\x00', '`rm -rf /`', 'null', 'undefined', '[object Object]', '__proto__', 'constructor'];
const NUMBERS = ['-1', '0', '1e9', '0x10', '1.5', 'NaN', 'Infinity', '９９９９９', '٣', '②', '99999999999999999999', '+1', '1,2', '#', '##1', '#-3', '1/0', ' 1 '];
const DATES = ['截止: 2026-02-30 25:61', '截止: 0000-00-00', 'deadline: -7d', 'deadline: 99999d', 'deadline: 1.5d', '截止: 明天', 'deadline: 2026-13-01', '截止：2026-12-05T20:00Z', '日期: 32日', '时间: 24:60', '每月第9个星期八 25:00', 'cron: * * * * * * *'];
const WORDS = allCommandNames().flatMap((n) => [`/${commandWords(n).en}`, ...commandWords(n).zh]);

/** A text made of the pieces above, random Unicode and now and then 64 KB of it. */
function textArb(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD) },
    { weight: 2, arbitrary: fc.constantFrom(...INJECTION) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 1, arbitrary: fc.constantFrom(...DATES) },
    { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 1, arbitrary: fc.constantFrom('同意', '反对', '弃权', '1-1-101', 'ABCDEFGH', '@yishi_bot', '规则: 重大事项', '公约', '不记名', '第一条', '物业公司') },
  );
  const body = fc.tuple(fc.array(piece, { maxLength: 8 }), fc.constantFrom(' ', '', '\n')).map(([xs, sep]) => xs.join(sep));
  const command = fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '', '\u3000', '：'), body).map(([w, s, b]) => `${w}${s}${b}`);
  const huge = fc.tuple(fc.constantFrom(...WORDS, ''), fc.constantFrom('长', 'x', '\u200B', '😀')).map(([w, c]) => `${w} ${c.repeat(65_536 / c.length)}`);
  return fc.oneof({ weight: 12, arbitrary: command }, { weight: 6, arbitrary: body }, { weight: 1, arbitrary: huge });
}

describe.each(DB_KINDS.includes('postgres') ? (['postgres'] as const) : (['pglite'] as const))('fuzz through the chat core [%s]', (kind) => {
  let d: TestDatabase;
  afterEach(async () => {
    await d?.drop();
  });

  it('survives 20,000 generated messages with no crash, no internal error and no change by anyone not entitled', { timeout: 240_000 }, async () => {
    d = await freshDatabase(kind);
    const w = createChatWorld(d.db, { rateLimit: { max: 1e9, windowMs: 1000 } });
    const roster = [1, 2, 3, 4, 5, 6].map((i) => ({ unit: `1-1-10${i}`, area: '80.00', owner: `业主${i}` }));
    const a = await seedCommunity(d.db, w.clock, roster, '甲小区');
    const b = await seedCommunity(d.db, w.clock, roster, '乙小区');
    const residents = ['r1', 'r2', 'r3', 'r4'];
    for (const [i, r] of residents.entries()) await bindAs(d.db, w.clock, a, r, `1-1-10${i + 1}`);
    await bindAs(d.db, w.clock, a, 'tenant', '1-1-105', true);
    await bindAs(d.db, w.clock, b, 'rb', '1-1-101');
    const gA = { group: '-1001' };
    const gB = { group: '-1002' };
    const gX = { group: '-1003' };
    await w.say(gA, { id: 'chair' }, `/setup ${a.setupCode}`);
    await w.say(gB, { id: 'chairB' }, `/setup ${b.setupCode}`);
    const pollA = await openAsChair(d.db, w.clock, a.id);
    const pollB = await openAsChair(d.db, w.clock, b.id);
    await w.say(gA, { id: 'r1' }, '提议 修一修3号楼的路灯');
    await w.say(gB, { id: 'rb' }, '提议 乙小区的议题');
    const before = await snapshot(d.db);

    const senders = [...residents, 'tenant', 'stranger1', 'stranger2', 'chairless'];
    const places = [gA, gB, gX, 'private' as const];
    const button = fc.oneof(
      fc.tuple(fc.constantFrom(pollA.pollId, pollB.pollId, 0, -1, 2 ** 31, 999_999), fc.constantFrom('1', '2', '3', '0', '99', '-1', 'x', '1.5', '')).map(([p, o]) => `v:${p}:${o}`),
      fc.string({ unit: 'binary', maxLength: 64 }).map((s) => `v:${s}`),
      fc.string({ unit: 'binary', maxLength: 64 }),
    );
    const message = fc.record({
      place: fc.constantFrom(...places),
      who: fc.constantFrom(...senders),
      lang: fc.constantFrom(undefined, 'en', 'zh-hans', 'ar', ''),
      text: textArb(),
      mentioned: fc.boolean(),
      button: fc.option(button, { freq: 6 }),
    });
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const generated = fc.sample(message, { numRuns: MESSAGES, seed });
    expect(generated.length).toBe(MESSAGES);

    const unhandled: unknown[] = [];
    const failing: typeof generated = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    try {
      let next = 0;
      const inFlight = kind === 'postgres' ? 8 : 1;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          for (let i = next++; i < generated.length; i = next++) {
            const m = generated[i]!;
            const extra: Partial<ChatMessage> = { mentioned: m.mentioned, ...(m.button != null ? { button: { data: m.button, messageId: '1' }, text: '' } : {}) };
            const effects = await w.say(m.place, { id: m.who, ...(m.lang != null ? { lang: m.lang } : {}) }, m.text, extra);
            if (effects.some((e) => 'text' in e && (e.text === zhCN.common.internalError || e.text === en.common.internalError))) failing.push(m);
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }

    expect(unhandled, `seed ${seed}`).toEqual([]);
    // Many of them reached a feature and were answered (group chatter, chatter after a command word and
    // unknown buttons are rightly ignored; a vote in a group is acknowledged by a reaction and privately).
    expect(w.transport.sent.length).toBeGreaterThan(MESSAGES / 10);
    const internal = w.transport.sent.filter((s) => s.text === zhCN.common.internalError || s.text === en.common.internalError);
    expect(failing.slice(0, 5).map((m) => ({ ...m, text: m.text.slice(0, 200) })), `seed ${seed}`).toEqual([]);
    expect(internal.length, `seed ${seed}`).toBe(0);
    expect(await snapshot(d.db), `seed ${seed}`).toEqual(before);
    // Ballots only from the bound owners of 甲, none at all in 乙; new topics only by 甲's members.
    const voters = await rows<{ user_id: string; community_id: number }>(
      d.db,
      sql`select distinct m.user_id, b.community_id from ballots b join members m on m.member_id = b.member_id`,
    );
    for (const v of voters) expect(v.community_id === a.id && residents.includes(v.user_id), `${v.user_id} voted in ${v.community_id} (seed ${seed})`).toBe(true);
    const proposers = await rows<{ user_id: string; community_id: number }>(
      d.db,
      sql`select distinct m.user_id, t.community_id from topics t join members m on m.member_id = t.proposed_by`,
    );
    for (const p of proposers) expect(p.community_id === a.id ? [...residents, 'tenant'].includes(p.user_id) : p.user_id === 'rb', `seed ${seed}`).toBe(true);
    for (const c of [a.id, b.id]) expect((await verifyAudit(d.db, c)).ok, `seed ${seed}`).toBe(true);
  });
});

/** What no fuzz sender may change: every row of these tables, and the topics that existed before. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const tables = ['communities', 'groups', 'units', 'binding_codes', 'polls', 'poll_options', 'poll_messages', 'conventions'];
  for (const t of tables) out[t] = await rows(db, sql`select * from ${sql.raw(t)} t order by t::text`);
  // The deliberation day's meeting row is made by the service itself the first time meetings are listed.
  out.meetings = await rows(db, sql`select * from meetings where kind <> 'deliberation' order by meeting_id`);
  out.members = await rows(db, sql`select community_id, platform, user_id, unit_id, relation, role from members order by member_id`);
  out.ballotsOfB = await rows(db, sql`select b.* from ballots b join polls p using (poll_id) join communities c on c.community_id = p.community_id where c.name = '乙小区'`);
  out.firstTopics = await rows(db, sql`select topic_id, community_id, topic_no, status, title from topics where topic_no = 1 order by topic_id`);
  return out;
}
