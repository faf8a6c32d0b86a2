import { formatLocal } from '../../app/local-time.js';
import { createMeeting, rsvpMeeting, upcomingMeetings } from '../../app/meetings.js';
import type { Ctx, Feature } from '../context.js';
import { asWritten } from '../free-text.js';
import type { ParsedCommand } from '../parse-command.js';
import { parseMeetingText } from '../parse-meeting.js';
import { formatDay, meetingLine, renderMeeting } from '../render-topic.js';
import { groupT, needCommunity, numberAndRest, tzOf } from '../feature-kit.js';

type CommunityCtx = Ctx & { community: NonNullable<Ctx['community']> };

async function listMeetings(ctx: CommunityCtx): Promise<void> {
  const { t, deps } = ctx;
  const list = await upcomingMeetings(deps.db, deps.clock, ctx.community, groupT(ctx).agenda.meetingTitle);
  if (!list.length) return ctx.reply(t.meeting.none);
  ctx.reply([t.meeting.listHeader, ...list.map((m) => meetingLine(t, m, tzOf(ctx))), t.meeting.listHint].join('\n'));
}

async function handleMeeting(ctx: CommunityCtx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!cmd.args.trim()) return listMeetings(ctx);
  if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
  const tz = tzOf(ctx);
  const parsed = parseMeetingText(cmd.args, cmd.lines, formatLocal(deps.clock.now(), tz).slice(0, 10), { now: deps.clock.now(), timezone: tz });
  if (!parsed.ok) return ctx.reply(t.meeting.usage);
  const r = await createMeeting(deps.db, deps.clock, {
    community: ctx.community,
    member: ctx.member,
    local: parsed.local,
    title: asWritten(parsed.title),
    place: parsed.place && asWritten(parsed.place),
  });
  if (!r.ok) {
    if (r.code === 'not-committee') return ctx.reply(t.common.notCommittee);
    if (r.code === 'exists') return ctx.reply(t.meeting.exists(r.meeting.meetingNo, r.meeting.title));
    if (r.code === 'in-past') return ctx.reply(t.meeting.inPast);
    if (r.code === 'too-far') return ctx.reply(t.meeting.tooFar);
    if (r.code === 'too-long') return ctx.reply(t.meeting.tooLong);
    return ctx.reply(t.meeting.usage);
  }
  ctx.announce(ctx.community.communityId, renderMeeting(groupT(ctx), r.meeting, tz));
  if (ctx.msg.chatKind === 'private') ctx.reply(t.meeting.scheduled(r.meeting.meetingNo));
}

async function handleRsvp(ctx: CommunityCtx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  const n = numberAndRest(cmd.args);
  if (!n) return listMeetings(ctx);
  const r = await rsvpMeeting(deps.db, deps.clock, { community: ctx.community, member: ctx.member, meetingNo: n.no });
  if (r.ok) return ctx.reply(t.meeting.rsvpOk(r.meeting.meetingNo, r.meeting.title, formatDay(t, r.meeting.startsAt, tzOf(ctx)), r.meeting.rsvps));
  if (r.code === 'not-member') return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
  if (r.code === 'no-meeting') return ctx.reply(t.meeting.noSuchMeeting(n.no));
  if (r.code === 'already') return ctx.reply(t.meeting.rsvpAlready(n.no, r.meeting.rsvps));
  ctx.reply(t.meeting.started(n.no));
}

/** Meetings: schedule (会议, committee), list (会议 with nothing after it), RSVP (参加). */
export const meetingFeature: Feature = {
  commands: ['meeting', 'rsvp'],
  async handle(ctx, cmd) {
    if (!needCommunity(ctx)) return;
    return cmd.name === 'meeting' ? handleMeeting(ctx, cmd) : handleRsvp(ctx, cmd);
  },
};
