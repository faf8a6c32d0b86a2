/** Every sentence of repair requests (报修), in zh-CN and en. Pure data: the manifest reads the help lines. */
import type { Locale } from '../../chat/model.js';
import type { RepairStatus } from './domain.js';

const ZH_STATUS: Record<RepairStatus, string> = {
  reported: '待派单',
  dispatched: '已派单',
  in_progress: '处理中',
  fixed: '已修好，待报修人确认',
  confirmed: '已完成',
  reopened: '没修好，重新处理',
};
const EN_STATUS: Record<RepairStatus, string> = {
  reported: 'waiting to be dispatched',
  dispatched: 'dispatched',
  in_progress: 'in progress',
  fixed: 'fixed, waiting for the reporter to confirm',
  confirmed: 'done',
  reopened: 'not fixed, reopened',
};

const zh = {
  help: {
    repair: '报修 内容 — 报修（群里或私聊都可以），例如：报修 3号楼电梯异响',
    reporter: '确认 编号 / 没修好 编号 — 报修人确认修好，或说明没修好；之后可发“满意 编号”或“不满意 编号”',
    dispatch: '派单 编号 物业|@某人 [48小时|明天下午3点] — 派单并约定完成时间（默认 48 小时）',
    handle: '处理 编号 进展 / 修好 编号 — 承办人或委员告知进展、标记修好',
  },
  status: (s: RepairStatus) => ZH_STATUS[s],
  building: (b: string | null) => (b ? `${b}号楼` : '楼栋未注明'),
  property: '物业',
  /** The group's card: number, building and state, and what the reporter wrote. */
  card: (no: number, building: string, status: string, text: string) => `【报修 #${no}】${building} · ${status}\n${text}`,
  reportedPrivately: (no: number) => `已收到您的报修，编号 #${no}。派单和处理进展会私信告诉您；修好后请发“确认 ${no}”或“没修好 ${no}”。`,
  reportedInGroup: (no: number) => `报修 #${no} 已登记，进展会私信告诉报修人。`,
  dispatched: (no: number, building: string, assignee: string, promised: string) => `【报修 #${no}】${building} · 已派单给 ${assignee}，约定 ${promised} 前修好。`,
  toAssignee: (no: number, building: string, text: string, promised: string) =>
    `【报修 #${no}】派给您处理：${building}，${text}\n约定 ${promised} 前修好。告知进展请发“处理 ${no} 进展”，修好后发“修好 ${no}”。`,
  toReporterDispatched: (no: number, assignee: string, promised: string) => `您的报修 #${no} 已派给 ${assignee}，约定 ${promised} 前修好。`,
  progressToReporter: (no: number, text: string) => `您的报修 #${no} 有新进展：${text}`,
  progressNoted: (no: number) => `报修 #${no} 的进展已记下，并已私信告知报修人。`,
  fixedInGroup: (no: number, building: string) => `【报修 #${no}】${building} · 已修好，等报修人确认。`,
  askConfirm: (no: number) => `您的报修 #${no} 已标记修好。修好了请发“确认 ${no}”；没修好请发“没修好 ${no}”。`,
  fixedNoted: (no: number) => `报修 #${no} 已标记修好，已请报修人确认。`,
  confirmedInGroup: (no: number, building: string) => `【报修 #${no}】${building} · 已完成。`,
  askRating: (no: number) => `报修 #${no} 已确认完成，谢谢！对这次维修满意吗？请回复“满意 ${no}”或“不满意 ${no}”。`,
  reopenedInGroup: (no: number, building: string) => `【报修 #${no}】${building} · 报修人反映没修好，重新处理。`,
  reopened: (no: number) => `已重新打开报修 #${no}，会再请承办人处理。`,
  toAssigneeReopened: (no: number, promised: string) => `报修 #${no} 报修人反映没修好，请重新处理，约定 ${promised} 前修好。`,
  rated: (no: number, good: boolean) => (good ? `谢谢您的评价（满意），报修 #${no} 已归档。` : `谢谢您的评价（不满意），报修 #${no} 的情况会报告给业委会。`),
  /** `报修 1`: the request as the person may see it. */
  detail: (no: number, building: string, status: string, assignee: string | null, promised: string | null) =>
    `【报修 #${no}】${building} · ${status}${assignee ? `\n承办：${assignee}` : ''}${promised ? `，约定 ${promised} 前修好` : ''}`,
  mine: (lines: string[]) => (lines.length ? `您在办的报修：\n${lines.join('\n')}` : '您目前没有在办的报修。'),
  mineLine: (no: number, status: string) => `#${no} ${status}`,
  overdue: (no: number, building: string, text: string, assignee: string, promised: string) =>
    `【报修超期提醒】报修 #${no}（${building}）${text}\n已派给 ${assignee}，约定 ${promised} 前修好，现已超期。修好后请发“修好 ${no}”。`,
  /** The agenda's opening lines: last month's repair requests by building. */
  monthHeader: (month: string) => `上月（${month}）报修情况：`,
  monthLine: (building: string, reported: number, done: number, overdue: number, satisfied: number, rated: number) =>
    `${building}：报修 ${reported} 件，修好 ${done} 件，超期 ${overdue} 件，满意 ${rated ? `${satisfied}/${rated}` : '—'}`,
  /** The committee's desk page of repair requests. */
  desk: {
    nav: '报修',
    heading: '报修',
    none: '还没有报修。',
    open: '在办的报修',
    recent: '最近完成的报修',
    reportedAt: (at: string) => `报修时间：${at}`,
    assigned: (assignee: string, promised: string, late: boolean) => `承办：${assignee}，约定 ${promised} 前修好${late ? '（已超期）' : ''}`,
    rating: (good: boolean): string => (good ? '评价：满意' : '评价：不满意'),
    assigneeLabel: '派给',
    whenLabel: '约定完成时间（不填为 48 小时）',
    whenPlaceholder: '例如：48小时、明天下午3点',
    dispatch: '派单',
    fixed: '标记修好',
    dispatchedOk: (no: number) => `报修 #${no} 已派单，群里、承办人和报修人都会收到通知。`,
    fixedOk: (no: number) => `报修 #${no} 已标记修好，已请报修人确认。`,
    unknownAssignee: '请选择承办人。',
  },
  refused: {
    usage: '请说明要报修什么，例如：报修 3号楼2单元电梯异响。',
    tooLong: '报修内容太长了（最多 500 字），请简要说明。',
    notMember: '报修需要先绑定房屋。请私聊我发送：绑定 楼栋-单元-房号 绑定码（绑定码向社区工作人员领取）。',
    noRepair: (no: number) => `没有编号为 #${no} 的报修，请核对编号。`,
    dispatchUsage: '用法：派单 编号 物业|@某人 [时间]，例如：派单 3 物业 48小时，或：派单 3 @张师傅 明天下午3点。',
    handleUsage: '用法：处理 编号 进展，例如：处理 3 已联系维保。',
    numberUsage: (word: string) => `用法：${word} 编号，例如：${word} 3。`,
    unknownAssignee: (who: string) => `找不到“${who}”。请写“物业”，或 @ 一位已在本小区登记的成员（也可以回复他的消息）。`,
    badTime: '看不懂这个时间。请写“48小时”“3天”“明天下午3点”或“12月5日 18:00”。',
    pastTime: '约定的时间已经过去了，请给一个以后的时间。',
    notAssignee: (no: number) => `只有报修 #${no} 的承办人或委员可以这样做。`,
    notReporter: (no: number) => `只有报修 #${no} 的报修人可以确认或说明没修好。`,
    notDispatched: (no: number) => `报修 #${no} 还没有派单，请委员先发“派单 ${no} 物业”。`,
    alreadyFixed: (no: number) => `报修 #${no} 已经标记修好，正在等报修人确认。`,
    closed: (no: number) => `报修 #${no} 已经完成，不能再改。`,
    notFixed: (no: number) => `报修 #${no} 还没有标记修好，修好后承办人会告诉您。`,
    notConfirmed: (no: number) => `报修 #${no} 还没有确认完成，确认后才能评价。`,
    alreadyRated: (no: number) => `报修 #${no} 已经评价过了，谢谢。`,
  },
};

