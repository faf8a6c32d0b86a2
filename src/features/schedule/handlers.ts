/** `/schedule [RULE]` (议事日): anyone reads the deliberation-day rule, the chair sets it. */
import { setSchedule } from '../../app/deliberation.js';
import { groupT, needCommunity, tzOf } from '../../chat/feature-kit.js';
import type { Catalogue } from '../../chat/i18n/index.js';
import { formatDay } from '../../chat/render-topic.js';
import { describeSchedule, nextOccurrences } from '../../domain/schedule.js';
import type { FeatureHandlers } from '../manifest.js';

export const scheduleHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    const { t, deps } = ctx;
    if (!needCommunity(ctx)) return;
    const tz = tzOf(ctx);
    const rule = cmd.args.replace(/\n/g, ' ').trim();
    const upcoming = (cron: string, c: Catalogue = t) => nextOccurrences(cron, tz, deps.clock.now(), 3).map((d) => formatDay(c, d, tz));
    if (!rule) {
      const cron = ctx.community.deliberationCron;
      const lines = [t.schedule.current(t.schedule.describe(describeSchedule(cron)), tz), t.schedule.next(upcoming(cron))];
      lines.push(ctx.isChair() ? t.schedule.howToSet : t.schedule.whoSets);
      return ctx.reply(lines.join('\n'));
    }
    const r = await setSchedule(deps.db, deps.clock, { community: ctx.community, member: ctx.member, rule });
    if (!r.ok) return ctx.reply(r.code === 'not-chair' ? `${t.common.notChair}\n${t.schedule.whoSets}` : t.schedule.bad);
    const g = groupT(ctx);
    const lines = [g.schedule.changed(g.schedule.describe(describeSchedule(r.cron))), g.schedule.next(upcoming(r.cron, g))];
    if (r.moved) lines.push(g.schedule.moved(r.moved, r.next ? formatDay(g, r.next, tz) : ''));
    ctx.announce(ctx.community.communityId, lines.join('\n'));
    if (ctx.msg.chatKind === 'private') ctx.reply(t.schedule.changedPrivately);
  },
};
