import type { Feature } from '../../chat/context.js';
import { issueSignInLink } from '../sessions.js';

/** The path of a desk sign-in link: redeemed like `/s/TOKEN`, it lands on the desk. */
export const deskLinkPath = (token: string): string => `/desk/s/${token}`;

/**
 * `/desk` (管理), in a private chat: a committee member's or the chair's sign-in link to the
 * committee's desk (SPEC §13), good once for 15 minutes, that becomes the same kind of session as
 * `/web`'s. A resident is told politely that the desk is the committee's; the role is checked again
 * on every request to the desk.
 */
export function deskSignInFeature(publicUrl: () => string): Feature {
  return {
    commands: ['desk'],
    async handle(ctx) {
      const { t, msg, member, deps } = ctx;
      if (msg.chatKind === 'group') return ctx.privately(t.desk.signInPrivateOnly);
      if (!member) return ctx.reply(t.common.notMemberPrivate);
      if (!ctx.isCommittee()) return ctx.reply(t.desk.signInRefused);
      const token = await issueSignInLink(deps.db, member, deps.clock.now());
      ctx.reply(t.desk.signInLink(`${publicUrl()}${deskLinkPath(token)}`));
    },
  };
}
