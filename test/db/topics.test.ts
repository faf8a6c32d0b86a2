import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyAudit } from '../../src/db/audit.js';
import { rows } from '../../src/db/client.js';
import { CHAIR, COMMITTEE, createDeliberationWorld } from '../helpers/deliberation.js';
import { describeEachDb, type TestDatabase, useFreshDatabase } from '../helpers/db.js';

type TopicReport = {
  community: string;
  topic_no: number;
  title: string;
  status: string;
  seconds: number;
  agenda_date: string | null;
  decision: string | null;
  assignee: string | null;
  due_local: string | null;
  done: boolean;
  feedback: string | null;
};

const reportTopics = (d: TestDatabase) =>
  rows<TopicReport>(
    d.db,
    sql`select community, topic_no, title, status, seconds, agenda_date::text as agenda_date, decision, assignee,
          to_char(due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as due_local, done_at is not null as done, feedback
        from report_topics order by topic_no`,
  );

describeEachDb('topics', (kind) => {
  const d = useFreshDatabase(kind);

  it('takes a topic from proposal to feedback, announcing each step in every group', async () => {
    const w = await createDeliberationWorld(d.db, { groups: ['-100', '-200'] });
    const [r0, r1, r2] = w.residents;
    let mark = w.transport.sent.length;
    await w.say(w.g, r0!, '提议 东门加装路灯\n晚上东门太暗，建议加装三盏路灯');
    for (const group of ['-100', '-200']) {
      const [text] = w.groupTexts(mark, group);
      expect(text).toContain('【议题 #1】居民提议：东门加装路灯');
      expect(text).toContain('附议 1');
      expect(text).toContain('居民0');
    }

    // co-signs: once per household, whoever of the household sends it
    await w.say(w.g, r1!, '附议 1');
    expect(w.last()).toBe('已附议议题 #1，目前共 1 户附议。');
    await w.say(w.g, r1!, '附议 #1');
    expect(w.last()).toContain('您家已经附议过议题 #1');
    await w.bindAs({ id: 'r1-spouse', name: '居民1家属' }, w.codes[1]!.unit, w.codes[1]!.code);
    await w.say(w.g, { id: 'r1-spouse' }, '/second 1');
    expect(w.last()).toContain('每户只计一次（目前共 1 户附议）');
    await w.say(w.g, r2!, '附议 1');
    expect(w.last()).toContain('共 2 户附议');
    await w.say(w.g, r0!, '附议 1');
    expect(w.last()).toContain('是您家提出的');
    await w.say(w.g, { id: 'stranger' }, '附议 1');
    expect(w.last()).toContain('还没有绑定房屋');

    // a resident cannot run the agenda; nothing is decided or assigned before its step
    await w.say(w.g, r1!, '上会 1');
    expect(w.last()).toBe('只有委员和主任/召集人可以这样做。');
    await w.say(w.g, COMMITTEE, '决议 1 同意加装');
    expect(w.last()).toContain('还没有上会');
    await w.say(w.g, COMMITTEE, '交办 1 物业');
    expect(w.last()).toContain('还没有决议');

    mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '上会 1');
    expect(w.groupTexts(mark, '-200')[0]).toContain('已列入议事协商日议程：2026-12-05（周六）19:30');
    expect(w.groupTexts(mark, '-100')[0]).toContain('— 李委员，2026-12-01 10:00');
    await w.say(w.g, COMMITTEE, '上会 1');
    expect(w.last()).toContain('已经在议程上了');
    await w.say(w.g, r2!, '议程');
    expect(w.last()).toContain('【议事协商日】2026-12-05（周六）19:30');
    expect(w.last()).toContain('1. #1 东门加装路灯（附议 2 户）');

    w.clock.set('2026-12-05T12:30:00Z');
    mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '决议 1 同意加装三盏路灯，费用由公共收益列支');
    await w.say(w.g, CHAIR, '交办 1 物业王经理 截止 2026-12-20');
    await w.say(w.g, COMMITTEE, '/progress 1 已询价，下周施工');
    await w.say(w.g, COMMITTEE, '办结 1 路灯已装好，欢迎监督');
    const steps = w.groupTexts(mark, '-200');
    expect(steps).toHaveLength(4);
    expect(steps[0]).toContain('决议：同意加装三盏路灯，费用由公共收益列支');
    expect(steps[1]).toContain('交办：物业王经理，限 2026-12-20 前办结');
    expect(steps[1]).toContain('— 王主任，2026-12-05 20:30');
    expect(steps[2]).toContain('进展：已询价，下周施工');
    expect(steps[3]).toContain('已办结。反馈：路灯已装好，欢迎监督');
    expect(w.groupTexts(mark, '-100')).toHaveLength(4);

    await w.say(w.g, COMMITTEE, '进展 1 再看看');
    expect(w.last()).toContain('已经办结');
    await w.say(w.g, r0!, '议题列表 1');
    expect(w.last()).toContain('【议题 #1】东门加装路灯 — 已办结');
    expect(w.last()).toContain('李委员 列入议程：2026-12-05（周六）19:30');
    expect(w.last()).toContain('王主任 交办：物业王经理');

    expect(await reportTopics(d)).toEqual([
      {
        community: '幸福里',
        topic_no: 1,
        title: '东门加装路灯',
        status: 'done',
        seconds: 2,
        agenda_date: '2026-12-05',
        decision: '同意加装三盏路灯，费用由公共收益列支',
        assignee: '物业王经理',
        due_local: '2026-12-20 23:59',
        done: true,
        feedback: '路灯已装好，欢迎监督',
      },
    ]);
    const actions = await rows<{ action: string }>(d.db, sql`select action from audit_log where action like 'topic.%' order by seq`);
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
    expect(await verifyAudit(d.db, w.communityId)).toMatchObject({ ok: true });
  });

  it('refuses impossible steps with the reason and keeps a declined topic closed', async () => {
    const w = await createDeliberationWorld(d.db);
    await w.say(w.g, w.residents[0]!, '提议 把花坛改成停车位');
    await w.say(w.g, COMMITTEE, '不予受理 1');
    expect(w.last()).toContain('用法：不予受理');
    await w.say(w.g, COMMITTEE, '不予受理 1 绿地不得改作停车位，按规定不予受理');
    expect(w.last()).toContain('不予受理。理由：绿地不得改作停车位');
    for (const command of ['上会 1', '决议 1 同意', '交办 1 物业', '办结 1 好了']) {
      await w.say(w.g, COMMITTEE, command);
      expect(w.last()).toContain('已不予受理（理由：绿地不得改作停车位，按规定不予受理）');
    }
    await w.say(w.g, w.residents[1]!, '附议 1');
    expect(w.last()).toContain('不予受理，不能再附议');
    await w.say(w.g, COMMITTEE, '决议 9 同意');
    expect(w.last()).toContain('没有编号为 #9 的议题');
    await w.say(w.g, COMMITTEE, '/agenda add 9');
    expect(w.last()).toContain('没有编号为 #9 的议题');
    await w.say(w.g, w.residents[0]!, '交办 1 物业');
    expect(w.last()).toBe('只有委员和主任/召集人可以这样做。');
    const [row] = await reportTopics(d);
    expect(row).toMatchObject({ status: 'rejected', decision: '绿地不得改作停车位，按规定不予受理', agenda_date: null });
  });

  it('rolls topics not reached on a deliberation day over to the next one', async () => {
    const w = await createDeliberationWorld(d.db);
    await w.say(w.g, w.residents[0]!, '提议 楼道堆物清理');
    await w.say(w.g, w.residents[1]!, '提议 增设快递柜');
    await w.say(w.g, w.residents[2]!, '附议 2');
    await w.say(w.g, w.residents[3]!, '附议 2');
    await w.say(w.g, w.residents[3]!, '议题列表');
    expect(w.last()).toContain('#1 楼道堆物清理 — 待上会 · 附议 0 户');
    expect(w.last()).toContain('#2 增设快递柜 — 待上会 · 附议 2 户');
    await w.say(w.g, COMMITTEE, '上会 1');
    await w.say(w.g, COMMITTEE, '上会 2');
    w.clock.set('2026-12-05T12:00:00Z'); // 20:00 on the day: decided one, the other not reached
    await w.say(w.g, COMMITTEE, '决议 1 下周六集中清理');
    await w.say(w.g, w.residents[2]!, '议程');
    expect(w.last()).toContain('2026-12-05（周六）19:30');
    expect(w.last()).toContain('#2 增设快递柜');
    w.clock.set('2026-12-06T01:00:00Z'); // 09:00 the next morning
    await w.say(w.g, w.residents[2]!, '议程');
    expect(w.last()).toContain('【议事协商日】2027-01-02（周六）19:30');
    expect(w.last()).toContain('上次没议到的 1 个议题已顺延到本次');
    expect(w.last()).toContain('1. #2 增设快递柜（附议 2 户）');
    expect(w.last()).not.toContain('楼道堆物');
    const report = await reportTopics(d);
    expect(report.map((r) => [r.topic_no, r.status, r.agenda_date])).toEqual([
      [1, 'decided', '2026-12-05'],
      [2, 'on_agenda', '2027-01-02'],
    ]);
    await w.say(w.g, w.residents[2]!, '议程');
    expect(w.last()).not.toContain('顺延');
    await w.say(w.g, w.residents[2]!, '议题列表 2');
    expect(w.last()).toContain('未议，顺延到：2027-01-02（周六）19:30');
  });

  it('opens a poll from a decision, links it to the topic and notes its result', async () => {
    const w = await createDeliberationWorld(d.db);
    await w.say(w.g, w.residents[0]!, '提议 加装电梯');
    await w.say(w.g, COMMITTEE, '上会 1');
    const mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '决议 1 表决 是否启动加装电梯意见征集\n规则: 居民会议');
    const [decision, card] = w.groupTexts(mark);
    expect(decision).toContain('决议：付诸表决（表决 #1《是否启动加装电梯意见征集》）');
    expect(card).toContain('【表决 #1】是否启动加装电梯意见征集');
    for (const r of w.residents.slice(0, 3)) await w.say(w.g, r, '投票 1 同意');
    await w.say(w.g, CHAIR, '结束表决 1');
    expect(w.last()).toContain('结果：通过');
    expect(w.last()).toContain('（这是议题 #1“加装电梯”的决议表决）');
    const linked = await rows<{ topic_poll: number; poll_topic: number }>(
      d.db,
      sql`select t.poll_id as topic_poll, p.topic_id as poll_topic from topics t join polls p on p.poll_id = t.poll_id`,
    );
    expect(linked).toHaveLength(1);
    await w.say(w.g, w.residents[0]!, '/topics 1');
    expect(w.last()).toContain('表决结束：表决 #1，通过');
    await w.say(w.g, COMMITTEE, '决议 1 表决 再投一次');
    expect(w.last()).toContain('已经有决议');
  });

  it('answers in English in a private chat and announces in the groups', async () => {
    const w = await createDeliberationWorld(d.db);
    const me = { ...w.residents[3]!, lang: 'en' };
    const mark = w.transport.sent.length;
    await w.say('private', me, '/topic Bike shed by block 1');
    expect(w.transport.sent.slice(mark).filter((m) => m.chatId === me.id).map((m) => m.text)).toEqual(["Topic #1 is proposed and announced in the community's groups."]);
    expect(w.groupTexts(mark, w.g.group)[0]).toContain('【议题 #1】居民提议：Bike shed by block 1');
    await w.say('private', me, '/topics');
    expect(w.last()).toContain('#1 Bike shed by block 1 — proposed · co-signed by 0 households');
    await w.say('private', me, '/reject 1 no');
    expect(w.last()).toBe('Only committee members and the chair can do that.');
  });
});
