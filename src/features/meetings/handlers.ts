/** Meetings in the chat: schedule (会议, committee), list (会议 with nothing after it), RSVP (参加). */
import { formatLocal } from '../../app/local-time.js';
import { createMeeting, rsvpMeeting, upcomingMeetings, type Meeting } from '../../app/meetings.js';
import type { Ctx } from '../../chat/context.js';
import { groupT, needCommunity, numberAndRest, tzOf } from '../../chat/feature-kit.js';
import { asWritten } from '../../chat/free-text.js';
import type { Catalogue } from '../../chat/i18n/index.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { parseMeetingText } from '../../chat/parse-meeting.js';
import { formatDay } from '../../chat/render-topic.js';
import type { FeatureHandlers } from '../manifest.js';
import { meetingsText, type MeetingsText } from './i18n.js';

type CommunityCtx = Ctx & { community: NonNullable<Ctx['community']> };

const xOf = (ctx: Ctx): MeetingsText => meetingsText(ctx.locale);
const groupX = (ctx: Ctx): MeetingsText => meetingsText(ctx.community?.locale === 'en' ? 'en' : 'zh-CN');

/** `#2 议事协商日 — 2026-12-05（周六）19:30 @ 活动室 · 3 人参加` */
function meetingLine(t: Catalogue, x: MeetingsText, m: Meeting, tz: string): string {
  return x.meeting.line(m.meetingNo, m.title, formatDay(t, m.startsAt, tz), m.place, m.rsvps);
}

/** The announcement of a new meeting. */
function renderMeeting(t: Catalogue, x: MeetingsText, m: Meeting, tz: string): string {
  const lines = [x.meeting.card(m.meetingNo, m.title), x.meeting.time(formatDay(t, m.startsAt, tz))];
  if (m.place) lines.push(x.meeting.place(m.place));
  lines.push(x.meeting.howTo(m.meetingNo));
  return lines.join('\n');
}

async function listMeetings(ctx: CommunityCtx): Promise<void> {
  const { t, deps } = ctx;
  const x = xOf(ctx);
  const list = await upcomingMeetings(deps.db, deps.clock, ctx.community, groupT(ctx).agenda.meetingTitle);
  if (!list.length) return ctx.reply(x.meeting.none);
  ctx.reply([x.meeting.listHeader, ...list.map((m) => meetingLine(t, x, m, tzOf(ctx))), x.meeting.listHint].join('\n'));
}

async function handleMeeting(ctx: CommunityCtx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  const x = xOf(ctx);
  if (!cmd.args.trim()) return listMeetings(ctx);
  if (!ctx.member || !ctx.isCommittee()) return ctx.reply(t.common.notCommittee);
  const tz = tzOf(ctx);
  const parsed = parseMeetingText(cmd.args, cmd.lines, formatLocal(deps.clock.now(), tz).slice(0, 10), { now: deps.clock.now(), timezone: tz });
  if (!parsed.ok) return ctx.reply(x.meeting.usage);
  const r = await createMeeting(deps.db, deps.clock, {
    community: ctx.community,
    member: ctx.member,
    local: parsed.local,
    title: asWritten(parsed.title),
    place: parsed.place && asWritten(parsed.place),
  });
  if (!r.ok) {
    if (r.code === 'not-committee') return ctx.reply(t.common.notCommittee);
    if (r.code === 'exists') return ctx.reply(x.meeting.exists(r.meeting.meetingNo, r.meeting.title));
    if (r.code === 'in-past') return ctx.reply(x.meeting.inPast);
    if (r.code === 'too-far') return ctx.reply(x.meeting.tooFar);
    if (r.code === 'too-long') return ctx.reply(x.meeting.tooLong);
    return ctx.reply(x.meeting.usage);
  }
  ctx.announce(ctx.community.communityId, renderMeeting(groupT(ctx), groupX(ctx), r.meeting, tz));
  if (ctx.msg.chatKind === 'private') ctx.reply(x.meeting.scheduled(r.meeting.meetingNo));
}

async function handleRsvp(ctx: CommunityCtx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  const x = xOf(ctx);
  const n = numberAndRest(cmd.args);
  if (!n) return listMeetings(ctx);
  const r = await rsvpMeeting(deps.db, deps.clock, { community: ctx.community, member: ctx.member, meetingNo: n.no });
  if (r.ok) return ctx.reply(x.meeting.rsvpOk(r.meeting.meetingNo, r.meeting.title, formatDay(t, r.meeting.startsAt, tzOf(ctx)), r.meeting.rsvps));
  if (r.code === 'not-member') return ctx.reply(ctx.msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
  if (r.code === 'no-meeting') return ctx.reply(x.meeting.noSuchMeeting(n.no));
  if (r.code === 'already') return ctx.reply(x.meeting.rsvpAlready(n.no, r.meeting.rsvps));
  ctx.reply(x.meeting.started(n.no));
}

export const meetingHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    if (!needCommunity(ctx)) return;
    return cmd.name === 'meeting' ? handleMeeting(ctx, cmd) : handleRsvp(ctx, cmd);
  },
};
