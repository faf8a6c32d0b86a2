/** The committee's steps on a topic: 不予受理, 决议 (also by a poll), 交办, 进展, 办结, and the agenda's 上会 / 撤下. */
import { formatLocal } from '../../app/local-time.js';
import { openPoll } from '../../app/polls.js';
import { getTopicByNo, stepTopic, type StepAction, type StepResult, type Topic } from '../../app/topics.js';
import type { Ctx } from '../../chat/context.js';
import { groupT, needCommunity, numberAndRest, tzOf } from '../../chat/feature-kit.js';
import { conventionArticles } from '../conventions/articles.js';
import { announcePollCard, pollParseErrorText, pollRefusal } from '../polls/say.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { parseSpokenDate } from '../../chat/parse-date.js';
import { parsePollText } from '../../chat/parse-poll.js';
import { formatDate, formatDay } from '../../chat/render-topic.js';
import { parseDue, transition } from '../../domain/topic-lifecycle.js';
import { announceTopic, groupX, xOf, type CommunityCtx } from './propose.js';

type Refusal = Extract<StepResult, { ok: false }>;

/** The sentence for a refused step. */
function refusal(ctx: Ctx, no: number, action: StepAction, r: Refusal): string {
  const { t } = ctx;
  const x = xOf(ctx);
  const topic = r.topic;
  switch (r.code) {
    case 'not-committee':
      return t.common.notCommittee;
    case 'no-topic':
      return x.topic.noSuchTopic(no);
    case 'topic-rejected':
      return x.topic.refused.rejected(no, topic?.rejectReason ?? '');
    case 'topic-done':
      return x.topic.refused.done(no);
    case 'not-on-agenda':
      return x.topic.refused.notOnAgenda(no);
    case 'not-decided':
      return x.topic.refused.notDecided(no);
    case 'already-on-agenda':
      return x.topic.refused.alreadyOnAgenda(no, topic?.agendaDate ? formatDay(t, topic.agendaDate, tzOf(ctx)) : '');
    case 'already-decided':
      return x.topic.refused.alreadyDecided(no, topic?.decision ?? '');
    case 'no-schedule':
      return x.topic.refused.noSchedule;
    case 'too-long':
      return x.topic.tooLong;
    default:
      return x.topic.usageOf[action];
  }
}

/** Runs one committee step and announces it in every group of the community. */
export async function runStep(
  ctx: CommunityCtx,
  no: number,
  action: StepAction,
  opts: { text?: string; due?: Date | null; pollId?: number | null } = {},
): Promise<Topic | null> {
  const { deps } = ctx;
  const r = await stepTopic(deps.db, deps.clock, { community: ctx.community, member: ctx.member, topicNo: no, action, ...opts });
  if (!r.ok) {
    ctx.reply(refusal(ctx, no, action, r));
    return null;
  }
  const topic = r.topic;
  const tz = tzOf(ctx);
  const g = groupX(ctx);
  const a = g.topic.announce;
  const head =
    action === 'agenda-add'
      ? a.agendaAdd(no, topic.title, formatDay(groupT(ctx), topic.agendaDate!, tz))
      : action === 'agenda-remove'
        ? a.agendaRemove(no, topic.title)
        : action === 'reject'
          ? a.reject(no, topic.title, topic.rejectReason ?? '')
          : action === 'decide'
            ? a.decide(no, topic.title, topic.decision ?? '')
            : action === 'assign'
              ? a.assign(no, topic.title, topic.assignee ?? '', topic.dueAt ? formatDate(topic.dueAt, tz) : null)
              : action === 'progress'
                ? a.progress(no, topic.title, opts.text ?? '')
                : a.done(no, topic.title, topic.feedback ?? '');
  announceTopic(ctx, topic, [head]);
  const x = xOf(ctx);
  if (ctx.msg.chatKind === 'private') ctx.reply(x.topic.stepDone(no, x.topic.status[topic.status]));
  return topic;
}

const POLL_WORDS = new Set(['表决', '投票', '付诸表决', 'poll', 'vote']);

/** `/decide N 表决 [TITLE]` + poll lines: opens a poll linked to the topic and records the decision. */
async function decideByPoll(ctx: CommunityCtx, no: number, firstLine: string, rest: string, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
  const topic = await getTopicByNo(deps.db, ctx.community.communityId, no);
  if (!topic) return ctx.reply(xOf(ctx).topic.noSuchTopic(no));
  const can = transition(topic.status, 'decide', { text: firstLine });
  if (!can.ok) return ctx.reply(refusal(ctx, no, 'decide', { ok: false, code: can.code, topic }));
  const tz = tzOf(ctx);
  const title = rest || topic.title;
  const parsed = parsePollText(title, cmd.lines, { today: formatLocal(deps.clock.now(), tz).slice(0, 10), ref: { now: deps.clock.now(), timezone: tz } });
  if (!parsed.ok) return ctx.reply(`${pollParseErrorText(t, parsed.code)}\n${xOf(ctx).topic.usageOf.decide}`);
  const draft = await conventionArticles(ctx, parsed.draft);
  if (!draft) return;
  const r = await openPoll(deps.db, deps.clock, { community: ctx.community, member: ctx.member, draft, topicId: topic.topicId });
  if (!r.ok) return ctx.reply(pollRefusal(t, r));
  const decided = await runStep(ctx, no, 'decide', { text: groupX(ctx).topic.decidedByPoll(r.poll.pollNo, r.poll.title), pollId: r.poll.pollId });
  if (decided) announcePollCard(ctx, r.poll);
}

/** `不予受理`, `决议`, `交办`, `进展`, `办结` with a topic number. */
export async function handleStep(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!needCommunity(ctx)) return;
  const x = xOf(ctx);
  const action = cmd.name as Exclude<StepAction, 'agenda-add' | 'agenda-remove'>;
  const n = numberAndRest(cmd.args);
  if (!n) return ctx.reply(x.topic.usageOf[action]);
  if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
  if (action === 'decide') {
    const firstLine = n.rest.split('\n')[0]!.trim();
    const [word = '', ...words] = firstLine.split(' ');
    if (POLL_WORDS.has(word.toLowerCase())) return decideByPoll(ctx, n.no, firstLine, words.join(' ').trim(), cmd);
  }
  if (action === 'assign') {
    const now = deps.clock.now();
    // A due day as people say it (`截止 下周五`, `截止 下个月底`), in the community's zone.
    const spoken = (spec: string) => {
      const d = parseSpokenDate(spec, { now, timezone: tzOf(ctx) });
      if (!d || d.rest !== '') return null;
      const [year, month, day] = d.local.slice(0, 10).split('-').map(Number) as [number, number, number];
      return { year, month, day };
    };
    const due = parseDue(n.rest.replace(/\n/g, ' '), tzOf(ctx), now, spoken);
    if (!due.ok) return ctx.reply(due.code === 'needs-assignee' ? x.topic.usageOf.assign : due.code === 'bad-date' ? x.topic.badDue : x.topic.dueInPast);
    await runStep(ctx, n.no, 'assign', { text: due.who, due: due.due });
    return;
  }
  await runStep(ctx, n.no, action, { text: n.rest });
}
