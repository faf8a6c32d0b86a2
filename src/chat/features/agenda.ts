import { agendaOf, rollOverAgenda } from '../../app/deliberation.js';
import { ensureDeliberationMeeting } from '../../app/meetings.js';
import { topicsIn, type Topic } from '../../app/topics.js';
import { agendaOpening } from '../../features/registry.js';
import type { Ctx, Feature } from '../context.js';
import { formatDay } from '../render-topic.js';
import { runStep } from './topic-steps.js';
import { groupT, needCommunity, tzOf } from './topics.js';

const ADD = new Set(['add', '加', '添加', '增加', '上会', '列入']);
const REMOVE = new Set(['remove', 'rm', 'del', '撤下', '撤出', '移除', '删除', '取消']);

async function showAgenda(ctx: Ctx & { community: NonNullable<Ctx['community']> }): Promise<void> {
  const { t, deps, community } = ctx;
  const tz = tzOf(ctx);
  const rolled = await rollOverAgenda(deps.db, deps.clock, community);
  const agenda = await agendaOf(deps.db, deps.clock, community);
  const meeting = await ensureDeliberationMeeting(deps.db, deps.clock, community, groupT(ctx).agenda.meetingTitle);
  const groups = new Map<number, Topic[]>();
  if (agenda.day) groups.set(agenda.day.getTime(), []);
  for (const topic of agenda.topics) {
    const key = topic.agendaDate?.getTime() ?? 0;
    groups.set(key, [...(groups.get(key) ?? []), topic]);
  }
  const lines = [
    // What the features put first (last month's repair requests by building).
    ...(await agendaOpening(deps.db, deps.clock, community, ctx.locale)),
    agenda.day ? t.agenda.header(formatDay(t, agenda.day, tz), meeting?.meetingNo ?? null) : t.agenda.noDay,
  ];
  if (rolled.length) lines.push(t.agenda.rolledOver(rolled.length));
  for (const [time, items] of groups) {
    if (time !== agenda.day?.getTime()) lines.push(t.agenda.later(formatDay(t, new Date(time), tz)));
    if (!items.length) lines.push(t.agenda.empty);
    items.forEach((x, i) => lines.push(t.agenda.item(i + 1, x.topicNo, x.title, x.seconds)));
  }
  const waiting = await topicsIn(deps.db, community.communityId, ['proposed']);
  if (waiting.length) lines.push(t.agenda.waiting(waiting.slice(0, 20).map((x) => `#${x.topicNo} ${x.title}`), waiting.length));
  if (meeting) lines.push(t.agenda.rsvpHint(meeting.meetingNo));
  ctx.reply(lines.join('\n'));
}

/** `/agenda [add N | remove N]` (议程, 上会 N): the deliberation day's agenda; the committee changes it. */
export const agendaFeature: Feature = {
  commands: ['agenda'],
  async handle(ctx, cmd) {
    const { t } = ctx;
    if (!needCommunity(ctx)) return;
    const [sub, num] = cmd.argv;
    if (!sub) return showAgenda(ctx);
    const word = sub.toLowerCase();
    const action = ADD.has(word) ? 'agenda-add' : REMOVE.has(word) ? 'agenda-remove' : null;
    const no = num && /^\d{1,6}$/.test(num) ? Number(num) : null;
    if (!action || no === null) return ctx.reply(t.agenda.usage);
    if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
    await runStep(ctx, no, action);
  },
};
