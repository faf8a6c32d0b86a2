/**
 * End to end on Telegram: the real service (startService) with the real grammY stack (runner,
 * sequentialize, auto-retry, throttler) against the stand-in Bot API server, on PostgreSQL (and the
 * main scenario once more on PGlite). Each test builds its own database, bot server and data.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_KINDS, PG_ENABLED, TEST_PG_URL } from '../helpers/db.js';
import { FakeApiError, type FakeUser } from '../helpers/fake-bot-api.js';
import { ALICE, BOB, CAROL, DAVE, EVE, GROUP, dm, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function start(...args: Parameters<typeof startTelegramWorld>): Promise<TelegramWorld> {
  world = await startTelegramWorld(...args);
  return world;
}

const PG = PG_ENABLED ? 'postgres' : 'pglite';

/** A Bot API outage, as the stand-in server answers it. */
function outage(): never {
  throw new FakeApiError(502, 'Bad Gateway');
}

async function health(w: TelegramWorld): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${w.service.httpPort}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe.each(DB_KINDS)('Telegram poll in a group [%s]', (kind) => {
  // PGlite in a fresh DATA_DIR spends most of this test creating the database (seconds).
  it('links the group, binds in private, votes by button and text, edits the card, closes and reports', { timeout: kind === 'pglite' ? 120_000 : 60_000 }, async () => {
    const w = await start(kind);
    const { fake } = w;
    const linked = await w.ask(GROUP, ALICE, `/setup ${w.community.setupCode}`);
    expect(linked.text).toContain(w.community.name);
    expect(linked.text).toContain('主任/召集人');
    await w.bind([ALICE, BOB, CAROL, DAVE]);

    const card = await w.ask(GROUP, ALICE, '/poll 更换3号楼电梯\n同意\n反对\n弃权\n规则: 一般事项\n开始: 立即\n确认规则');
    expect(card.text).toContain('【表决 #1】更换3号楼电梯');
    const buttons: Array<{ text: string; callback_data: string }> = card.replyMarkup.inline_keyboard.flat().filter((b: { callback_data?: string }) => b.callback_data);
    expect(buttons.map((b) => b.text)).toEqual(['1. 同意', '2. 反对', '3. 弃权']);
    const pollId = Number(/^v:(\d+):1$/.exec(buttons[0]!.callback_data)![1]);

    const answers = () => fake.callsTo('answerCallbackQuery');
    const alicePress = fake.pressButton({ chat: GROUP, from: ALICE, messageId: card.messageId, data: `v:${pollId}:1` });
    expect((await w.waitFor(() => answers()[0])).params.text).toMatch(/^已记录：表决 #1，您家投的是“同意”。\n回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
    // Typed votes are quiet in the group: a reaction on the voter's message and a private receipt.
    const sentNow = fake.sent(GROUP.id).length;
    const bobVote = fake.sendText({ chat: GROUP, from: BOB, text: '/vote 1 同意' });
    const carolVote = fake.sendText({ chat: GROUP, from: CAROL, text: '投票 2' });
    const daveVote = fake.sendText({ chat: GROUP, from: DAVE, text: '#1 反对' });
    expect((await w.nth(BOB.id, 1)).text).toContain('已记录：表决 #1，您家投的是“同意”。');
    expect((await w.nth(CAROL.id, 1)).text).toContain('已记录：表决 #1，您家投的是“反对”。');
    expect((await w.nth(DAVE.id, 1)).text).toContain('已记录：表决 #1，您家投的是“反对”。');
    const reacted = await w.waitFor(() => {
      const ids = fake.callsTo('setMessageReaction').map((c) => Number(c.params.message_id));
      return ids.length >= 3 ? ids : null;
    });
    expect(reacted.sort()).toEqual([bobVote, carolVote, daveVote].map((u) => fake.messageIdOf(u)).sort());
    expect(fake.sent(GROUP.id).length).toBe(sentNow);
    fake.pressButton({ chat: GROUP, from: CAROL, messageId: card.messageId, data: `v:${pollId}:1` });
    expect((await w.waitFor(() => answers()[1])).params.text).toMatch(/^已改票：表决 #1，您家现在投的是“同意”。\n回执码 /);

    // The card shows the turnout, edited in place, never twice within the interval (200 ms here).
    const cardNow = () => fake.sent(GROUP.id).find((m) => m.messageId === card.messageId)!;
    await w.waitFor(() => cardNow().edits.at(-1)?.includes('人数 4/4'));
    const editTimes = fake.callsTo('editMessageText').map((c) => c.at);
    for (let i = 1; i < editTimes.length; i++) expect(editTimes[i]! - editTimes[i - 1]!).toBeGreaterThanOrEqual(150);
    expect(editTimes.length).toBeLessThanOrEqual(5);

    // A stranger is told how to bind, by text and by button.
    // (privately: the group hears of it only when the person cannot be written to)
    fake.sendText({ chat: GROUP, from: EVE, text: '/vote 1 同意' });
    expect((await w.nth(EVE.id, 0)).text).toBe('您还没有绑定房屋，所以不能这样做。请私聊我发送：绑定 楼栋-单元-房号 绑定码（绑定码向社区工作人员领取）。');
    fake.pressButton({ chat: GROUP, from: EVE, messageId: card.messageId, data: `v:${pollId}:2` });
    expect((await w.waitFor(() => answers()[2])).params).toMatchObject({ text: '您还没有绑定房屋，所以不能这样做。请私聊我发送：绑定 楼栋-单元-房号 绑定码（绑定码向社区工作人员领取）。' });

    // Redelivered updates (a typed vote, a button press) change nothing and say nothing.
    const ballots = async () => (await w.query<{ n: number }>(sql`select count(*)::int as n from ballots where poll_id = ${pollId}`))[0]!.n;
    const ballotsBefore = await ballots();
    const sentBefore = fake.sent(GROUP.id).length;
    fake.redeliver(bobVote);
    fake.redeliver(alicePress);
    const results = await w.ask(GROUP, BOB, '/results');
    expect(fake.sent(GROUP.id).length).toBe(sentBefore + 1);
    expect(await ballots()).toBe(ballotsBefore);
    expect(answers().filter((a) => a.params.text).length).toBe(3);
    expect(results.text).toContain('【表决 #1】更换3号楼电梯 — 进行中');
    expect(results.text).toContain('人数 4/4 人');

    const closed = await w.ask(GROUP, ALICE, '/close 1');
    expect(closed.text).toContain('结果：通过');
    expect(closed.text).toContain('1. 同意：面积 240.50 m²，3 人 ✓');
    // the result also goes to the group as a picture
    const photo = await w.waitFor(() => fake.callsTo('sendPhoto').find((c) => String(c.params.chat_id) === String(GROUP.id)));
    expect(String(photo.params.caption)).toContain('表决 #1');
    // drawn by the renderer process, whose time and peak memory /metrics reports
    const metrics = await fetch(`http://127.0.0.1:${w.service.httpPort}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^yishi_chart_render_seconds_count\{outcome="ok"\} 1$/m);
    expect(Number(/^yishi_chart_renderer_peak_rss_bytes (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(10 * 2 ** 20);
    // The closed card keeps only its link to the poll's page.
    await w.waitFor(() => !cardNow().replyMarkup.inline_keyboard.flat().some((k: { callback_data?: string }) => k.callback_data));

    const [report] = await w.query<Record<string, unknown>>(
      sql`select status, eligible_heads, eligible_area_m2::text, voted_heads, voted_area_m2::text, outcome from report_polls where community = ${w.community.name} and poll_no = 1`,
    );
    expect(report).toEqual({ status: 'closed', eligible_heads: 4, eligible_area_m2: '330.50', voted_heads: 4, voted_area_m2: '330.50', outcome: 'passed' });
    const options = await w.query<Record<string, unknown>>(
      sql`select option_no, heads, area_m2::text, households, passed from report_poll_options where community = ${w.community.name} order by option_no`,
    );
    expect(options).toEqual([
      { option_no: 1, heads: 3, area_m2: '240.50', households: 3, passed: true },
      { option_no: 2, heads: 1, area_m2: '90.00', households: 1, passed: false },
      { option_no: 3, heads: 0, area_m2: '0.00', households: 0, passed: false },
    ]);
  });
});

describe.runIf(PG_ENABLED)('Telegram adapter [postgres]', () => {
  it('refuses a binding code sent in a group and rotates it', async () => {
    const w = await start(PG);
    await w.ask(GROUP, ALICE, `/setup ${w.community.setupCode}`);
    const code = w.codes.get('3-2-502')!;
    expect((await w.ask(GROUP, BOB, `/bind 3-2-502 ${code}`)).text).toBe('绑定码是私密的，请不要发在群里！这个绑定码已作废，新的绑定码请向社区工作人员领取，然后私聊我绑定。');
    expect((await w.ask(dm(BOB), BOB, `/bind 3-2-502 ${code}`)).text).toContain('绑定码不对');
    const [fresh] = await w.query<{ code: string }>(sql`select code from binding_codes b join units u using (unit_id) where u.label = '3-2-502'`);
    expect(fresh!.code).not.toBe(code);
    expect((await w.ask(dm(BOB), BOB, `/bind 3-2-502 ${fresh!.code}`)).text).toContain('绑定成功');
  });

  it('answers @-mentions, replies to its messages and /start; stays quiet on chatter, stickers, edits and bots', async () => {
    const w = await start(PG);
    const { fake } = w;
    await w.setupAndBind([ALICE, BOB]);
    const before = fake.sent(GROUP.id).length;
    fake.sendText({ chat: GROUP, from: BOB, text: '今天电梯又坏了' });
    fake.sendText({ chat: GROUP, from: BOB, text: '/help@other_bot' });
    fake.sendText({ chat: GROUP, from: { id: 9999, first_name: 'Spam', is_bot: true } as FakeUser, text: '/help' });
    fake.sendUpdate({ message: { message_id: 900, date: 1, chat: GROUP, from: { id: BOB.id, is_bot: false, first_name: 'Bob' }, sticker: { file_id: 'x' } } });
    fake.sendUpdate({ edited_message: { message_id: 901, date: 1, edit_date: 2, chat: GROUP, from: { id: BOB.id, is_bot: false, first_name: 'Bob' }, text: '/help' } });
    const mention = '@yishi_test_bot';
    fake.sendText({ chat: GROUP, from: BOB, text: `${mention} 怎么用？`, entities: [{ type: 'mention', offset: 0, length: mention.length }] });
    const help = await w.nth(GROUP.id, before);
    expect(help.text).toContain('【议事 · ');
    fake.sendText({ chat: GROUP, from: BOB, text: '谢谢', replyTo: help.messageId });
    expect((await w.nth(GROUP.id, before + 1)).text).toContain('【议事 · ');

    // The chair is told the bot cannot see ordinary messages (privacy mode on at the fake).
    expect((await w.ask(GROUP, ALICE, '/help')).text).toContain('提醒主任：我现在看不到群里的普通消息（Telegram 隐私模式开启），只能看到命令和@我的消息。如需回答收费问题，请在 @BotFather 用 /setprivacy 关闭隐私模式，或把我设为群管理员。');
    expect(fake.sent(GROUP.id).length).toBe(before + 3);

    // Roles by reply (replyTo) and by a text mention (a user without a username).
    const bobSaid = fake.sendText({ chat: GROUP, from: BOB, text: '我来帮忙' });
    fake.sendText({ chat: GROUP, from: ALICE, text: '/role 委员', replyTo: fake.messageIdOf(bobSaid) });
    expect((await w.nth(GROUP.id, before + 3)).text).toBe('已将 Bob 设为委员。');
    const text = '/role Dave 委员';
    fake.sendText({ chat: GROUP, from: ALICE, text, entities: [{ type: 'bot_command', offset: 0, length: 5 }, { type: 'text_mention', offset: 6, length: 4, user: { id: DAVE.id, is_bot: false, first_name: 'Dave' } }] });
    expect((await w.nth(GROUP.id, before + 4)).text).toBe('已将 Dave 设为委员。');

    // /start (with or without a deep-link payload) is help, in the person's language.
    expect((await w.ask(dm(EVE), EVE, '/start')).text).toContain('绑定 楼栋-单元-房号 绑定码 — 绑定您的房屋（私聊）');
    const ENGLISH = { id: 6666, first_name: 'Ann', language_code: 'en' };
    expect((await w.ask(dm(ENGLISH), ENGLISH, '/start invite42')).text).toContain('Yishi: commands you can use');
  });

  it('registers the command menu in Chinese and English', async () => {
    const w = await start(PG);
    const zh = await w.waitFor(() => w.fake.commands());
    expect(zh).toContainEqual({ command: 'help', description: '查看命令' });
    expect(zh.map((c) => c.command)).toEqual(expect.arrayContaining(['vote', 'poll', 'results', 'close', 'bind', 'setup', 'me']));
    const english = await w.waitFor(() => w.fake.commands(undefined, 'en'));
    expect(english).toContainEqual({ command: 'help', description: 'this list' });
  });

  it('keeps running when setMyCommands fails, and /healthz says telegram is up', async () => {
    const w = await start(PG, { before: (f) => f.failNext('setMyCommands', 1, { error_code: 400, description: 'Bad Request: BOT_COMMANDS_TOO_MUCH' }) });
    await w.waitFor(() => w.fake.callsTo('setMyCommands').some((c) => c.error));
    expect((await w.ask(GROUP, ALICE, `/setup ${w.community.setupCode}`)).text).toContain(w.community.name);
    const h = await health(w);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, database: 'up', platforms: { telegram: { state: 'up' } } });
  });

  it('reports telegram down while getMe fails and keeps retrying until it is up', async () => {
    let failing = true;
    const w = await start(PG, { before: (f) => f.on('getMe', () => (failing ? outage() : { ...f.botInfo })) });
    const telegram = () => w.service.adapters[0]!.status();
    expect(telegram()).toEqual({ state: 'down', detail: 'getMe: 502 Bad Gateway' });
    expect((await health(w)).body.platforms.telegram.state).toBe('down');
    await w.waitFor(() => w.fake.callsTo('getMe').length >= 3);
    failing = false;
    await w.waitFor(() => telegram().state === 'up');
    expect((await health(w)).body.platforms.telegram.state).toBe('up');
    expect((await w.ask(dm(EVE), EVE, '/help')).text).toContain('【议事】');
  });

  it('reports telegram down when polling stops with an error, and starts polling again', async () => {
    let failing = false;
    const w = await start(PG, { before: (f) => f.on('getMe', () => (failing ? outage() : { ...f.botInfo })) });
    const telegram = () => w.service.adapters[0]!.status();
    expect(telegram().state).toBe('up');
    failing = true;
    w.fake.failNext('getUpdates', 1, { error_code: 401, description: 'Unauthorized' });
    await w.waitFor(() => telegram().state === 'down');
    expect(telegram().detail).toContain('401');
    failing = false;
    await w.waitFor(() => telegram().state === 'up');
    expect((await w.ask(dm(EVE), EVE, '/help')).text).toContain('【议事】');
  });

  it('answers privately, and says so in the group; a person who blocked the bot is told how to fix it', async () => {
    const w = await start(PG);
    await w.setupAndBind([ALICE, BOB]);
    const notice = await w.ask(GROUP, BOB, '/me');
    expect(notice.text).toBe('我已私信回复您，请查看与我的私聊。');
    expect(w.fake.sent(BOB.id).at(-1)!.text).toContain('3-2-502');
    w.fake.failNext('sendMessage', 1, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect((await w.ask(GROUP, BOB, '/me')).text).toBe('我没法私信您。请先添加我为好友（微信）或点开我的头像发送任意消息（Telegram），再试一次。');
  });

  it('names the unit of a typed vote in the group when its receipt cannot be delivered, and tells the voter once how to start the bot', async () => {
    const w = await start(PG, { turnoutIntervalMs: 300 });
    await w.setupAndBind([ALICE, BOB]);
    expect((await w.ask(GROUP, ALICE, '/poll 更换电梯\n规则: 简单多数')).text).toContain('【表决 #1】更换电梯');
    const texts = (from: number) => w.fake.sent(GROUP.id).slice(from).map((m) => m.text);
    const blocked = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };

    // Bob blocked the bot: his receipt cannot be delivered.
    const from = w.fake.sent(GROUP.id).length;
    w.fake.failNext('sendMessage', 1, blocked);
    w.fake.sendText({ chat: GROUP, from: BOB, text: '/vote 1 同意' });
    await w.waitFor(() => texts(from).length >= 1);
    expect(texts(from)).toEqual(['表决 #1 已记录投票：3-2-502\nBob：我没法私信您回执，请点开我的头像，给我发送 /start，以后的回执会私信给您。']);

    // His changed vote is named again after the interval; the hint is not repeated.
    const again = w.fake.sent(GROUP.id).length;
    w.fake.failNext('sendMessage', 1, blocked);
    w.fake.sendText({ chat: GROUP, from: BOB, text: '/vote 1 反对' });
    await w.waitFor(() => texts(again).length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(texts(again)).toEqual(['表决 #1 已记录投票：3-2-502']);
    const ballots = await w.query<{ option_no: number }>(sql`select option_no from ballots order by ballot_id`);
    expect(ballots.map((b) => b.option_no)).toEqual([1, 2]);
  });

  it('takes updates by webhook when TELEGRAM_WEBHOOK_URL is set', async () => {
    const w = await start(PG, { env: { TELEGRAM_WEBHOOK_URL: 'https://yishi.example.org/tg/hook' } });
    const set = await w.waitFor(() => w.fake.callsTo('setWebhook')[0]);
    expect(set.params.url).toBe('https://yishi.example.org/tg/hook');
    const id = w.fake.sendText({ chat: dm(EVE), from: EVE, text: '/help' });
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${w.service.httpPort}/tg/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(w.fake.getUpdate(id)),
      });
    expect((await post('wrong')).status).toBe(401);
    expect((await post(set.params.secret_token)).status).toBe(200);
    expect((await w.nth(EVE.id, 0)).text).toContain('【议事】');
    expect(w.fake.pollCount).toBe(0);
  });

  it('says "try again later" while the database is unreachable and recovers by itself', async () => {
    const w = await start(PG);
    await w.setupAndBind([ALICE, BOB]);
    const name = new URL(w.testDb!.url!).pathname.slice(1);
    const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
      expect((await w.ask(GROUP, BOB, '/results')).text).toBe('系统暂时忙不过来（数据库连不上），您的操作没有生效，请过几分钟再试。');
      expect((await w.ask(dm(BOB), BOB, '/me')).text).toBe('系统暂时忙不过来（数据库连不上），您的操作没有生效，请过几分钟再试。');
      expect((await health(w)).status).toBe(503);
      await admin.unsafe(`alter database ${name} allow_connections true`);
      expect((await w.ask(GROUP, BOB, '/polls')).text).toBe('还没有表决。');
      expect((await health(w)).body).toMatchObject({ ok: true, platforms: { telegram: { state: 'up' } } });
    } finally {
      await admin.unsafe(`alter database ${name} allow_connections true`).catch(() => {});
      await admin.end();
    }
  });
});
