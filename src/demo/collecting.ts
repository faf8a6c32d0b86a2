import type { Cast } from './cast.js';
import type { DemoChat } from './demo-chat.js';

/**
 * Before the deliberation day (收集—核实—研究): residents propose and co-sign topics, the chair
 * moves the deliberation day, the committee puts three topics on the agenda and declines one; the
 * lift vote closes at its deadline and the committee calls a meeting about it. A lift that rattles is
 * reported (报修), dispatched to the property company, noted overdue the morning after its promised
 * time, fixed, confirmed and rated.
 */
export async function playCollecting(chat: DemoChat, cast: Cast): Promise<void> {
  const { say, day, note } = chat;
  const { chair, spouse, chatter, zhang, li, zhao, sun, zhou, wu, feng } = cast;

  await chat.at('2026-12-03 20:00', '居民提议议题，邻居附议');
  await say(zhao, '提议 电动车楼道充电\n2号楼楼道里天天有人给电动车充电，电线从窗户拉下来，起火了楼上的人跑不出来。建议在东门建集中充电棚，写进居民公约。');
  await say(zhang, '附议 1');
  note('刘大爷不知道老伴已经附议过');
  await say(spouse, '附议 1');
  await say(li, '附议 #1');
  await say(wu, '提议 小区停车位不够\n晚上车把消防通道都停满了，上次救护车进不来。东侧围墙边还有几辆僵尸车一直占着位置。');
  await say(sun, '附议 2');
  await say(zhou, '附议 2');
  await say(zhao, '附议 2');
  await say(feng, '提议 垃圾分类点异味\n3号楼旁边的垃圾分类点桶满了没人清，味道很大，一楼都不敢开窗。');
  await say(feng, '附议 3');
  await say(wu, '附议 3');
  await say(zhou, '提议 把中心花园改成停车位');
  await say(chatter, '议题列表');

  await chat.at('2026-12-04 09:00', '委员会研究议题，定议事协商日');
  note('委员实地核实：2号楼楼道确有飞线充电，东侧围墙边有 5 辆僵尸车，3号楼垃圾桶满溢');
  await say(chair, '议事日');
  await say(chair, '明天就是第一个星期六，太赶了。这个月的议事协商日放到第三个星期六，大家还有两周时间提议。');
  await say(chair, '议事日 每月第三个星期六 19:30');
  await say(sun, '上会 1');
  await say(sun, '上会 2');
  await say(sun, '上会 3');
  await say(
    sun,
    '不予受理 4 中心花园是全体业主共有的绿地，改作停车位属于改变共有部分用途，须业主依法表决，不在议事协商日决定；停车问题并入议题 #2 一起研究',
  );
  await say(zhou, '议程');
  await say(zhang, '参加 1');

  await chat.at('2026-12-06 08:30', '报修：电梯异响，派给物业');
  await say(feng, '报修 3号楼2单元电梯一早就咣咣响，老人不敢坐');
  await say(sun, '派单 1 物业 明天上午10点');
  await chat.at('2026-12-08 09:00', '约定的时间过了，还没修好');
  await chat.at('2026-12-08 15:00', '物业修好，报修人确认');
  await say(sun, '处理 1 物业已请电梯维保公司换了导靴');
  await say(sun, '修好 1');
  await say(feng, '确认 1');
  await say(feng, '满意 1');

  await chat.at('2026-12-10 09:00', '安排加装电梯说明会');
  await say(chair, '会议 12月12日 19:30 2号楼加装电梯施工说明会 @ 社区活动室');
  await say(zhao, '参加 2');
  await say(sun, '参加 2');
  await say(zhou, '参加 #2');
  await say(zhou, '参加 2');
  await say(li, '会议');

  await chat.at('2026-12-18 20:00', '议事协商日前一天');
  await say(wu, '议程');
  await say(wu, '参加 1');
  await say(feng, '参加 1');
}
