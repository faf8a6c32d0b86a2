/** `/convention [WORDS]` (公约): the conventions in force, or the articles matching the words. */
import { conventionsInForce, searchConventions, type Convention } from '../../app/conventions.js';
import type { Ctx } from '../../chat/context.js';
import { needCommunity, tzOf } from '../../chat/feature-kit.js';
import { formatDate } from '../../chat/render-topic.js';
import type { FeatureHandlers } from '../manifest.js';
import { conventionsText, type ConventionsText } from './i18n.js';

/** At most this many article lines in the `/convention` listing; the rest are found by keyword. */
const MAX_LISTED_ARTICLES = 40;

function heading(ctx: Ctx, x: ConventionsText, c: Convention): string {
  return x.convention.heading(c.title, c.version ?? 1, c.pollNo, c.adoptedAt ? formatDate(c.adoptedAt, tzOf(ctx)) : null);
}

export const conventionHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    const { deps } = ctx;
    const x = conventionsText(ctx.locale);
    if (!needCommunity(ctx)) return;
    const words = cmd.args.replace(/\n/g, ' ').trim();
    const inForce = await conventionsInForce(deps.db, ctx.community.communityId);
    if (!inForce.length) return ctx.reply(x.convention.none);
    if (!words) {
      const lines = [x.convention.inForce];
      let listed = 0;
      for (const c of inForce) {
        lines.push(heading(ctx, x, c));
        const room = Math.max(0, MAX_LISTED_ARTICLES - listed);
        lines.push(...c.articles.slice(0, room));
        if (c.articles.length > room) lines.push(x.convention.more(c.articles.length - room));
        listed += Math.min(room, c.articles.length);
      }
      lines.push(x.convention.searchHint);
      return ctx.reply(lines.join('\n'));
    }
    const found = await searchConventions(deps.db, ctx.community.communityId, words);
    if (!found.length) return ctx.reply(x.convention.noMatch(words, inForce.map((c) => c.title)));
    ctx.reply([x.convention.matches(words), ...found.map((m) => x.convention.match(m.title, m.article))].join('\n'));
  },
};
