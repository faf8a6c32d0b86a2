/**
 * Proves test/helpers/fake-bot-api.ts against the REAL grammY stack: a Bot whose
 * client points at the fake, long polling through @grammyjs/runner, with
 * sequentialize and auto-retry installed (as the adapter has them; what the outbox
 * dispatcher sends is paced by its own budget, not by a throttler).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InlineKeyboard, InputFile, type Context } from 'grammy';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js';

const GROUP = { id: -1001234567890, type: 'supergroup' as const, title: 'Building 3 residents' };
const ALICE = { id: 1111, first_name: 'Alice', username: 'alice', language_code: 'zh-hans' };
const BOB = { id: 2222, first_name: 'Bob' };
const ALICE_DM = { id: ALICE.id, type: 'private' as const };

let fake: FakeBotApi | undefined;
let runner: RunnerHandle | undefined;
let bot: Bot | undefined;

afterEach(async () => {
  // Stop polling first (aborts the held getUpdates at once), then close the server.
  if (runner?.isRunning()) await runner.stop();
  if (bot?.isRunning()) await bot.stop();
  await fake?.close();
  runner = undefined;
  bot = undefined;
  fake = undefined;
});

interface Harness {
  fake: FakeBotApi;
  bot: Bot;
  /** errors that reached bot.catch */
  errors: unknown[];
  /** update_ids in the order the middleware saw them */
  seen: number[];
}

/** A small bot shaped like our adapter: runner + sequentialize + auto-retry. */
async function setup(configure?: (bot: Bot, h: Harness) => void): Promise<Harness> {
  fake = await startFakeBotApi({ botUsername: 'yishi_test_bot' });
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 }));
  const h: Harness = { fake, bot, errors: [], seen: [] };
  bot.catch((err) => {
    h.errors.push(err.error);
  });
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    h.seen.push(ctx.update.update_id);
    await next();
  });
  bot.command('ping', (ctx) => ctx.reply('pong', { reply_parameters: { message_id: ctx.msg.message_id } }));
  configure?.(bot, h);
  return h;
}

function start(b: Bot): RunnerHandle {
  runner = run(b);
  return runner;
}