export type RepairsText = typeof zh;

const en: RepairsText = {
  help: {
    repair: '/repair TEXT — report something broken (in the group or privately), e.g. /repair lift in building 3 is noisy',
    reporter: '/confirm N · /reopen N — the reporter confirms the repair or says it is not fixed; then /satisfied N or /unsatisfied N',
    dispatch: '/dispatch N property|@someone [48h|tomorrow 3pm] — dispatches it with a promised time (default 48 hours)',
    handle: '/handle N TEXT · /fixed N — the assignee or the committee reports progress or marks it fixed',
  },
  status: (s) => EN_STATUS[s],
  building: (b) => (b ? `Building ${b}` : 'building not given'),
  property: 'the property company',
  card: (no, building, status, text) => `Repair #${no}: ${building} · ${status}\n${text}`,
  reportedPrivately: (no) => `Your repair request is recorded as #${no}. You will be told privately when it is dispatched and how it goes; once fixed, send /confirm ${no} or /reopen ${no}.`,
  reportedInGroup: (no) => `Repair #${no} is recorded; the reporter is told privately how it goes.`,
  dispatched: (no, building, assignee, promised) => `Repair #${no}: ${building} · dispatched to ${assignee}, to be fixed by ${promised}.`,
  toAssignee: (no, building, text, promised) =>
    `Repair #${no} is yours: ${building}, ${text}\nTo be fixed by ${promised}. Report progress with /handle ${no} TEXT, and send /fixed ${no} once fixed.`,
  toReporterDispatched: (no, assignee, promised) => `Your repair #${no} was dispatched to ${assignee}, to be fixed by ${promised}.`,
  progressToReporter: (no, text) => `News on your repair #${no}: ${text}`,
  progressNoted: (no) => `Progress on repair #${no} is noted and the reporter was told privately.`,
  fixedInGroup: (no, building) => `Repair #${no}: ${building} · fixed, waiting for the reporter to confirm.`,
  askConfirm: (no) => `Your repair #${no} is marked fixed. If it is, send /confirm ${no}; if not, send /reopen ${no}.`,
  fixedNoted: (no) => `Repair #${no} is marked fixed; the reporter was asked to confirm.`,
  confirmedInGroup: (no, building) => `Repair #${no}: ${building} · done.`,
  askRating: (no) => `Repair #${no} is confirmed, thank you! Were you satisfied? Reply /satisfied ${no} or /unsatisfied ${no}.`,
  reopenedInGroup: (no, building) => `Repair #${no}: ${building} · the reporter says it is not fixed; reopened.`,
  reopened: (no) => `Repair #${no} is reopened; the assignee will be asked to fix it.`,
  toAssigneeReopened: (no, promised) => `Repair #${no}: the reporter says it is not fixed. Please fix it by ${promised}.`,
  rated: (no, good) => (good ? `Thank you (satisfied); repair #${no} is filed.` : `Thank you (not satisfied); repair #${no} will be reported to the committee.`),
  detail: (no, building, status, assignee, promised) => `Repair #${no}: ${building} · ${status}${assignee ? `\nAssigned to ${assignee}` : ''}${promised ? `, to be fixed by ${promised}` : ''}`,
  mine: (lines) => (lines.length ? `Your open repair requests:\n${lines.join('\n')}` : 'You have no open repair requests.'),
  mineLine: (no, status) => `#${no} ${status}`,
  overdue: (no, building, text, assignee, promised) =>
    `Overdue repair: #${no} (${building}) ${text}\nDispatched to ${assignee}, promised by ${promised}, now overdue. Send /fixed ${no} once fixed.`,
  monthHeader: (month) => `Repair requests last month (${month}):`,
  monthLine: (building, reported, done, overdue, satisfied, rated) =>
    `${building}: ${reported} reported, ${done} fixed, ${overdue} overdue, satisfied ${rated ? `${satisfied}/${rated}` : '—'}`,
  desk: {
    nav: 'Repair requests',
    heading: 'Repair requests',
    none: 'No repair requests yet.',
    open: 'Open requests',
    recent: 'Recently done',
    reportedAt: (at) => `Reported ${at}`,
    assigned: (assignee, promised, late) => `Assigned to ${assignee}, to be fixed by ${promised}${late ? ' (overdue)' : ''}`,
    rating: (good) => (good ? 'Rated: satisfied' : 'Rated: not satisfied'),
    assigneeLabel: 'Assign to',
    whenLabel: 'To be fixed by (empty: 48 hours)',
    whenPlaceholder: 'e.g. 48h, tomorrow 3pm',
    dispatch: 'Dispatch',
    fixed: 'Mark fixed',
    dispatchedOk: (no) => `Repair #${no} is dispatched; the groups, the assignee and the reporter are told.`,
    fixedOk: (no) => `Repair #${no} is marked fixed; the reporter was asked to confirm.`,
    unknownAssignee: 'Choose who takes it.',
  },
  refused: {
    usage: 'Please say what needs repairing, e.g. /repair lift in building 3 is noisy.',
    tooLong: 'That is too long for a repair request (at most 500 characters); please keep it short.',
    notMember: 'To report a repair, bind your home first: send me privately /bind UNIT CODE (the code comes from the community office).',
    noRepair: (no) => `There is no repair request #${no}; please check the number.`,
    dispatchUsage: 'Usage: /dispatch N property|@someone [TIME], e.g. /dispatch 3 property 48h or /dispatch 3 @zhang tomorrow 3pm.',
    handleUsage: 'Usage: /handle N TEXT, e.g. /handle 3 called the lift company.',
    numberUsage: (word) => `Usage: ${word} N, e.g. ${word} 3.`,
    unknownAssignee: (who) => `I cannot find "${who}". Write "property", or @ a member registered in this community (or reply to their message).`,
    badTime: 'I cannot read that time. Write 48h, 3d, "tomorrow 3pm" or "2026-12-05 18:00".',
    pastTime: 'That time has passed; please give one still to come.',
    notAssignee: (no) => `Only the assignee of repair #${no} or the committee can do that.`,
    notReporter: (no) => `Only whoever reported repair #${no} can confirm it or reopen it.`,
    notDispatched: (no) => `Repair #${no} has not been dispatched yet; a committee member sends /dispatch ${no} property first.`,
    alreadyFixed: (no) => `Repair #${no} is already marked fixed and waits for the reporter to confirm.`,
    closed: (no) => `Repair #${no} is done and can no longer change.`,
    notFixed: (no) => `Repair #${no} is not marked fixed yet; the assignee will tell you when it is.`,
    notConfirmed: (no) => `Repair #${no} is not confirmed yet; it can be rated once confirmed.`,
    alreadyRated: (no) => `Repair #${no} was already rated, thank you.`,
  },
};

export const REPAIRS_TEXT: Record<Locale, RepairsText> = { 'zh-CN': zh, en };

export function repairsText(locale: Locale): RepairsText {
  return REPAIRS_TEXT[locale];
}
