/**
 * End to end on Telegram, deliberation side: topics (三议两办两公开), the deliberation-day rule and a
 * convention, through the real service (startService) and the real grammY stack against the
 * stand-in Bot API server, on PostgreSQL. Each test builds its own database, bot server and data.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.js';
import { formatLocal } from '../../src/app/local-time.js';
import { listCodes } from '../../src/app/roster.js';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
import { formatDay } from '../../src/chat/render-topic.js';
import { verifyAudit } from '../../src/db/audit.js';
import { agendaDateFor } from '../../src/domain/topic-lifecycle.js';
import { nextOccurrence } from '../../src/domain/schedule.js';
import { PG_ENABLED } from '../helpers/db.js';
import type { FakeUser, SentMessage } from '../helpers/fake-bot-api.js';
import { ALICE, BOB, CAROL, DAVE, EVE, GROUP, dm, startTelegramWorld, type TelegramWorld } from '../helpers/telegram-world.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const TZ = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** The local calendar date `days` from now in the community's zone. */
const localDateIn = (days: number) => formatLocal(new Date(Date.now() + days * DAY_MS), TZ).slice(0, 10);

describe.runIf(PG_ENABLED)('Telegram topics, deliberation day and conventions [postgres]', () => {
  it('takes a topic from proposal to feedback, counts a household once, keeps the agenda to the committee and reports each step', { timeout: 120_000 }, async () => {
    const w = (world = await startTelegramWorld('postgres'));
    const { fake } = w;
    await w.setupAndBind([ALICE, BOB, CAROL, DAVE]);
    const say = (from: FakeUser, text: string) => w.ask(GROUP, from, text);

    // EVE lives in CAROL's household (3-2-503) as a tenant; DAVE is made a committee member by reply.
    const tenantCode = (await listCodes(w.db, systemClock, w.community.id, { tenants: true })).find((c) => c.unit === '3-2-503')!.code;
    expect((await w.ask(dm(EVE), EVE, `/bind 3-2-503 ${tenantCode}`)).text).toContain('绑定成功');
    const daveSaid = fake.sendText({ chat: GROUP, from: DAVE, text: '我愿意帮忙' });
    const beforeRole = fake.sent(GROUP.id).length;
    fake.sendText({ chat: GROUP, from: ALICE, text: '/role 委员', replyTo: fake.messageIdOf(daveSaid) });
    expect((await w.nth(GROUP.id, beforeRole)).text).toBe('已将 Dave 设为委员。');

    // Proposed by BOB: announced in the group with how to co-sign.
    const proposed = await say(BOB, '/topic 东门加装路灯\n晚上东门太暗，建议加装三盏路灯');
    expect(proposed.text).toContain('【议题 #1】居民提议：东门加装路灯');
    expect(proposed.text).toContain('晚上东门太暗，建议加装三盏路灯');
    expect(proposed.text).toContain('赞同的住户请发送：附议 1（每户一次）');
    expect(proposed.text).toContain('— Bob，');

    // Co-signs: CAROL's household twice (CAROL again, then her tenant EVE) counts once.
    expect((await say(CAROL, '/second 1')).text).toBe('已附议议题 #1，目前共 1 户附议。');
    expect((await say(CAROL, '附议 #1')).text).toBe('您家已经附议过议题 #1，每户只计一次（目前共 1 户附议）。');
    expect((await say(EVE, '/second 1')).text).toBe('您家已经附议过议题 #1，每户只计一次（目前共 1 户附议）。');
    expect((await say(BOB, '附议 1')).text).toBe('议题 #1 是您家提出的，不用再附议。');
    expect((await say(DAVE, '附议 1')).text).toBe('已附议议题 #1，目前共 2 户附议。');

    // The agenda: refused to a resident, done by the committee member.
    expect((await say(CAROL, '/agenda add 1')).text).toBe('只有委员和主任/召集人可以这样做。');
    expect((await say(CAROL, '上会 1')).text).toBe('只有委员和主任/召集人可以这样做。');
    expect((await say(DAVE, '/decide 1 同意')).text).toBe('议题 #1 还没有上会。请先发送“上会 1”列入议事协商日议程，再作决议。');
    const firstDay = agendaDateFor(new Date(), '30 19 * * 6#1', TZ)!;
    const onAgenda = await say(DAVE, '/agenda add 1');
    expect(onAgenda.text).toContain(`【议题 #1】东门加装路灯\n已列入议事协商日议程：${formatDay(zhCN, firstDay, TZ)}`);
    expect(onAgenda.text).toContain('— Dave，');
    expect((await say(DAVE, '上会 1')).text).toBe(`议题 #1 已经在议程上了（${formatDay(zhCN, firstDay, TZ)}）。`);

    // /schedule: read by a resident, refused to a committee member, set by the chair (the topic moves).
    const read = await say(CAROL, '/schedule');
    expect(read.text).toContain('议事协商日：每月第一个星期六 19:30（时区 Asia/Shanghai）');
    expect(read.text).toContain('议事日由主任/召集人设置。');
    expect(read.text).not.toContain('修改请发送“议事日”加新规则，例如：议事日 每月第三个星期六 19:30（也可以写“每月最后一个星期五 20:00”“每月15日 19:00”或 cron 行）');
    expect((await say(ALICE, '议事日')).text).toContain('修改请发送“议事日”加新规则，例如：议事日 每月第三个星期六 19:30（也可以写“每月最后一个星期五 20:00”“每月15日 19:00”或 cron 行）');
    expect((await say(DAVE, '/schedule 每月15日 19:00')).text).toBe('只有主任/召集人可以这样做。\n议事日由主任/召集人设置。');
    expect((await say(ALICE, '/schedule 每月哪天都行')).text).toBe('这个议事日规则看不懂。请写成“每月第一个星期六 19:30”“每月最后一个星期五 20:00”“每月15日 19:00”，英文“first Saturday of every month at 19:30”，或 cron 行“30 19 * * 6#1”。');
    const newDay = nextOccurrence('0 19 15 * *', TZ, new Date())!;
    const changed = await say(ALICE, '/schedule 每月15日 19:00');
    expect(changed.text).toContain('【议事协商日】改为：每月15日 19:00');
    expect(changed.text).toContain(`已在议程上的 1 个议题改到 ${formatDay(zhCN, newDay, TZ)}。`);
    expect((await say(CAROL, '/schedule')).text).toContain('议事协商日：每月15日 19:00（时区 Asia/Shanghai）');
    const listed = await say(CAROL, '/topics');
    expect(listed.text).toContain(`#1 东门加装路灯 — 已上会 · ${formatDay(zhCN, newDay, TZ)} · 附议 2 户`);

    // Decided, assigned with a due date, progressed, done: each step announced with who did it.
    expect((await say(CAROL, '/decide 1 我说了算')).text).toBe('只有委员和主任/召集人可以这样做。');
    const decided = await say(DAVE, '/decide 1 同意加装三盏路灯，费用由公共收益列支');
    expect(decided.text).toContain('【议题 #1】东门加装路灯\n决议：同意加装三盏路灯，费用由公共收益列支');
    const due = localDateIn(30);
    expect((await say(DAVE, `/assign 1 物业王经理 截止 ${localDateIn(-3)}`)).text).toBe('截止日期已经过了，请换一个以后的日期。');
    const assigned = await say(ALICE, `/assign 1 物业王经理 due ${due}`);
    expect(assigned.text).toContain(`【议题 #1】东门加装路灯\n交办：物业王经理，限 ${due} 前办结`);
    expect(assigned.text).toContain('— 爱丽');
    const progressed = await say(DAVE, '/progress 1 已询价，下周施工');
    expect(progressed.text).toContain('【议题 #1】东门加装路灯\n进展：已询价，下周施工');
    const done = await say(DAVE, '办结 1 路灯已装好，欢迎监督');
    expect(done.text).toContain('【议题 #1】东门加装路灯\n已办结。反馈：路灯已装好，欢迎监督');
    expect((await say(DAVE, '/progress 1 再看看')).text).toBe('议题 #1 已经办结，不能再改动。发送“议题列表 1”查看经过。');
    expect((await say(CAROL, '/topics')).text).toBe('目前没有进行中的议题。居民可发送“提议 内容”提出议题。');
    const detail = await say(CAROL, '/topic 1');
    expect(detail.text).toContain('【议题 #1】东门加装路灯 — 已办结');
    expect(detail.text).toContain('办结反馈：路灯已装好，欢迎监督');

    const report = await w.query<Record<string, unknown>>(
      sql`select community, topic_no, title, status, seconds, agenda_date::text as agenda_date, decision, assignee,
            to_char(due_at at time zone ${TZ}, 'YYYY-MM-DD HH24:MI') as due_local, done_at is not null as done, feedback
          from report_topics order by topic_no`,
    );
    expect(report).toEqual([
      {
        community: w.community.name,
        topic_no: 1,
        title: '东门加装路灯',
        status: 'done',
        seconds: 2,
        agenda_date: formatLocal(newDay, TZ).slice(0, 10),
        decision: '同意加装三盏路灯，费用由公共收益列支',
        assignee: '物业王经理',
        due_local: `${due} 23:59`,
        done: true,
        feedback: '路灯已装好，欢迎监督',
      },
    ]);
    const actions = await w.query<{ action: string }>(sql`select action from audit_log where action like 'topic.%' order by seq`);
    expect(actions.map((a) => a.action)).toEqual([
      'topic.proposed',
      'topic.seconded',
      'topic.seconded',
      'topic.agenda-add',
      'topic.decide',
      'topic.assign',
      'topic.progress',
      'topic.done',
    ]);
    expect(await verifyAudit(w.db, w.community.id)).toMatchObject({ ok: true });
  });

  it('adopts a convention by a residents poll and finds its articles by keyword', { timeout: 120_000 }, async () => {
    const w = (world = await startTelegramWorld('postgres'));
    const { fake } = w;
    await w.setupAndBind([ALICE, BOB, CAROL, DAVE]);
    const say = (from: FakeUser, text: string) => w.ask(GROUP, from, text);
    expect((await say(BOB, '/convention')).text).toBe('本小区还没有经表决生效的公约。委员可发起公约表决：第一行“表决 公约名称”，加一行“公约”，再每行一条条文（第一条 …）。');

    const card = await say(
      ALICE,
      ['/poll 通过《文明停车公约》', '公约', '第一条 机动车在划线车位内停车，不得占用消防通道。', '第二条 电动自行车不得进楼道充电。', '第三条 外来车辆临时停车不超过两小时。'].join('\n'),
    );
    expect(card.text).toContain('【表决 #1】通过《文明停车公约》');
    expect(card.text).toContain('规则：居民会议');
    expect(card.text).toContain('第二条 电动自行车不得进楼道充电。');
    // Votes in the group are acknowledged privately (and by a reaction), not in the group.
    for (const who of [BOB, CAROL, DAVE]) {
      const before = fake.sent(who.id).length;
      fake.sendText({ chat: GROUP, from: who, text: '/vote 1 同意' });
      expect((await w.nth(who.id, before)).text).toContain('已记录：表决 #1，您家投的是“同意”。');
    }

    const from = fake.sent(GROUP.id).length;
    fake.sendText({ chat: GROUP, from: ALICE, text: '/close 1' });
    const adopted = '《文明停车公约》第 1 版自即日起施行。发送“公约”查看。';
    const announced: SentMessage = await w.waitFor(() => fake.sent(GROUP.id).slice(from).find((m) => m.text.includes(adopted)));
    expect(fake.sent(GROUP.id).slice(from).some((m) => m.text.includes('结果：通过'))).toBe(true);
    expect(announced.text).toContain(adopted);
    // the result picture follows the text
    await w.waitFor(() => fake.sent(GROUP.id).slice(from).find((m) => m.via === 'sendPhoto'));

    const listed = await say(EVE, '/convention');
    expect(listed.text).toContain('《文明停车公约》第 1 版（表决 #1 通过');
    expect(listed.text).toContain('第三条 外来车辆临时停车不超过两小时。');
    const found = await say(BOB, '/convention 停车');
    expect(found.text).toContain('与“停车”有关的条文：');
    expect(found.text).toContain('《文明停车公约》第一条 机动车在划线车位内停车，不得占用消防通道。');
    expect(found.text).toContain('《文明停车公约》第三条 外来车辆临时停车不超过两小时。');
    expect(found.text).not.toContain('第二条');
    expect((await say(BOB, '公约 电动车充电')).text).toContain('第二条 电动自行车不得进楼道充电。');
    expect((await say(BOB, '公约 养狗')).text).toBe('现行公约里没有找到与“养狗”有关的条文。现行公约：《文明停车公约》。');

    const [poll] = await w.query<Record<string, unknown>>(sql`select rule, status, voted_heads, outcome from report_polls where poll_no = 1`);
    expect(poll).toEqual({ rule: 'residents', status: 'closed', voted_heads: 3, outcome: 'passed' });
    const conventions = await w.query<Record<string, unknown>>(sql`select title, version, status, jsonb_array_length(articles)::int as articles from conventions`);
    expect(conventions).toEqual([{ title: '文明停车公约', version: 1, status: 'in_force', articles: 3 }]);
  });
});
