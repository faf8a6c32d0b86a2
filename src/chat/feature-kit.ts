/** What the chat features share: the community's zone and group words, the community check, `N rest…`. */
import type { Ctx } from './context.js';
import { asWritten } from './free-text.js';
import { catalogue, type Catalogue } from './i18n/index.js';

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
