import { expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';

it('plays the demo month on a fresh embedded database: votes, topics through feedback, a meeting and a convention', async () => {
  const transcript = await runDemo();
  const lines = transcript.join('\n');
  /** The bot's answer printed right after a person's message (`[群] 名字：文字`). */
  const answerTo = (said: string) => {
    const i = transcript.findIndex((l) => l.endsWith(said));
    expect(i, `no message ${said}`).toBeGreaterThanOrEqual(0);
    return transcript[i + 1] ?? '';
  };

  // setup, binding, the owners' vote by area and heads, closed at its deadline
  expect(lines).toContain('本群已开通为“幸福里小区”的议事群');
  expect(lines).not.toContain('今天谁家在装修？电钻声好大\n[幸福里业主群] 议事助手');
  expect(lines).toContain('这个绑定码已作废');

  // the lift: item 7 under ¾, for entrance 2-1 only, after 15 days' notice, with a paper ballot and a receipt check
  expect(lines).toContain('这项表决属于《民法典》第二百七十八条第七项');
  expect(lines).toContain('范围：2号楼1单元（仅该范围内的 4 位业主表决）');
  expect(lines).toContain('投票开始：2026-12-17 08:00（公告期 15 天，《物业管理条例》第十四条）');
  expect(answerTo('张阿姨：投票 同意')).toContain('只由2号楼1单元的业主表决');
  expect(answerTo('孙老师：投票 同意')).toContain('还在公告期，2026-12-17 08:00 开始投票');
  expect(answerTo('孙老师：代录 1 2-1-301 同意 纸质')).toContain('已代录：表决 #1，2-1-301 投“同意”（纸质）');
  const receipt = answerTo('赵师傅：回执 1');
  expect(receipt).toMatch(/您家的选票已计入，投的是“同意”（线上）。回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
  const code = /[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/.exec(receipt)![0];
  expect(lines).toContain('参与：面积 382.50/382.50 m² ✓，人数 4/4 人 ✓');
  expect(lines).toContain('1. 同意：面积 287.50 m²，3 人 ✓');
  expect(lines).toContain('投票渠道：线上 3，纸质 1');
  expect(lines).toContain('结果：通过');
  expect(lines).toContain('表决结果柱状图');
  expect(lines).toContain(`2-1-101  89.50  ${code}  同意  online`);
  expect(lines).toMatch(/2-1-301 {2}78\.00 {2}[0-9A-F-]{14} {2}同意 {2}paper/);

  // topics: a household co-signs once, whoever of it sends it
  expect(answerTo('张阿姨：附议 1')).toContain('已附议议题 #1，目前共 1 户附议。');
  // A repair request: reported, dispatched to the property company, overdue the next morning, fixed, confirmed, rated.
  expect(answerTo('冯大姐：报修 3号楼2单元电梯一早就咣咣响，老人不敢坐')).toContain('【报修 #1】3号楼 · 待派单');
  expect(lines).toContain('【报修 #1】3号楼 · 已派单给 物业，约定 2026-12-07 10:00 前修好。');
  expect(lines).toContain('[私聊·孙老师] 议事助手：【报修超期提醒】报修 #1（3号楼）');
  expect(answerTo('冯大姐：满意 1')).toContain('谢谢您的评价（满意），报修 #1 已归档。');
  expect(answerTo('刘大爷：附议 1')).toContain('您家已经附议过议题 #1，每户只计一次（目前共 1 户附议）。');
  expect(answerTo('李建国：附议 #1')).toContain('已附议议题 #1，目前共 2 户附议。');
  expect(answerTo('冯大姐：附议 3')).toContain('是您家提出的');
  expect(answerTo('郑海涛：议题列表')).toContain('#1 电动车楼道充电 — 待上会 · 附议 2 户');

  // the deliberation day moved by the chair, the agenda with its date, one topic declined
  expect(answerTo('王主任：议事日 每月第三个星期六 19:30')).toContain('接下来：2026-12-19（周六）19:30');
  expect(answerTo('孙老师：上会 2')).toContain('已列入议事协商日议程：2026-12-19（周六）19:30');
  expect(lines).toContain('【议题 #4】把中心花园改成停车位\n      不予受理。理由：中心花园是全体业主共有的绿地');
  const agenda = answerTo('小周：议程');
  expect(agenda).toContain('【议事协商日】2026-12-19（周六）19:30（会议 #1）');
  expect(agenda).toContain('1. #1 电动车楼道充电（附议 2 户）');
  expect(agenda).toContain('2. #2 小区停车位不够（附议 3 户）');
  expect(agenda).not.toContain('中心花园');

  // a meeting with RSVPs, one per person
  expect(lines).toContain('【会议 #2】2号楼加装电梯施工说明会\n      时间：2026-12-12（周六）19:30\n      地点：社区活动室');
  expect(answerTo('小周：参加 #2')).toContain('目前 3 人参加');
  expect(answerTo('小周：参加 2')).toContain('您已经报名参加会议 #2 了（目前 3 人参加）');

  // decided, assigned to the property company, progress, done with feedback
  expect(answerTo('王主任：交办 3 物业公司 截止 2026-12-25')).toContain('交办：物业公司，限 2026-12-25 前办结');

  // reminders at their times: the deliberation day −3 days, −1 day, −2 hours and its start, the
  // meeting −1 day, the poll's 24-hour nudge, and each morning to the committee for an overdue topic
  expect(lines).toContain('（2026-12-16 19:30 定时提醒）\n[幸福里业主群] 议事助手：【议事协商日预告】2026-12-19（周六）19:30 召开议事协商日。');
  expect(lines).toContain('【提醒】明天（2026-12-19（周六）19:30）召开议事协商日。');
  expect(lines).toContain('【提醒】今天 2026-12-19（周六）19:30 召开议事协商日，两小时后开始。');
  expect(lines).toContain('【议事协商日开始】2026-12-19（周六）19:30。');
  expect(lines).toContain('【会议提醒】明天 19:30：2号楼加装电梯施工说明会');
  expect(lines).toContain('（2026-12-18 12:00 定时提醒）\n[幸福里业主群] 议事助手：【表决提醒】表决 #1「2号楼1单元加装电梯方案」将于 2026-12-19 12:00 截止。');
  expect(lines).toContain('（2026-12-26 09:00 定时提醒）\n[私聊·孙老师] 议事助手：【逾期提醒】议题 #3「垃圾分类点异味」');
  expect(lines.match(/【逾期提醒】议题 #3/g)?.length).toBe(6);

  // quiet typed votes: receipts go privately, the group sees one short turnout line
  expect(answerTo('赵师傅：投票 1 反对')).toMatch(/^\[私聊·赵师傅\] 议事助手：已记录：表决 #1/);
  expect(lines).toContain('[幸福里业主群] 议事助手：表决 #1：又收到 3 户投票，共 3/4 户。');
  expect(lines).toContain('进展：已换上 6 组带盖的分类桶');
  expect(lines).toContain('【议题 #3】垃圾分类点异味\n      已办结。反馈：分类桶已全部换新，每天早晚清运、每周冲洗消毒，异味已消除');
  const detail = answerTo('冯大姐：议题列表 3');
  expect(detail).toContain('【议题 #3】垃圾分类点异味 — 已办结');
  expect(detail).toContain('议事协商日：2026-12-19（周六）19:30');
  expect(detail).toContain('办结反馈：分类桶已全部换新');
  const open = answerTo('李建国：议题列表');
  expect(open).toContain('#2 小区停车位不够 — 已交办 · 物业公司承办，限 2027-01-31');
  expect(open).not.toContain('#3');

  // the convention: a secret residents' vote from the decision, in force, found by keyword
  expect(lines).toContain('表决 #2 是不记名投票');
  expect(lines).toContain('参与：7/12 户 ✓（需过半数）');
  expect(lines).toContain('《幸福里电动车安全充电公约》第 1 版自即日起施行。');
  const found = answerTo('小周：公约 充电');
  expect(found).toContain('与“充电”有关的条文：');
  expect(found).toContain('《幸福里电动车安全充电公约》第一条 电动自行车及其电池不得在楼道、楼梯间、电梯内停放或充电。');
  expect(found).not.toContain('第四条');
  expect(answerTo('赵师傅：公约')).toContain('《幸福里电动车安全充电公约》第 1 版（表决 #2 通过，2026-12-26 起施行）');

  // fees: the rule in the group, a household's computation and bill only privately, the 235 split, the loop
  expect(answerTo('郑海涛：请问物业费多少钱一平米？')).toContain('物业费：专有面积 m² × 1.20 元/m²/月 × 12 = 每年金额');
  expect(answerTo('张阿姨：我家物业费一年要交多少钱？')).toContain('[私聊·张阿姨] 议事助手：【1-1-101 的费用】专有面积 89.50 m²');
  expect(lines).toContain('物业费：89.50 m² × 1.20 元/m²/月 × 12 = 1,288.80 元/年（每月 107.40 元）');
  expect(answerTo('吴奶奶：電梯費怎麼收？')).toContain('电梯运行费：专有面积 m² × 0.35 元/m²/月 × 12');
  expect(lines).toContain('2026下半年 物业费：应缴 548.64 元，已缴 300.00 元，未缴 248.64 元');
  const split = answerTo('孙老师：公共收益 2026下半年');
  expect(lines).toContain('业主分红：98,400.00 元 × 30% = 29,520.00 元');
  expect(split).toContain('【2026下半年 公共收益】');
  expect(lines).toContain('[私聊·冯大姐] 议事助手：2026下半年 公共收益业主分红：分红部分 29,520.00 元 × 您家 89.50 m² / 全体 1,065.93 m² = 2,478.63 元');
  expect(answerTo('赵师傅：小区快递柜收费吗？')).toContain('已经转给业委会');
  expect(lines).toContain('[私聊·赵师傅] 议事助手：您之前问的“小区快递柜收费吗？”，业委会已经回答：');
  expect(answerTo('郑海涛：快递柜怎么收费？')).toContain('快递柜取件免费');
  for (const l of transcript.filter((x) => x.startsWith('[幸福里业主群] 议事助手'))) for (const a of ['1,288.80', '248.64', '2,478.63']) expect(l).not.toContain(a);

  // nothing failed along the way
  expect(lines).not.toContain('处理时出了点问题');
}, 120_000);
