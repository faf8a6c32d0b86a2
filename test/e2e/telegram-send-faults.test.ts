/**
 * Failing sends on Telegram, end to end: the real service against the stand-in Bot API server,
 * which answers some calls with the errors Telegram gives (a group that forbids media, server
 * errors, a person who blocked the bot, flood control). Each chat's messages are checked in order:
 * nothing twice, nothing later held back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PG_ENABLED } from '../helpers/db.js';
import { captureLogs } from '../helpers/log-capture.js';
import { ALICE, BOB, CAROL, DAVE, GROUP, dm, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const NO_PHOTOS = { error_code: 400, description: 'Bad Request: not enough rights to send photos to the chat' };
const BAD_GATEWAY = { error_code: 502, description: 'Bad Gateway' };

/** What the group shows: each text's first line, each picture as [图] and its caption. */
const heads = (w: TelegramWorld): string[] => w.fake.sent(GROUP.id).map((m) => (m.via === 'sendPhoto' ? `[图] ${m.text}` : m.text.split('\n')[0]!));

/** Opens poll `no` in the group, BOB votes by button, ALICE closes it: returns the result message. */
async function pollVoteClose(w: TelegramWorld, no: number, title: string) {
  const card = await w.ask(GROUP, ALICE, `/poll ${title}\n同意\n反对\n规则: 一般事项\n开始: 立即\n确认规则`);
  const answered = w.fake.callsTo('answerCallbackQuery').length;
  w.fake.pressButton({ chat: GROUP, from: BOB, messageId: card.messageId, data: card.replyMarkup.inline_keyboard[0][0].callback_data });
  await w.waitFor(() => w.fake.callsTo('answerCallbackQuery')[answered]);
  return w.ask(GROUP, ALICE, `/close ${no}`);
}

async function metrics(w: TelegramWorld): Promise<string> {
  return fetch(`http://127.0.0.1:${w.service.httpPort}/metrics`).then((r) => r.text());
}

