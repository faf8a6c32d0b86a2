/**
 * Text PostgreSQL cannot store (a NUL character, half of a surrogate pair) is cleaned where messages
 * come in: what a handler keeps of such a message is written without a database error.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createCommunity } from '../../src/app/communities.js';
import { importFaq } from '../../src/app/faq.js';
import { importFees } from '../../src/app/fees.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { storableText } from '../../src/chat/intake.js';
import { rows } from '../../src/db/client.js';
import { storable } from '../../src/db/inbox-repo.js';
import { createChatWorld } from '../helpers/chat.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { FAQ_CSV, FEES_CSV } from '../helpers/fee-seed.js';

const INTERNAL_ERROR = '抱歉，处理时出了点问题，您的操作没有生效。请稍后再试；如果一直不行，请联系社区工作人员。';
const DONT_KNOW = '这个问题我现在还答不上来，已经转给业委会了。他们回答后我会私信告诉您（微信请先加我为好友）。';

it('drops NUL characters and lone surrogate halves, leaving whole pairs alone', () => {
  expect(storableText('暖气费\u0000怎么收')).toBe('暖气费怎么收');
  expect(storableText('有线电视费\uD800多少\uDC00')).toBe('有线电视费多少');
  expect(storableText('同意😀')).toBe('同意😀');
  expect(storableText('\uDC00\uD800')).toBe('');
});

it('writes JSON for the database with such characters as U+FFFD, and other text (a typed "\\u0000" too) unchanged', () => {
  expect(JSON.parse(storable({ a: ['x\u0000y', { b: '\uD800z' }], c: 1 }))).toEqual({ a: ['x\uFFFDy', { b: '\uFFFDz' }], c: 1 });
  expect(storable({ t: '同意😀' })).toBe(JSON.stringify({ t: '同意😀' }));
  expect(JSON.parse(storable({ t: '\\u0000 \\uD800' }))).toEqual({ t: '\\u0000 \\uD800' });
});

describeEachDb('text PostgreSQL cannot store, as it comes in', (kind) => {
  const d = useFreshDatabase(kind);

  it('keeps a fee question, a topic and a group title with NUL and lone surrogates without a database error', async () => {
    const w = createChatWorld(d.db);
    const c = await createCommunity(d.db, w.clock, { name: '幸福里', timezone: 'Asia/Shanghai' });
    if (!c.ok) throw new Error('community');
    await importUnits(d.db, w.clock, c.id, 'unit,area_m2,owner_name,owner_id\n3-2-501,100.00,张三,\n');
    await importFees(d.db, w.clock, c.id, FEES_CSV);
    await importFaq(d.db, w.clock, c.id, FAQ_CSV);
    const g = { group: '-100' };
    await w.say(g, { id: 'chair' }, `开通 ${c.setupCode}`, { chatTitle: '幸福里\u0000业主群\uD800' });
    const code = (await listCodes(d.db, w.clock, c.id))[0]!.code;
    await w.say('private', { id: 'r0', name: '张\u0000三\uDC00' }, `绑定 3-2-501 ${code}`);

    // Fee questions overheard in the group that the community has no entry for: kept for the committee.
    let mark = w.transport.sent.length;
    await w.say(g, { id: 'r0' }, '暖气费\u0000怎么收？');
    await w.say(g, { id: 'r0' }, '有线电视费\uD800多少');
    expect(w.transport.sent.slice(mark).map((s) => s.text)).toEqual([DONT_KNOW, DONT_KNOW]);

    mark = w.transport.sent.length;
    await w.say(g, { id: 'r0' }, '提议 东门\u0000加装路灯\uDC00');
    const announced = w.transport.sent.slice(mark).map((s) => s.text);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toContain('东门加装路灯');
    expect(w.transport.sent.map((s) => s.text)).not.toContain(INTERNAL_ERROR);

    const pending = await rows<{ question: string }>(d.db, sql`select question from faq_pending order by pending_no`);
    expect(pending.map((p) => p.question)).toEqual(['暖气费怎么收？', '有线电视费多少']);
    const topics = await rows<{ title: string }>(d.db, sql`select title from topics`);
    expect(topics.map((t) => t.title)).toEqual(['东门加装路灯']);
    const groups = await rows<{ title: string }>(d.db, sql`select title from groups`);
    expect(groups.map((x) => x.title)).toEqual(['幸福里业主群']);
  });
});
