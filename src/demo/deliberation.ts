import type { Cast } from './cast.js';
import type { DemoChat } from './demo-chat.js';

const CHARGING_CONVENTION = [
  '决议 1 表决 《幸福里电动车安全充电公约》',
  '公约',
  '第一条 电动自行车及其电池不得在楼道、楼梯间、电梯内停放或充电。',
  '第二条 电动自行车到东门集中充电棚充电，充电费按物业公示的标准收取。',
  '第三条 禁止从楼上窗户“飞线”拉电充电。',
  '第四条 楼栋长发现违反本公约的，先上门劝导，劝导不听的报自管委处理。',
  '规则: 居民会议',
  '不记名',
  '截止: 7天',
].join('\n');

/**
 * The deliberation day and after (研究—交办—反馈): the committee decides, hands two topics to the
 * property company with due dates and puts the third to a secret residents' vote on a convention;
 * progress is reported, the convention comes into force, topics are closed with feedback.
 */
export async function playDeliberation(chat: DemoChat, cast: Cast): Promise<void> {
  const { say, day, note } = chat;
  const { chair, chatter, zhang, li, zhao, sun, zhou, feng, residents } = cast;

  await chat.at('2026-12-19 19:30', '议事协商日');
  await say(chair, '议程');
  note('会上居民、委员和物业经理逐项讨论，会后委员在群里公布决议');
  await chat.at('2026-12-19 21:00');
  await say(sun, '决议 2 清理僵尸车；东侧围墙边新划 12 个车位；外来车辆临时停车收费，收益按“235”分配（20%日常管理、30%业主分红、50%公共设施维修）');
  await say(chair, '交办 2 物业公司 截止 2027-01-31');
  await say(sun, '决议 3 垃圾分类点改为每天早晚清运两次、每周冲洗消毒，换带盖的分类桶');
  await say(chair, '交办 3 物业公司 截止 2026-12-25');
  await say(sun, CHARGING_CONVENTION);

  day('公约表决：不记名，私聊投票');
  await say(zhang, '投票 同意');
  await say(zhang, '投票 2 同意', 'private');
  for (const [i, r] of residents.slice(1).entries()) await say(r, `投票 2 ${i === 3 ? '反对' : '同意'}`, 'private');

  await chat.at('2026-12-23 10:00', '通报办理进展');
  note('物业公司把办理情况报给委员，委员在群里通报');
  await say(sun, '进展 3 已换上 6 组带盖的分类桶，清运改为每天 7:00 和 18:00 两次');
  await say(sun, '进展 2 已清走僵尸车 5 辆，东侧新车位已放线，下周施划');

  await chat.at('2026-12-26 21:00', '公约表决截止，公约施行');
  await say(zhou, '公约 充电');

  await chat.at('2026-12-28 10:00', '办结反馈');
  await say(sun, '办结 3 分类桶已全部换新，每天早晚清运、每周冲洗消毒，异味已消除。欢迎居民监督，发现满溢请拍照发群里');
  await say(sun, '办结 1 《幸福里电动车安全充电公约》已施行；楼道飞线已全部拆除，东门集中充电棚已启用，有 20 个充电口');
  await say(feng, '议题列表 3');

  await chat.at('2026-12-31 20:00', '月底回顾');
  await say(li, '议题列表');
  await say(zhao, '公约');
  await say(chatter, '表决列表');
}
