/** Residents' side of topics: propose (提议), co-sign (附议), list and show (议题列表). */
import { rollOverAgenda } from '../../app/deliberation.js';
import { getTopicByNo, OPEN_TOPIC_STATUSES, proposeTopic, secondTopic, topicHistory, topicsIn, type Topic } from '../../app/topics.js';
import type { Ctx } from '../../chat/context.js';
import { needCommunity, numberAndRest, tzOf } from '../../chat/feature-kit.js';
import { asWritten } from '../../chat/free-text.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { topicsText, type TopicsText } from './i18n.js';
import { byLine, renderTopicDetail, topicBody, topicLine } from './render.js';

export type CommunityCtx = Ctx & { community: NonNullable<Ctx['community']> };

/** The topics' words for the sender. */
export const xOf = (ctx: Ctx): TopicsText => topicsText(ctx.locale);

/** The topics' words of the community's groups (announcements are read there, whoever sent the command). */
export const groupX = (ctx: Ctx): TopicsText => topicsText(ctx.community?.locale === 'en' ? 'en' : 'zh-CN');

/** The announcement of a step: a header, the text, and who did it when. */
export function announceTopic(ctx: Ctx, topic: Topic, lines: string[]): void {
  const text = [...lines, byLine(groupX(ctx), ctx.member?.displayName || ctx.msg.sender.name, ctx.deps.clock.now(), tzOf(ctx))].join('\n');
  ctx.announce(topic.communityId, text);
}

async function showTopic(ctx: CommunityCtx, no: number): Promise<void> {
  const x = xOf(ctx);
  const topic = await getTopicByNo(ctx.deps.db, ctx.community.communityId, no);
  if (!topic) return ctx.reply(x.topic.noSuchTopic(no));
  ctx.reply(renderTopicDetail(ctx.t, x, topic, await topicHistory(ctx.deps.db, topic.topicId), tzOf(ctx)));
}

export async function handlePropose(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  const x = xOf(ctx);
  if (!needCommunity(ctx)) return;
  const only = numberAndRest(cmd.args);
  if (only && !only.rest) return showTopic(ctx, only.no);
  if (!cmd.args.trim()) return ctx.reply(x.topic.usage);
  const r = await proposeTopic(deps.db, deps.clock, { community: ctx.community, member: ctx.member, text: asWritten(cmd.args) });
  if (!r.ok) {
    if (r.code === 'not-member') return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
    return ctx.reply(r.code === 'too-long' ? x.topic.tooLong : x.topic.usage);
  }
  const topic = r.topic;
  const g = groupX(ctx);
  const body = topicBody(topic);
  announceTopic(ctx, topic, [g.topic.proposed(topic.topicNo, topic.title), ...(body ? [body] : []), g.topic.howToSecond(topic.topicNo)]);
  if (ctx.msg.chatKind === 'private') ctx.reply(x.topic.proposedPrivately(topic.topicNo));
}

export async function handleSecond(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  const x = xOf(ctx);
  if (!needCommunity(ctx)) return;
  const n = numberAndRest(cmd.args);
  if (!n) return ctx.reply(x.topic.secondUsage);
  const r = await secondTopic(deps.db, deps.clock, { community: ctx.community, member: ctx.member, topicNo: n.no });
  if (r.ok) return ctx.reply(x.topic.seconded(n.no, r.topic.seconds));
  switch (r.code) {
    case 'not-bound':
      return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
    case 'no-topic':
      return ctx.reply(x.topic.noSuchTopic(n.no));
    case 'already-seconded':
      return ctx.reply(x.topic.alreadySeconded(n.no, r.topic?.seconds ?? 0));
    case 'own-household':
      return ctx.reply(x.topic.ownHousehold(n.no));
    default:
      return ctx.reply(x.topic.cannotSecond(n.no, x.topic.status[r.topic?.status ?? 'proposed']));
  }
}

export async function handleList(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  const x = xOf(ctx);
  if (!needCommunity(ctx)) return;
  const n = numberAndRest(cmd.args);
  if (n) return showTopic(ctx, n.no);
  await rollOverAgenda(deps.db, deps.clock, ctx.community);
  const open = await topicsIn(deps.db, ctx.community.communityId, OPEN_TOPIC_STATUSES);
  if (!open.length) return ctx.reply(x.topic.none);
  const tz = tzOf(ctx);
  ctx.reply([x.topic.listHeader, ...open.slice(-40).map((topic) => topicLine(t, x, topic, tz)), x.topic.listHint].join('\n'));
}
