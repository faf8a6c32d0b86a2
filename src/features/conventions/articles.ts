/** The articles of a convention poll: typed in the poll, or those of the latest imported draft. */
import { conventionDraftFor } from '../../app/conventions.js';
import type { PollDraftInput } from '../../app/polls.js';
import type { Ctx } from '../../chat/context.js';
import { asWritten } from '../../chat/free-text.js';
import { conventionsText } from './i18n.js';

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
    ctx.reply(conventionsText(ctx.locale).convention.needArticles);
    return null;
  }
  return { ...draft, articles: found.articles };
}