describe('fake Bot API server driven by real grammY', () => {
  it('answers /ping in a group and in a private chat', async () => {
    const h = await setup((b) => {
      b.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.msg.text} (${ctx.chat.type})`));
    });
    start(h.bot);

    const u1 = h.fake.sendText({ chat: GROUP, from: ALICE, text: '/ping' });
    const reply = await h.fake.waitFor(() => h.fake.sent(GROUP.id)[0]);
    expect(reply.text).toBe('pong');
    expect(reply.replyToMessageId).toBe(h.fake.messageIdOf(u1));

    // addressed form used in groups
    h.fake.sendText({ chat: GROUP, from: BOB, text: '/ping@yishi_test_bot' });
    await h.fake.waitFor(() => h.fake.sent(GROUP.id).length === 2);

    // private chat, non-command text
    h.fake.sendText({ chat: ALICE_DM, from: ALICE, text: '你好' });
    const dm = await h.fake.waitFor(() => h.fake.sent(ALICE.id)[0]);
    expect(dm.text).toBe('echo: 你好 (private)');

    // run() initialises the bot via getMe; the message shapes are real Bot API shapes
    expect(h.fake.calls[0]?.method).toBe('getMe');
    expect(h.bot.botInfo.username).toBe('yishi_test_bot');
    const send = h.fake.callsTo('sendMessage')[0]!;
    expect(send.params).toMatchObject({ chat_id: GROUP.id, text: 'pong' });
    expect(send.result).toMatchObject({
      message_id: reply.messageId,
      chat: { id: GROUP.id, type: 'supergroup', title: GROUP.title },
      from: { id: h.fake.botInfo.id, is_bot: true, username: 'yishi_test_bot' },
      text: 'pong',
    });
    expect(h.errors).toEqual([]);
  });

  it('delivers an inline button press as callback_query; answer and edit are recorded', async () => {
    const h = await setup((b) => {
      b.command('vote', (ctx) =>
        ctx.reply('Repaint the lobby?', {
          reply_markup: new InlineKeyboard().text('Yes', 'vote:yes').text('No', 'vote:no'),
        }),
      );
      b.callbackQuery(/^vote:(yes|no)$/, async (ctx) => {
        await ctx.answerCallbackQuery({ text: 'Recorded' });
        await ctx.editMessageText(`${ctx.from.first_name} voted ${ctx.match[1]}`);
      });
    });
    start(h.bot);

    h.fake.sendText({ chat: GROUP, from: ALICE, text: '/vote' });
    const poll = await h.fake.waitFor(() => h.fake.sent(GROUP.id)[0]);
    expect(poll.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: 'Yes', callback_data: 'vote:yes' },
          { text: 'No', callback_data: 'vote:no' },
        ],
      ],
    });

    const u = h.fake.pressButton({ chat: GROUP, from: BOB, messageId: poll.messageId, data: 'vote:no' });
    expect(h.fake.getUpdate(u)?.callback_query).toMatchObject({
      data: 'vote:no',
      from: { id: BOB.id },
      message: { message_id: poll.messageId, chat: { id: GROUP.id } },
    });

    await h.fake.waitFor(() => h.fake.callsTo('editMessageText')[0]);
    const answer = h.fake.callsTo('answerCallbackQuery');
    expect(answer).toHaveLength(1);
    expect(answer[0]!.params).toMatchObject({ callback_query_id: h.fake.getUpdate(u)!.callback_query.id, text: 'Recorded' });
    expect(h.fake.callsTo('editMessageText')[0]!.params).toMatchObject({
      chat_id: GROUP.id,
      message_id: poll.messageId,
      text: 'Bob voted no',
    });
    const edited = h.fake.sent(GROUP.id)[0]!;
    expect(edited.edits).toEqual(['Bob voted no']);
    expect(edited.text).toBe('Bob voted no');
    expect(edited.replyMarkup).toBeUndefined(); // editMessageText without reply_markup drops the keyboard, as on Telegram
    // ...so the button can no longer be pressed
    expect(() => h.fake.pressButton({ chat: GROUP, from: ALICE, messageId: poll.messageId, data: 'vote:yes' })).toThrow(/no button/);
    expect(h.errors).toEqual([]);
  });

  it('redelivers an update with the same update_id; dedupe is up to the bot', async () => {
    const handled = new Set<number>();
    const h = await setup((b) => {
      b.use(async (ctx, next) => {
        if (handled.has(ctx.update.update_id)) return; // the bot's own idempotency guard
        handled.add(ctx.update.update_id);
        await next();
      });
      b.on('message:text', (ctx) => ctx.reply(`got ${ctx.msg.text}`));
    });
    start(h.bot);

    const u = h.fake.sendText({ chat: ALICE_DM, from: ALICE, text: 'first' });
    await h.fake.waitFor(() => h.fake.sent(ALICE.id)[0]);

    h.fake.redeliver(u);
    await h.fake.waitFor(() => h.seen.filter((id) => id === u).length === 2);

    // a later message is still processed normally, and only two replies exist
    const u2 = h.fake.sendText({ chat: ALICE_DM, from: ALICE, text: 'second' });
    await h.fake.waitFor(() => h.fake.sent(ALICE.id).length === 2);
    expect(h.seen).toEqual([u, u, u2]);
    expect(h.fake.sent(ALICE.id).map((m) => m.text)).toEqual(['got first', 'got second']);
    expect(h.fake.pendingUpdateCount).toBeLessThanOrEqual(1); // only u2 may await confirmation
  });

  it('retries a 429 with retry_after via auto-retry', async () => {
    const h = await setup();
    start(h.bot);
    h.fake.failNext('sendMessage', 1, {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });

    h.fake.sendText({ chat: GROUP, from: ALICE, text: '/ping' });
    const reply = await h.fake.waitFor(() => h.fake.sent(GROUP.id)[0], 5000);
    expect(reply.text).toBe('pong');

    const attempts = h.fake.callsTo('sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.error).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(attempts[1]!.error).toBeUndefined();
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(h.errors).toEqual([]);
  });

  it('survives setMyCommands failing with 400 and a failed reply inside a handler', async () => {
    const h = await setup();
    h.fake.failNext('setMyCommands', 1, { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' });

    const startupErrors: unknown[] = [];
    await h.bot.api
      .setMyCommands([{ command: 'ping', description: 'check the bot is alive' }])
      .catch((e: unknown) => startupErrors.push(e));
    start(h.bot);

    expect(startupErrors).toHaveLength(1);
    expect(startupErrors[0]).toBeInstanceOf(GrammyError);
    expect((startupErrors[0] as GrammyError).error_code).toBe(400);
    expect(h.fake.commands()).toBeUndefined();

    // a 400 inside middleware goes to bot.catch; the runner keeps going
    h.fake.failNext('sendMessage', 1, { error_code: 400, description: 'Bad Request: not enough rights to send text messages to the chat' });
    h.fake.sendText({ chat: GROUP, from: ALICE, text: '/ping' });
    await h.fake.waitFor(() => h.errors.length === 1);
    expect(h.errors[0]).toBeInstanceOf(GrammyError);

    h.fake.sendText({ chat: GROUP, from: ALICE, text: '/ping' });
    const reply = await h.fake.waitFor(() => h.fake.sent(GROUP.id)[0]);
    expect(reply.text).toBe('pong');
    expect(runner!.isRunning()).toBe(true);

    // a later setMyCommands succeeds and is stored
    await h.bot.api.setMyCommands([{ command: 'ping', description: 'check the bot is alive' }]);
    expect(h.fake.commands()).toEqual([{ command: 'ping', description: 'check the bot is alive' }]);

    // runner.stop() aborts the held long poll: nothing is taken after it
    await runner!.stop();
    expect(runner!.isRunning()).toBe(false);
    const polls = h.fake.pollCount;
    h.fake.sendText({ chat: GROUP, from: ALICE, text: '/ping' });
    await h.bot.api.sendMessage(GROUP.id, 'still here');
    expect(h.fake.pollCount).toBe(polls);
    expect(h.fake.pendingUpdateCount).toBe(1);
    expect(h.fake.sent(GROUP.id).map((m) => m.text)).toEqual(['pong', 'still here']);
    expect(h.fake.callsTo('sendMessage').map((c) => c.error?.error_code ?? 'ok')).toEqual([400, 'ok', 'ok']);
  });

  it('works with bot.start(): deleteWebhook, allowed_updates and offset confirmation', async () => {
    const h = await setup((b) => {
      b.on('callback_query', (ctx) => ctx.answerCallbackQuery());
      b.on('message:text', (ctx) => ctx.reply(`echo ${ctx.msg.text}`));
    });
    await h.bot.api.sendMessage(GROUP.id, 'menu', { reply_markup: new InlineKeyboard().text('x', 'x') });
    let started!: () => void;
    const onStart = new Promise<void>((r) => (started = r));
    void h.bot.start({ allowed_updates: ['message'], onStart: () => started() });
    await onStart;
    expect(h.fake.callsTo('deleteWebhook')).toHaveLength(1);

    // not in allowed_updates: never delivered
    h.fake.pressButton({ chat: GROUP, from: ALICE, messageId: h.fake.sent(GROUP.id)[0]!.messageId, data: 'x' });
    h.fake.sendText({ chat: GROUP, from: ALICE, text: 'hi' });
    await h.fake.waitFor(() => h.fake.sent(GROUP.id)[1]);
    expect(h.fake.callsTo('answerCallbackQuery')).toHaveLength(0);

    await h.bot.stop(); // confirms the offset with a final getUpdates
    expect(h.fake.sent(GROUP.id).map((m) => m.text)).toEqual(['menu', 'echo hi']);
  });

  it('parses multipart uploads (InputFile) like JSON calls', async () => {
    fake = await startFakeBotApi();
    const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    const msg = await b.api.sendDocument(ALICE.id, new InputFile(Buffer.from('minutes of the meeting'), 'minutes.txt'), {
      caption: '会议纪要',
      reply_markup: new InlineKeyboard().text('ack', 'ack'),
    });
    expect(msg.caption).toBe('会议纪要');
    const call = fake.callsTo('sendDocument')[0]!;
    expect(call.params.chat_id).toBe(ALICE.id);
    expect(call.params.caption).toBe('会议纪要');
    expect(call.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'ack', callback_data: 'ack' }]] });
    // grammY sends `document: "attach://<id>"` plus a file part; the fake resolves it
    expect(call.params.document).toMatchObject({ filename: 'minutes.txt', size: 'minutes of the meeting'.length });
    expect(fake.sent(ALICE.id)[0]).toMatchObject({ text: '会议纪要', via: 'sendDocument' });
  });

  it('accepts form-encoded bodies and answers in Bot API shapes', async () => {
    fake = await startFakeBotApi();
    const url = `${fake.apiRoot}/bot${fake.token}/sendMessage`;
    const res = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: String(GROUP.id), text: 'hi', reply_markup: JSON.stringify({ inline_keyboard: [] }) }),
    });
    const body = (await res.json()) as { ok: boolean; result: { chat: { id: number; type: string }; text: string } };
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ chat: { id: GROUP.id, type: 'supergroup' }, text: 'hi' });
    expect(fake.callsTo('sendMessage')[0]!.params).toEqual({ chat_id: GROUP.id, text: 'hi', reply_markup: { inline_keyboard: [] } });

    const bad = await fetch(`${fake.apiRoot}/bot123:wrong/getMe`, { method: 'POST' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });

    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/setChatMenuButton`, { method: 'POST' });
    expect(await unknown.json()).toEqual({ ok: true, result: true });
  });

  it('reports the last calls when waitFor times out', async () => {
    fake = await startFakeBotApi();
    const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    await b.api.sendMessage(BOB.id, 'hello');
    const f = fake;
    await expect(f.waitFor(() => f.sent(BOB.id).length === 2, 100)).rejects.toThrow(/timed out after 100 ms[\s\S]*sendMessage/);
  });
});
