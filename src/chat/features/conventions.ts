import { conventionDraftFor, conventionsInForce, searchConventions, type Convention } from '../../app/conventions.js';
import type { PollDraftInput } from '../../app/polls.js';
import type { Ctx, Feature } from '../context.js';
import { asWritten } from '../free-text.js';
import { formatDate } from '../render-topic.js';
import { needCommunity, tzOf } from '../feature-kit.js';

/** At most this many article lines in the `/convention` listing; the rest are found by keyword. */
const MAX_LISTED_ARTICLES = 40;

/**
 * A convention poll typed without articles takes those of the latest imported draft (replies and
 * returns null when there is none); typed articles get back their Chinese punctuation. Other polls
 * pass through unchanged.
 */
export async function conventionArticles<D extends PollDraftInput>(ctx: Ctx, draft: D): Promise<D | null> {
  if (!draft.convention) return draft;
  if (draft.articles.length > 0) return { ...draft, articles: draft.articles.map(asWritten) };
  const found = ctx.community ? await conventionDraftFor(ctx.deps.db, ctx.community.communityId, draft.title) : null;
  if (!found) {
    ctx.reply(ctx.t.convention.needArticles);
    return null;
  }
  return { ...draft, articles: found.articles };
}

function heading(ctx: Ctx, c: Convention): string {
  return ctx.t.convention.heading(c.title, c.version ?? 1, c.pollNo, c.adoptedAt ? formatDate(c.adoptedAt, tzOf(ctx)) : null);
}

/** `/convention [WORDS]` (公约): the conventions in force, or the articles matching the words. */
export const conventionFeature: Feature = {
  commands: ['convention'],
  async handle(ctx, cmd) {
    const { t, deps } = ctx;
    if (!needCommunity(ctx)) return;
    const words = cmd.args.replace(/\n/g, ' ').trim();
    const inForce = await conventionsInForce(deps.db, ctx.community.communityId);
    if (!inForce.length) return ctx.reply(t.convention.none);
    if (!words) {
      const lines = [t.convention.inForce];
      let listed = 0;
      for (const c of inForce) {
        lines.push(heading(ctx, c));
        const room = Math.max(0, MAX_LISTED_ARTICLES - listed);
        lines.push(...c.articles.slice(0, room));
        if (c.articles.length > room) lines.push(t.convention.more(c.articles.length - room));
        listed += Math.min(room, c.articles.length);
      }
      lines.push(t.convention.searchHint);
      return ctx.reply(lines.join('\n'));
    }
    const found = await searchConventions(deps.db, ctx.community.communityId, words);
    if (!found.length) return ctx.reply(t.convention.noMatch(words, inForce.map((c) => c.title)));
    ctx.reply([t.convention.matches(words), ...found.map((m) => t.convention.match(m.title, m.article))].join('\n'));
  },
};
