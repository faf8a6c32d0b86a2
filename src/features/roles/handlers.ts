/** `/role @someone ROLE` (任命, the chair): by reply, by mention, or by display name. */
import { membersByName, parseRole, setRole, type Role } from '../../app/members.js';
import { findByUsername } from '../../app/usernames.js';
import type { Person } from '../../chat/model.js';
import { toSimplified } from '../../chat/parse-text.js';
import type { FeatureHandlers } from '../manifest.js';
import { rolesText } from './i18n.js';

/** Reads a role word from the arguments (主任, 委员, 居民, chair, committee, resident; traditional too). */
export function roleFromWords(words: string[]): Role | null {
  for (const w of words) {
    const r = parseRole(toSimplified(w));
    if (r) return r;
  }
  return null;
}

export const roleHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    const { t, msg, deps } = ctx;
    const x = rolesText(ctx.locale);
    if (!ctx.community) return ctx.reply(msg.chatKind === 'group' ? t.common.notLinked : t.common.notMemberPrivate);
    if (!ctx.isChair()) return ctx.reply(t.common.notChair);
    if (msg.chatKind !== 'group') return ctx.reply(t.common.groupOnly);
    const role = roleFromWords(cmd.argv);
    if (!role) return ctx.reply(x.role.usage);
    let target: Person | undefined = msg.replyTo ?? msg.mentions[0];
    if (!target) {
      const at = cmd.argv.findIndex((w) => w.startsWith('@'));
      if (at === -1 || cmd.argv[at] === '@') return ctx.reply(x.role.who);
      const name = cmd.argv[at]!.slice(1);
      // `@username` as Telegram's autocomplete writes it: the person last seen with that username here.
      const seen = await findByUsername(deps.db, ctx.community.communityId, msg.platform, name);
      if (seen) target = { userId: seen.userId, name: seen.displayName || name };
      else {
        // A display name may hold spaces (`@Bob Li 委员`): the words up to the role word, then the first alone.
        const words = cmd.argv.slice(at).filter((w) => !roleFromWords([w]));
        const spaced = words.join(' ').slice(1);
        let found = await membersByName(deps.db, ctx.community.communityId, msg.platform, spaced);
        if (!found.length && spaced !== name) found = await membersByName(deps.db, ctx.community.communityId, msg.platform, name);
        if (found.length > 1) return ctx.reply(x.role.ambiguous(name));
        if (!found[0]) return ctx.reply(x.role.unknownName(spaced));
        target = { userId: found[0].userId, name: found[0].displayName };
      }
    }
    const r = await setRole(deps.db, deps.clock, {
      communityId: ctx.community.communityId,
      platform: msg.platform,
      userId: target.userId,
      displayName: target.name,
      role,
      actor: `${msg.platform}:${msg.sender.userId}`,
    });
    if (!r.ok) return ctx.reply(x.role.lastChair);
    ctx.reply(x.role.ok(target.name, t.roleName(role)));
  },
};
