/** `/agenda [add N | remove N]` (议程, 上会 N): the deliberation day's agenda; the committee changes it. */
import { agendaOf, rollOverAgenda } from '../../app/deliberation.js';
import { ensureDeliberationMeeting } from '../../app/meetings.js';
import { topicsIn, type Topic } from '../../app/topics.js';
import type { Ctx } from '../../chat/context.js';
import { needCommunity, tzOf } from '../../chat/feature-kit.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { formatDay } from '../../chat/render-topic.js';
import { agendaOpening } from '../registry.js';
import { groupX, xOf, type CommunityCtx } from './propose.js';
import { runStep } from './steps.js';

const ADD = new Set(['add', '加', '添加', '增加', '上会', '列入']);
const REMOVE = new Set(['remove', 'rm', 'del', '撤下', '撤出', '移除', '删除', '取消']);

async function showAgenda(ctx: CommunityCtx): Promise<void> {
  const { t, deps, community } = ctx;
  const x = xOf(ctx);
  const tz = tzOf(ctx);
  const rolled = await rollOverAgenda(deps.db, deps.clock, community);
  const agenda = await agendaOf(deps.db, deps.clock, community);
  const meeting = await ensureDeliberationMeeting(deps.db, deps.clock, community, groupX(ctx).agenda.meetingTitle);
  const groups = new Map<number, Topic[]>();
  if (agenda.day) groups.set(agenda.day.getTime(), []);
  for (const topic of agenda.topics) {
    const key = topic.agendaDate?.getTime() ?? 0;
    groups.set(key, [...(groups.get(key) ?? []), topic]);
  }
  const lines = [
    // What the features put first (last month's repair requests by building).
    ...(await agendaOpening(deps.db, deps.clock, community, ctx.locale)),
    agenda.day ? x.agenda.header(formatDay(t, agenda.day, tz), meeting?.meetingNo ?? null) : x.agenda.noDay,
  ];
  if (rolled.length) lines.push(x.agenda.rolledOver(rolled.length));
  for (const [time, items] of groups) {
    if (time !== agenda.day?.getTime()) lines.push(x.agenda.later(formatDay(t, new Date(time), tz)));
    if (!items.length) lines.push(x.agenda.empty);
    items.forEach((topic, i) => lines.push(x.agenda.item(i + 1, topic.topicNo, topic.title, topic.seconds)));
  }
  const waiting = await topicsIn(deps.db, community.communityId, ['proposed']);
  if (waiting.length) lines.push(x.agenda.waiting(waiting.slice(0, 20).map((w) => `#${w.topicNo} ${w.title}`), waiting.length));
  if (meeting) lines.push(x.agenda.rsvpHint(meeting.meetingNo));
  ctx.reply(lines.join('\n'));
}

export async function handleAgenda(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t } = ctx;
  if (!needCommunity(ctx)) return;
  const [sub, num] = cmd.argv;
  if (!sub) return showAgenda(ctx);
  const word = sub.toLowerCase();
  const action = ADD.has(word) ? 'agenda-add' : REMOVE.has(word) ? 'agenda-remove' : null;
  const no = num && /^\d{1,6}$/.test(num) ? Number(num) : null;
  if (!action || no === null) return ctx.reply(xOf(ctx).agenda.usage);
  if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
  await runStep(ctx, no, action);
}
