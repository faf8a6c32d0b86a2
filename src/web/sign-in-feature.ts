import type { Feature } from '../chat/context.js';
import { issueSignInLink } from './sessions.js';

/**
 * `/web` (网页), in a private chat: a member's personal sign-in link to the pages (SPEC §13), good
 * once for 15 minutes. Said in a group, the member is told to ask privately (a link in a group
 * would sign in whoever opens it first).
 */
export function webSignInFeature(publicUrl: () => string): Feature {
  return {
    commands: ['web'],
    async handle(ctx) {
      const { t, msg, member, deps } = ctx;
      if (msg.chatKind === 'group') return ctx.privately(t.web.signInPrivateOnly);
      if (!member?.unitId) return ctx.reply(t.web.signInUnbound);
      const token = await issueSignInLink(deps.db, member, deps.clock.now());
      ctx.reply(t.web.signInLink(`${publicUrl()}/s/${token}`));
    },
  };
}
