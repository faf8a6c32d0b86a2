import { rollOverAgenda } from '../../app/deliberation.js';
import { getTopicByNo, OPEN_TOPIC_STATUSES, proposeTopic, secondTopic, topicHistory, topicsIn, type Topic } from '../../app/topics.js';
import type { Ctx, Feature } from '../context.js';
import { asWritten } from '../free-text.js';
import { catalogue, type Catalogue } from '../i18n/index.js';
import type { ParsedCommand } from '../parse-command.js';
import { byLine, renderTopicDetail, topicBody, topicLine } from '../render-topic.js';

export const tzOf = (ctx: Ctx): string => ctx.community?.timezone ?? 'Asia/Shanghai';

/** The catalogue of the community's groups (announcements are read there, whoever sent the command). */
export function groupT(ctx: Ctx): Catalogue {
  return catalogue(ctx.community?.locale === 'en' ? 'en' : 'zh-CN');
}

/** Replies with the reason and returns false when the chat is not tied to a community. */
export function needCommunity(ctx: Ctx): ctx is Ctx & { community: NonNullable<Ctx['community']> } {
  if (ctx.community) return true;
  ctx.reply(ctx.msg.chatKind === 'group' ? ctx.t.common.notLinked : ctx.t.common.notMemberPrivate);
  return false;
}

/** `N rest…` → the number (a leading `#` allowed) and the rest, newlines kept. */
export function numberAndRest(args: string): { no: number; rest: string } | null {
  const m = /^#?(\d{1,6})(?:[\s:]+|$)([\s\S]*)$/.exec(args.trim());
  return m ? { no: Number(m[1]), rest: asWritten((m[2] ?? '').trim()) } : null;
}

/** The announcement of a step: a header, the text, and who did it when. */
export function announceTopic(ctx: Ctx, topic: Topic, lines: string[]): void {
  const text = [...lines, byLine(groupT(ctx), ctx.member?.displayName || ctx.msg.sender.name, ctx.deps.clock.now(), tzOf(ctx))].join('\n');
  ctx.announce(topic.communityId, text);
}

async function showTopic(ctx: Ctx & { community: NonNullable<Ctx['community']> }, no: number): Promise<void> {
  const topic = await getTopicByNo(ctx.deps.db, ctx.community.communityId, no);
  if (!topic) return ctx.reply(ctx.t.topic.noSuchTopic(no));
  ctx.reply(renderTopicDetail(ctx.t, topic, await topicHistory(ctx.deps.db, topic.topicId), tzOf(ctx)));
}

async function handlePropose(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!needCommunity(ctx)) return;
  const only = numberAndRest(cmd.args);
  if (only && !only.rest) return showTopic(ctx, only.no);
  if (!cmd.args.trim()) return ctx.reply(t.topic.usage);
  const r = await proposeTopic(deps.db, deps.clock, { community: ctx.community, member: ctx.member, text: asWritten(cmd.args) });
  if (!r.ok) {
    if (r.code === 'not-member') return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
    return ctx.reply(r.code === 'too-long' ? t.topic.tooLong : t.topic.usage);
  }
  const topic = r.topic;
  const g = groupT(ctx);
  const body = topicBody(topic);
  announceTopic(ctx, topic, [g.topic.proposed(topic.topicNo, topic.title), ...(body ? [body] : []), g.topic.howToSecond(topic.topicNo)]);
  if (ctx.msg.chatKind === 'private') ctx.reply(t.topic.proposedPrivately(topic.topicNo));
}

async function handleSecond(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!needCommunity(ctx)) return;
  const n = numberAndRest(cmd.args);
  if (!n) return ctx.reply(t.topic.secondUsage);
  const r = await secondTopic(deps.db, deps.clock, { community: ctx.community, member: ctx.member, topicNo: n.no });
  if (r.ok) return ctx.reply(t.topic.seconded(n.no, r.topic.seconds));
  switch (r.code) {
    case 'not-bound':
      return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
    case 'no-topic':
      return ctx.reply(t.topic.noSuchTopic(n.no));
    case 'already-seconded':
      return ctx.reply(t.topic.alreadySeconded(n.no, r.topic?.seconds ?? 0));
    case 'own-household':
      return ctx.reply(t.topic.ownHousehold(n.no));
    default:
      return ctx.reply(t.topic.cannotSecond(n.no, t.topic.status[r.topic?.status ?? 'proposed']));
  }
}

async function handleList(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!needCommunity(ctx)) return;
  const n = numberAndRest(cmd.args);
  if (n) return showTopic(ctx, n.no);
  await rollOverAgenda(deps.db, deps.clock, ctx.community);
  const open = await topicsIn(deps.db, ctx.community.communityId, OPEN_TOPIC_STATUSES);
  if (!open.length) return ctx.reply(t.topic.none);
  const tz = tzOf(ctx);
  ctx.reply([t.topic.listHeader, ...open.slice(-40).map((x) => topicLine(t, x, tz)), t.topic.listHint].join('\n'));
}

/** Topics: propose (提议), co-sign (附议), list and show (议题列表). */
export const topicFeature: Feature = {
  commands: ['topic', 'second', 'topics'],
  async handle(ctx, cmd) {
    if (cmd.name === 'topic') return handlePropose(ctx, cmd);
    if (cmd.name === 'second') return handleSecond(ctx, cmd);
    return handleList(ctx, cmd);
  },
};
