import type { ScheduleDescription } from '../../domain/schedule.js';
import type { TopicStatus } from '../../domain/topic-lifecycle.js';

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const ORDINAL = ['', '第一个', '第二个', '第三个', '第四个', '第五个'];
const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
const STATUS: Record<TopicStatus, string> = { proposed: '待上会', on_agenda: '已上会', rejected: '不予受理', decided: '已决议', assigned: '已交办', done: '已办结' };
const ACTIONS: Record<string, string> = {
  propose: '提议',
  second: '附议',
  'agenda-add': '列入议程',
  'agenda-remove': '撤出议程',
  reject: '不予受理',
  decide: '决议',
  assign: '交办',
  progress: '进展',
  done: '办结',
  'poll-closed': '表决结束',
  'roll-over': '未议，顺延到',
  reschedule: '议事日改期，改到',
};

/** zh-CN: topics (三议两办两公开), the deliberation day, meetings and conventions. Spread into the catalogue. */
export const zhDeliberation = {
  when: {
    /** weekday: 1 = Monday … 7 = Sunday. */
    day: (date: string, weekday: number, time: string) => `${date}（周${WEEKDAY[weekday % 7]}）${time}`,
  },

  topic: {
    usage: '用法：提议 议题内容（第一行作标题），例如：提议 东门路灯坏了，建议加装三盏',
    tooLong: '内容太长了（最多 1000 字），请精简后再发。',
    someone: '（未署名）',
    status: STATUS,
    by: (name: string, when: string) => `— ${name}，${when}`,
    line: (no: number, title: string, parts: string[]) => `#${no} ${title} — ${parts.join(' · ')}`,
    secondsCount: (n: number) => `附议 ${n} 户`,
    assignedTo: (who: string, due: string | null) => (due ? `${who}承办，限 ${due}` : `${who}承办`),
    decidedByPoll: (no: number, title: string) => `付诸表决（表决 #${no}《${title.replace(/^《|》$/g, '')}》）`,
    header: (no: number, title: string, status: string) => `【议题 #${no}】${title} — ${status}`,
    proposedBy: (name: string, when: string, seconds: number) => `提议：${name}，${when}；附议 ${seconds} 户`,
    content: (text: string) => `内容：${text}`,
    agendaOn: (day: string) => `议事协商日：${day}`,
    rejectReason: (reason: string) => `不予受理的理由：${reason}`,
    decision: (text: string) => `决议：${text}`,
    assignedLine: (who: string, due: string | null) => `交办：${who}${due ? `，限 ${due} 前办结` : ''}`,
    feedback: (text: string) => `办结反馈：${text}`,
    historyHeader: '经过：',
    historyLine: (when: string, name: string, action: string, note: string | null) => `${when} ${name ? `${name} ` : ''}${action}${note ? `：${note}` : ''}`,
    actionName: (action: string): string => ACTIONS[action] ?? action,
    pollOutcome: (pollNo: number, outcome: string) => `表决 #${pollNo}，${outcome}`,
    noSuchTopic: (no: number) => `没有编号为 #${no} 的议题。发送“议题列表”查看。`,
    proposed: (no: number, title: string) => `【议题 #${no}】居民提议：${title}`,
    howToSecond: (no: number) => `赞同的住户请发送：附议 ${no}（每户一次）`,
    proposedPrivately: (no: number) => `议题 #${no} 已提交，并已在本小区的议事群公布。`,
    secondUsage: '用法：附议 议题编号，例如：附议 3',
    seconded: (no: number, n: number) => `已附议议题 #${no}，目前共 ${n} 户附议。`,
    alreadySeconded: (no: number, n: number) => `您家已经附议过议题 #${no}，每户只计一次（目前共 ${n} 户附议）。`,
    ownHousehold: (no: number) => `议题 #${no} 是您家提出的，不用再附议。`,
    cannotSecond: (no: number, status: string) => `议题 #${no} ${status}，不能再附议。`,
    none: '目前没有进行中的议题。居民可发送“提议 内容”提出议题。',
    listHeader: '进行中的议题：',
    listHint: '查看详情：议题列表 编号；附议：附议 编号',
    refused: {
      rejected: (no: number, reason: string) => `议题 #${no} 已不予受理${reason ? `（理由：${reason}）` : ''}，不能再办理。如有新情况，请重新提议。`,
      done: (no: number) => `议题 #${no} 已经办结，不能再改动。发送“议题列表 ${no}”查看经过。`,
      notOnAgenda: (no: number) => `议题 #${no} 还没有上会。请先发送“上会 ${no}”列入议事协商日议程，再作决议。`,
      notDecided: (no: number) => `议题 #${no} 还没有决议。请先发送“决议 ${no} 决议内容”，再交办、报告进展或办结。`,
      alreadyOnAgenda: (no: number, day: string) => `议题 #${no} 已经在议程上了${day ? `（${day}）` : ''}。`,
      alreadyDecided: (no: number, decision: string) => `议题 #${no} 已经有决议${decision ? `：${decision}` : ''}，不能再上会、撤下、不予受理或重新决议。`,
      noSchedule: '本小区的议事日规则排不出下一个日期。请主任发送“议事日 每月第一个星期六 19:30”这样的规则重新设置。',
    },
    usageOf: {
      'agenda-add': '用法：上会 议题编号，例如：上会 3',
      'agenda-remove': '用法：议程 撤下 议题编号，例如：议程 撤下 3',
      reject: '用法：不予受理 议题编号 理由，例如：不予受理 3 属于物业合同范围，已转物业处理',
      decide: '用法：决议 议题编号 决议内容，例如：决议 3 同意加装三盏路灯，费用由公共收益列支；需要表决时：决议 3 表决 标题（下面可加表决的各行）',
      assign: '用法：交办 议题编号 承办人 [截止 日期]，例如：交办 3 物业王经理 截止 2026-12-20，或：交办 3 物业 14天内',
      progress: '用法：进展 议题编号 进展情况，例如：进展 3 已询价，下周施工',
      done: '用法：办结 议题编号 反馈，例如：办结 3 路灯已装好，欢迎监督',
    } as Record<'agenda-add' | 'agenda-remove' | 'reject' | 'decide' | 'assign' | 'progress' | 'done', string>,
    announce: {
      agendaAdd: (no: number, title: string, day: string) => `【议题 #${no}】${title}\n已列入议事协商日议程：${day}`,
      agendaRemove: (no: number, title: string) => `【议题 #${no}】${title}\n已撤出议程，回到待上会。`,
      reject: (no: number, title: string, reason: string) => `【议题 #${no}】${title}\n不予受理。理由：${reason}`,
      decide: (no: number, title: string, decision: string) => `【议题 #${no}】${title}\n决议：${decision}`,
      assign: (no: number, title: string, who: string, due: string | null) => `【议题 #${no}】${title}\n交办：${who}${due ? `，限 ${due} 前办结` : ''}`,
      progress: (no: number, title: string, note: string) => `【议题 #${no}】${title}\n进展：${note}`,
      done: (no: number, title: string, feedback: string) => `【议题 #${no}】${title}\n已办结。反馈：${feedback}`,
    },
    stepDone: (no: number, status: string) => `议题 #${no} 现在${status}，已在本小区的议事群公布。`,
    badDue: '截止日期看不懂，请写成“截止 2026-12-20”“12月20日前”或“14天内”。',
    dueInPast: '截止日期已经过了，请换一个以后的日期。',
    pollFor: (no: number, title: string) => `（这是议题 #${no}“${title}”的决议表决）`,
  },

  agenda: {
    meetingTitle: '议事协商日',
    header: (day: string, meetingNo: number | null) => `【议事协商日】${day}${meetingNo ? `（会议 #${meetingNo}）` : ''}\n议程：`,
    noDay: '本小区的议事日规则排不出下一个日期，请主任用“议事日 规则”重新设置。议程上的议题：',
    rolledOver: (n: number) => `上次没议到的 ${n} 个议题已顺延到本次。`,
    later: (day: string) => `之后（${day}）：`,
    empty: '（还没有议题上会。委员可发送“上会 编号”列入议程。）',
    item: (i: number, no: number, title: string, seconds: number) => `${i}. #${no} ${title}（附议 ${seconds} 户）`,
    waiting: (list: string[], total: number) => `待上会的议题（${total}）：${list.join('；')}${total > list.length ? ' …' : ''}`,
    rsvpHint: (meetingNo: number) => `参加请发送：参加 ${meetingNo}`,
    usage: '用法：议程（查看）；上会 编号（列入议程）；议程 撤下 编号（撤出议程）',
  },

  schedule: {
    describe: (d: ScheduleDescription): string => {
      switch (d.kind) {
        case 'nth-weekday':
          return `每月${d.nth === -1 ? '最后一个' : ORDINAL[d.nth]}星期${WEEKDAY[d.weekday]} ${hm(d.hour, d.minute)}`;
        case 'day-of-month':
          return `每月${d.day}日 ${hm(d.hour, d.minute)}`;
        case 'last-day-of-month':
          return `每月最后一天 ${hm(d.hour, d.minute)}`;
        case 'weekly':
          return `每星期${WEEKDAY[d.weekday]} ${hm(d.hour, d.minute)}`;
        case 'cron':
          return `按 cron 规则“${d.cron}”`;
      }
    },
    current: (rule: string, tz: string) => `议事协商日：${rule}（时区 ${tz}）`,
    next: (days: string[]) => (days.length ? `接下来：${days.join('；')}` : '按这个规则排不出以后的日期。'),
    howToSet: '修改请发送“议事日”加新规则，例如：议事日 每月第三个星期六 19:30（也可以写“每月最后一个星期五 20:00”“每月15日 19:00”或 cron 行）',
    whoSets: '议事日由主任/召集人设置。',
    bad: '这个议事日规则看不懂。请写成“每月第一个星期六 19:30”“每月最后一个星期五 20:00”“每月15日 19:00”，英文“first Saturday of every month at 19:30”，或 cron 行“30 19 * * 6#1”。',
    changed: (rule: string) => `【议事协商日】改为：${rule}`,
    moved: (n: number, day: string) => `已在议程上的 ${n} 个议题改到 ${day}。`,
    changedPrivately: '议事日已修改，并已在本小区的议事群公布。',
  },

  meeting: {
    none: '近期没有会议。',
    listHeader: '近期会议：',
    listHint: '参加请发送：参加 编号',
    line: (no: number, title: string, day: string, place: string | null, rsvps: number) => `#${no} ${title} — ${day}${place ? ` @ ${place}` : ''} · ${rsvps} 人参加`,
    card: (no: number, title: string) => `【会议 #${no}】${title}`,
    time: (day: string) => `时间：${day}`,
    place: (place: string) => `地点：${place}`,
    howTo: (no: number) => `参加请发送：参加 ${no}`,
    usage: '用法：会议 日期 时间 标题 [@ 地点]，例如：会议 12月20日 19:30 加装电梯说明会 @ 社区活动室。只发“会议”查看近期会议。',
    exists: (no: number, title: string) => `这个时间已经有会议 #${no}“${title}”了。`,
    inPast: '会议时间必须在现在之后。',
    tooFar: '会议时间最多一年以后。',
    tooLong: '标题或地点太长了（各最多 100 字）。',
    scheduled: (no: number) => `会议 #${no} 已安排，并已在本小区的议事群公布。`,
    rsvpOk: (no: number, title: string, day: string, n: number) => `已报名参加会议 #${no}“${title}”（${day}），目前 ${n} 人参加。`,
    rsvpAlready: (no: number, n: number) => `您已经报名参加会议 #${no} 了（目前 ${n} 人参加）。`,
    noSuchMeeting: (no: number) => `没有编号为 #${no} 的会议。发送“会议”查看近期会议。`,
    started: (no: number) => `会议 #${no} 已经开始或结束，不能再报名。`,
  },

  convention: {
    none: '本小区还没有经表决生效的公约。委员可发起公约表决：第一行“表决 公约名称”，加一行“公约”，再每行一条条文（第一条 …）。',
    inForce: '【现行公约】',
    heading: (title: string, version: number, pollNo: number | null, adopted: string | null) =>
      `《${title}》第 ${version} 版（${[pollNo ? `表决 #${pollNo} 通过` : '', adopted ? `${adopted} 起施行` : ''].filter(Boolean).join('，')}）`,
    more: (n: number) => `……另有 ${n} 条，发送“公约 关键词”查找。`,
    searchHint: '查找条文：公约 关键词，例如：公约 停车',
    matches: (words: string) => `与“${words}”有关的条文：`,
    match: (title: string, article: string) => `《${title}》${article}`,
    noMatch: (words: string, titles: string[]) => `现行公约里没有找到与“${words}”有关的条文。现行公约：${titles.map((x) => `《${x}》`).join('、')}。`,
    needArticles: '公约表决需要条文：请在表决内容里每行写一条（第一条 …），或请社区工作人员先导入公约文本。',
    adopted: (title: string, version: number, superseded: number | null) =>
      `《${title}》第 ${version} 版自即日起施行${superseded ? `，第 ${superseded} 版同时废止` : ''}。发送“公约”查看。`,
  },
};