describe.runIf(PG_ENABLED)('Telegram sends that fail [postgres]', () => {
  it('a group that refuses pictures gets each result text once, saying where the chart is, and is remembered', async () => {
    const w = (world = await startTelegramWorld('postgres', { before: (fake) => fake.failFor('sendPhoto', GROUP.id, Infinity, NO_PHOTOS) }));
    await w.setupAndBind([ALICE, BOB]);

    await pollVoteClose(w, 1, '更换电梯');
    // The picture is refused after the text went out: the text is amended in place, not sent again.
    const first = await w.waitFor(() => w.fake.sent(GROUP.id).find((m) => m.text.startsWith('【表决 #1】更换电梯 — ') && m.edits.length));
    expect(first.text).toMatch(/\n结果：无效（参与不足）\n\n本群不允许机器人发图片：表决 #1 的结果图见打印的结果公告。$/);
    expect(first.edits).toHaveLength(1);

    // The next result goes as text alone, saying so from the start: no picture is tried.
    const second = await pollVoteClose(w, 2, '粉刷楼道');
    expect(second.text).toMatch(/\n结果：无效（参与不足）\n\n本群不允许机器人发图片：表决 #2 的结果图见打印的结果公告。$/);
    expect(heads(w).slice(1)).toEqual(['【表决 #1】更换电梯', '【表决 #1】更换电梯 — 无效（参与不足）', '【表决 #2】粉刷楼道', '【表决 #2】粉刷楼道 — 无效（参与不足）']);
    expect(w.fake.callsTo('sendPhoto')).toHaveLength(1);
    const resultSends = w.fake.callsTo('sendMessage').filter((c) => String(c.params.text).includes(' — 无效（参与不足）'));
    expect(resultSends.map((c) => String(c.params.text).split('\n')[0])).toEqual(['【表决 #1】更换电梯 — 无效（参与不足）', '【表决 #2】粉刷楼道 — 无效（参与不足）']);
    expect(await metrics(w)).toMatch(/^yishi_send_failures_total\{platform="telegram",reason="rights"\} 1$/m);
  });

  // The picture's retries wait 1, 2 and 4 s.
  it('three server errors on a picture: text and picture once each, and the chat\'s later messages go past the retrying one', { timeout: 90_000 }, async () => {
    const logs = captureLogs();
    const firstChart = (params: Record<string, unknown>) => String(params.caption ?? '').startsWith('表决 #1 ');
    const w = (world = await startTelegramWorld('postgres', { logger: logs.logger, before: (fake) => fake.failFor('sendPhoto', firstChart, 3, BAD_GATEWAY) }));
    await w.setupAndBind([ALICE, BOB]);

    await pollVoteClose(w, 1, '更换电梯');
    // While poll 1's picture waits for its retry, poll 2 is opened, voted on and closed.
    await pollVoteClose(w, 2, '粉刷楼道');
    await w.fake.waitFor(() => w.fake.sent(GROUP.id).find((m) => m.text.startsWith('表决 #1 结果图')), 60_000);
    await w.waitFor(() => w.fake.sent(GROUP.id).find((m) => m.text.startsWith('表决 #2 结果图')));

    const shown = heads(w).slice(1);
    expect(shown.filter((h) => !h.startsWith('[图]'))).toEqual(['【表决 #1】更换电梯', '【表决 #1】更换电梯 — 无效（参与不足）', '【表决 #2】粉刷楼道', '【表决 #2】粉刷楼道 — 无效（参与不足）']);
    expect(shown.filter((h) => h.startsWith('[图]')).sort()).toEqual(['[图] 表决 #1 结果图：无效（参与不足）', '[图] 表决 #2 结果图：无效（参与不足）']);
    // Poll 2's card and result were not held behind poll 1's picture, nor was poll 2's picture.
    expect(shown.indexOf('[图] 表决 #1 结果图：无效（参与不足）')).toBe(shown.length - 1);
    expect(shown.indexOf('[图] 表决 #2 结果图：无效（参与不足）')).toBeGreaterThan(shown.indexOf('【表决 #2】粉刷楼道 — 无效（参与不足）'));

    const photoCalls = w.fake.callsTo('sendPhoto').filter((c) => firstChart(c.params));
    expect(photoCalls.map((c) => c.error?.error_code ?? 'ok')).toEqual([502, 502, 502, 'ok']);
    expect(w.fake.callsTo('sendMessage').filter((c) => String(c.params.text).startsWith('【表决 #1】更换电梯 — '))).toHaveLength(1);
    expect(await metrics(w)).toMatch(/^yishi_send_failures_total\{platform="telegram",reason="server_error"\} 3$/m);
    // One line for the chat and reason, not one per retry.
    const retried = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.reason === 'server_error');
    expect(retried.map((l) => [l.msg, l.chat])).toEqual([['sending failed; will retry', String(GROUP.id)]]);
  });

  it('a person who blocked the bot gets nothing; everyone else gets theirs', async () => {
    const blocked = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    const w = (world = await startTelegramWorld('postgres'));
    await w.setupAndBind([ALICE, BOB, CAROL, DAVE]);
    const card = await w.ask(GROUP, ALICE, '/poll 更换电梯\n同意\n反对\n规则: 一般事项\n开始: 立即\n确认规则');
    w.fake.failFor('sendMessage', CAROL.id, Infinity, blocked);
    const before = new Map([ALICE, BOB, CAROL, DAVE].map((p) => [p.id, w.fake.sent(p.id).length]));
    // Typed votes: each voter's receipt goes privately.
    for (const p of [ALICE, BOB, CAROL, DAVE]) w.fake.sendText({ chat: GROUP, from: p, text: '投票 1 1' });
    for (const p of [ALICE, BOB, DAVE]) await w.nth(p.id, before.get(p.id)!);
    await w.waitFor(() => w.fake.sent(GROUP.id).find((m) => m.messageId === card.messageId)?.edits.at(-1)?.includes('人数 4/4'));
    for (const p of [ALICE, BOB, DAVE]) {
      const got = w.fake.sent(p.id).slice(before.get(p.id)!).map((m) => m.text.split('\n')[0]);
      expect(got).toEqual(['已记录：表决 #1，您家投的是“同意”。']);
    }
    // Carol's receipt is tried once, in its own turn of the dispatcher, and never again.
    const refusedCarol = () => w.fake.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === String(CAROL.id) && c.error);
    await w.waitFor(() => refusedCarol().length > 0);
    expect(w.fake.sent(CAROL.id)).toHaveLength(before.get(CAROL.id)!);
    expect(refusedCarol()).toHaveLength(1);
    expect(await metrics(w)).toMatch(/^yishi_send_failures_total\{platform="telegram",reason="blocked"\} 1$/m);
    // The others' chats go on.
    expect((await w.ask(dm(BOB), BOB, '/me')).text).toContain('3-2-502');
  });

  it('flood control: the retry waits what Telegram asked and nothing goes twice', async () => {
    const w = (world = await startTelegramWorld('postgres'));
    await w.setupAndBind([ALICE, BOB]);
    const sentBefore = w.fake.sent(GROUP.id).length;
    w.fake.failFor('sendMessage', GROUP.id, 1, { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    w.fake.sendText({ chat: GROUP, from: ALICE, text: '/polls' });
    w.fake.sendText({ chat: dm(BOB), from: BOB, text: '/polls' });
    const reply = await w.nth(GROUP.id, sentBefore);
    expect(w.fake.sent(GROUP.id).slice(sentBefore).map((m) => m.text)).toEqual([reply.text]);
    const tries = w.fake.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === String(GROUP.id) && c.params.text === reply.text);
    expect(tries.map((c) => c.error?.error_code ?? 'ok')).toEqual([429, 'ok']);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1900);
    // Another chat was not held by the group's flood control.
    const bobs = w.fake.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === String(BOB.id));
    expect(bobs.at(-1)!.at).toBeLessThan(tries[1]!.at);
    expect(await metrics(w)).toMatch(/^yishi_send_failures_total\{platform="telegram",reason="flood"\} 1$/m);
  });
});
