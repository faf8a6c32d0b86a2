import type { PollRule } from '../../domain/tally.js';
import { CONVENTIONS_TEXT } from '../../features/conventions/i18n.js';
import { FEES_TEXT } from '../../features/fees/i18n.js';
import { MEETINGS_TEXT } from '../../features/meetings/i18n.js';
import { SCHEDULE_TEXT } from '../../features/schedule/i18n.js';
import { TOPICS_TEXT } from '../../features/topics/i18n.js';
import { zhReminders } from './zh-cn-reminders.js';
import { zhMatters } from './zh-cn-matters.js';
import { zhWeb } from './zh-cn-web.js';
import { zhDesk } from './zh-cn-desk.js';

const RULE_NAMES: Record<PollRule, string> = {
  'owners-general': '一般事项（业主双过半）',
  'owners-major': '重大事项（业主双四分之三）',
  residents: '居民会议',
  simple: '简单多数',
};
const ROLE_NAMES = { resident: '居民', committee: '委员', chair: '主任/召集人' } as const;
const OUTCOMES = { open: '进行中', passed: '通过', failed: '未通过', invalid: '无效（参与不足）', tie: '平票', decided: '已决出' } as const;

/** The zh-CN catalogue: every sentence the bot says, grouped by feature. */
export const zhCN = {
  ruleName: (r: PollRule) => RULE_NAMES[r],
  roleName: (r: keyof typeof ROLE_NAMES): string => ROLE_NAMES[r],
  relationName: (r: 'owner' | 'tenant'): string => (r === 'owner' ? '业主' : '租户'),
  outcomeName: (o: keyof typeof OUTCOMES): string => OUTCOMES[o],
  area: (m2: string) => `${m2} m²`,
  heads: (n: number) => `${n} 人`,
  households: (n: number) => `${n} 户`,

  when: SCHEDULE_TEXT['zh-CN'].when,
  schedule: SCHEDULE_TEXT['zh-CN'].schedule,
  // The features' words where the pages and the poll notes read them (each feature reads its folder's).
  topic: TOPICS_TEXT['zh-CN'].topic,
  agenda: TOPICS_TEXT['zh-CN'].agenda,
  meeting: MEETINGS_TEXT['zh-CN'].meeting,
  convention: CONVENTIONS_TEXT['zh-CN'].convention,
  ...zhReminders,
  fees: FEES_TEXT['zh-CN'].fees,
  myfee: FEES_TEXT['zh-CN'].myfee,
  income: FEES_TEXT['zh-CN'].income,
  faq: FEES_TEXT['zh-CN'].faq,
  ...zhMatters,
  ...zhWeb,
  ...zhDesk,

  common: {
    tryLater: '系统暂时忙不过来（数据库连不上），您的操作没有生效，请过几分钟再试。',
    internalError: '抱歉，处理时出了点问题，您的操作没有生效。请稍后再试；如果一直不行，请联系社区工作人员。',
    rateLimited: '您发得有点快，请稍等一分钟再发。',
    tooLong: (max: number) => `消息太长了（最多 ${max} 个字），请分几次发送。`,
    notText: '我只能读懂文字消息。发送“帮助”查看可用的命令。',
    unknownCommand: (word: string, suggestion: string | null) =>
      suggestion ? `没有“${word}”这个命令。您是不是想用 ${suggestion}？发送“帮助”查看全部命令。` : `没有“${word}”这个命令。发送“帮助”查看全部命令。`,
    notOffered: (word: string) => `“${word}”功能在本服务中还没有开放，请向社区工作人员咨询。发送“帮助”查看现在可用的命令。`,
    notLinked: '这个群还没有开通议事。请主任/召集人在群里发送“开通 开通码”（开通码由社区工作人员提供）。',
    notMemberPrivate: '您还没有绑定房屋。请在这里发送：绑定 楼栋-单元-房号 绑定码，例如：绑定 3-2-501 K7M2Q9XA（绑定码向社区工作人员领取）。',
    notBound: '您还没有绑定房屋，所以不能这样做。请私聊我发送：绑定 楼栋-单元-房号 绑定码（绑定码向社区工作人员领取）。',
    notCommittee: '只有委员和主任/召集人可以这样做。',
    notChair: '只有主任/召集人可以这样做。',
    privateOnly: '这个命令请私聊我发送。',
    groupOnly: '这个命令请在小区群里发送。',
    repliedPrivately: '我已私信回复您，请查看与我的私聊。',
    cannotReachPrivately: '我没法私信您。请先添加我为好友（微信）或点开我的头像发送任意消息（Telegram），再试一次。',
    pickCommunity: (names: string[]) => `您在多个小区都有绑定：${names.join('、')}。请在对应的小区群里操作。`,
  },

  help: {
    header: (community: string | null) => (community ? `【议事 · ${community}】可用命令：` : '【议事】可用命令：'),
    groupUnbound: '您还没有绑定房屋：请私聊我发送“绑定 楼栋-单元-房号 绑定码”（例如：绑定 3-2-501 K7M2Q9XA，绑定码向社区工作人员领取），绑定后就能投票、提议。',
    privacyWarning: '提醒主任：我现在看不到群里的普通消息（Telegram 隐私模式开启），只能看到命令和@我的消息。如需回答收费问题，请在 @BotFather 用 /setprivacy 关闭隐私模式，或把我设为群管理员。',
  },

  setup: {
    usage: '用法：开通 开通码（开通码由社区工作人员提供）',
    privateChat: '“开通”要在小区群里发送，不要私聊。',
    ok: (community: string, chair: boolean) =>
      `本群已开通为“${community}”的议事群。` + (chair ? '您是本小区的第一位主任/召集人。' : '') + '居民请私聊我“绑定 房号 绑定码”完成绑定。',
    bad: '开通码不对。请向社区工作人员核对开通码。',
    locked: (minutes: number) => `尝试开通的次数太多，已暂停开通，请 ${minutes} 分钟后再试，或联系社区工作人员。`,
    elsewhere: '本群已开通为另一个小区的议事群，不能再开通。如需更改请联系社区工作人员。',
    needsCommittee: '本小区在这个平台上已经有议事群了，再开通新的群需要由委员或主任/召集人发送。请主任先在已开通的群里任命您为委员。',
  },

  bind: {
    usage: '用法（私聊我）：绑定 楼栋-单元-房号 绑定码，例如：绑定 3-2-501 K7M2Q9XA',
    ok: (unit: string, relation: string, community: string) => `绑定成功：${community} ${unit}（${relation}）。发送“我的”可查看您的信息。`,
    rebound: (unit: string, relation: string, community: string) => `已改为绑定：${community} ${unit}（${relation}）。`,
    inGroup: (rotated: boolean): string =>
      rotated
        ? '绑定码是私密的，请不要发在群里！这个绑定码已作废，新的绑定码请向社区工作人员领取，然后私聊我绑定。'
        : '绑定请私聊我，不要在群里发送绑定码。',
    wrong: (left: number) => `房号或绑定码不对，请核对后再试。还可以再试 ${left} 次。`,
    unknownUnit: (unit: string) => `没找到房号“${unit}”。请按“楼栋-单元-房号”写，例如：绑定 3-2-501 绑定码（这次不算输错绑定码）。`,
    leaked: '这条消息里有绑定码。绑定码是私密的，不要发在群里！这个绑定码已作废，请向社区工作人员领取新的绑定码，然后私聊我绑定。',
    locked: (minutes: number) => `绑定码错误次数太多，已暂停绑定，请 ${minutes} 分钟后再试，或联系社区工作人员。`,
  },

  me: {
    unbound: (role: string | null) => (role ? `您的身份：${role}。您还没有绑定房屋。` : '您还没有绑定房屋。') + '私聊我发送：绑定 楼栋-单元-房号 绑定码。',
    info: (community: string, unit: string, relation: string, role: string) => `${community} ${unit}（${relation}），身份：${role}。`,
    pending: (list: string[], open: number) => (list.length ? `还没投的表决：${list.join('；')}` : open ? '进行中的表决您家都投过了。' : '现在没有进行中的表决。'),
  },

  poll: {
    usage: '用法：第一行“表决 标题”，下面每行一个选项（不写选项则为 同意/反对/弃权），可加：截止: 2026-12-05 20:00、规则: 一般事项|重大事项|居民会议|简单多数、事项: 加装电梯（《民法典》第二百七十八条的一项）、范围: 2号楼 或 2-1、开始: 立即（需加“确认规则”）、不记名、结果保密、不可改票。',
    parseError: {
      'missing-title': '表决缺少标题。',
      'bad-deadline': '截止时间看不懂，请写成“截止: 2026-12-05 20:00”或“截止: 7天”。',
      'bad-rule': '规则只能是：一般事项、重大事项、居民会议、简单多数。',
      'too-few-options': '至少需要两个选项。',
      'too-many-options': '选项最多 10 个。',
      'duplicate-option': '有重复的选项。',
      'too-long': '表决内容太长了（最多 4000 字，标题最多 200 字，每个选项最多 100 字）。',
    } as Record<string, string>,
    deadlinePast: '截止时间必须在现在之后。',
    deadlineTooFar: '截止时间最多 90 天以后。',
    noRoster: '本小区还没有导入房屋名册，无法按业主或住户计票。请社区工作人员先导入名册。',
    card: (no: number, title: string) => `【表决 #${no}】${title}`,
    cardRule: (rule: string, source: string | null) => `规则：${rule}${source ? `（${source}）` : ''}`,
    cardDeadline: (local: string) => `截止：${local}`,
    cardFlags: (flags: string[]) => flags.join('，'),
    flagSecret: '不记名（请私聊我投票）',
    flagHidden: '结果截止后公布',
    flagFinal: '投出后不可改票',
    cardHowTo: (no: number, secret: boolean) =>
      secret ? `请私聊我投票，例如：投票 ${no} 1` : `投票方法：点下面的按钮，或发送“投票 ${no} 选项”，例如：投票 ${no} 1`,
    cardHowToNoButtons: (no: number, secret: boolean) =>
      secret ? `请私聊我投票，例如：投票 ${no} 1` : `投票方法：发送“投票 ${no} 选项编号或文字”，例如：投票 ${no} 1`,
    opened: (no: number) => `表决 #${no} 已发起，已在本小区的议事群公布。`,
  },

  vote: {
    usage: '用法：投票 [表决编号] 选项，例如：投票 1 同意，或 投票 同意（只有一个表决进行中时）。',
    noOpenPoll: '现在没有进行中的表决。',
    whichPoll: (list: string[]) => `现在有多个表决进行中，请写上编号：${list.join('；')}。例如：投票 ${list[0]?.match(/#(\d+)/)?.[1] ?? 1} 同意`,
    whichPollResults: (list: string[]) => `现在有多个表决进行中，请写上编号：${list.join('；')}。例如：结果 ${list[0]?.match(/#(\d+)/)?.[1] ?? 1}`,
    noSuchPoll: (no: number) => `没有编号为 #${no} 的表决。发送“表决列表”查看。`,
    badOption: (options: string[], no: number) => `没看懂您投的选项。表决 #${no} 可选：${options.join('  ')}。例如：投票 ${no} 1`,
    hint: (polls: Array<{ no: number; title: string; options: string[] }>) =>
      `投票请发送“投票 编号 选项”，或回复表决消息写选项。${polls.map((p) => `表决 #${p.no} ${p.title}：${p.options.join('  ')}`).join('；')}。例如：投票 ${polls[0]?.no ?? 1} 1`,
    badButton: '这个按钮无效，没有计票。请点表决消息上的按钮，或发送“投票 编号 选项”。',
    ok: (no: number, option: string, changed: boolean) => (changed ? `已改票：表决 #${no}，您家现在投的是“${option}”。` : `已记录：表决 #${no}，您家投的是“${option}”。`),
    okQuiet: (no: number, changed: boolean) => (changed ? `已改票（表决 #${no}）。` : `已收到您的投票（表决 #${no}）。`),
    secretInGroup: (no: number) => `表决 #${no} 是不记名投票，请私聊我投票，不要在群里投。您在群里发的这条不计票。`,
    closed: (no: number, outcome: string) => `表决 #${no} 已结束，结果：${outcome}。不能再投票。`,
    final: (no: number) => `表决 #${no} 规定投出后不可改票，您家已经投过了。`,
    ownersOnly: (no: number, rule: string) => `表决 #${no} 按“${rule}”规则，只有以业主身份绑定的成员可以投票。`,
    duplicate: '',
  },

  results: {
    usage: '用法：结果 [表决编号]',
    header: (no: number, title: string, status: string) => `【表决 #${no}】${title} — ${status}`,
    rule: (rule: string, source: string | null) => `规则：${rule}${source ? `（${source}）` : ''}`,
    turnoutOwners: (areaV: string, areaE: string, headsV: number, headsE: number, areaOk: boolean, headsOk: boolean, need: string) =>
      `参与：面积 ${areaV}/${areaE} m² ${areaOk ? '✓' : '✗'}，人数 ${headsV}/${headsE} 人 ${headsOk ? '✓' : '✗'}（需均达到${need}）`,
    turnoutResidents: (v: number, e: number, ok: boolean) => `参与：${v}/${e} 户 ${ok ? '✓' : '✗'}（需过半数）`,
    turnoutSimple: (v: number, e: number) => `参与：${v}/${e} 户`,
    optionOwners: (i: number, text: string, area: string, heads: number, passed: boolean) => `${i}. ${text}：面积 ${area} m²，${heads} 人${passed ? ' ✓' : ''}`,
    optionHouseholds: (i: number, text: string, n: number, passed: boolean) => `${i}. ${text}：${n} 户${passed ? ' ✓' : ''}`,
    passRule: (text: string) => `通过条件：${text}`,
    passOwnersGeneral: '同意的面积和人数都超过参与的一半',
    passOwnersMajor: '同意的面积和人数都达到参与的四分之三以上',
    passResidents: '同意的户数超过参与户数的一半',
    hidden: '本表决结果保密，截止后公布。',
    outcome: (o: string) => `结果：${o}`,
    winner: (text: string) => `胜出：${text}`,
    tie: (texts: string[]) => `平票：${texts.join('、')}`,
    noVotes: '无人投票',
    deadline: (local: string) => `截止：${local}`,
    unvoted: (total: number, labels: string[]) => (total ? `未投票的房屋（${total}）：${labels.join('、')}${total > labels.length ? ' …' : ''}` : '所有房屋都已投票。'),
    closedAnnouncement: (no: number) => `表决 #${no} 已结束。`,
    joinOptions: (parts: string[]) => parts.join('；'),
    threshold: (num: number, den: number, strict: boolean): string =>
      `${num === 2 && den === 3 ? '三分之二' : num === 3 && den === 4 ? '四分之三' : num === 1 && den === 2 ? '一半' : `${num}/${den}`}${strict ? '（不含本数）' : '以上'}`,
  },

  close: {
    usage: '用法：结束表决 编号',
    already: (no: number) => `表决 #${no} 已经结束了。`,
    closedPrivately: (no: number) => `表决 #${no} 已结束，结果已在本小区的议事群公布。`,
  },

  polls: {
    none: '还没有表决。',
    open: '进行中：',
    closed: '最近结束：',
    line: (no: number, title: string, extra: string) => `#${no} ${title}（${extra}）`,
    until: (local: string) => `截止 ${local}`,
  },

  wechat: {
    confirmAsk: (community: string, unit: string) =>
      `我的微信刚重新登录，需要确认一下：您是“${community}”${unit}的住户吗？是的话请回复“确认”，不是请回复“不是”。`,
    confirmed: (unit: string) => `已确认，您的绑定已恢复：${unit}。`,
    notMe: '好的，没有恢复。如需绑定，请私聊我：绑定 楼栋-单元-房号 绑定码。',
    toChair: '致主任/召集人：',
    chairAmbiguousMembers: (name: string, units: string[]) =>
      `微信重新登录后，有 ${units.length} 位叫“${name}”的成员（${units.join('、')}）无法分辨，我没有自动恢复他们的绑定。请本人私聊我重新绑定（绑定 房号 绑定码）。`,
    chairRoomLost: (title: string) =>
      `微信重新登录后没找到群“${title}”。若改了群名，请在群里发“开通 开通码”重新关联；若只是没找到，群里有人发言后会自动恢复。`,
    chairRoomAmbiguous: (title: string, n: number) => `微信重新登录后有 ${n} 个群都叫“${title}”，我没有自动关联。请在正确的群里发“开通 开通码”。`,
  },
};

export type Catalogue = typeof zhCN;
