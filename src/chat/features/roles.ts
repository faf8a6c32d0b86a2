import { membersByName, setRole, type Role } from '../../app/members.js';
import type { Feature } from '../context.js';
import type { Person } from '../model.js';

const ROLE_WORDS: Record<string, Role> = {
  委员: 'committee',
  committee: 'committee',
  主任: 'chair',
  召集人: 'chair',
  chair: 'chair',
  居民: 'resident',
  resident: 'resident',
};

/** Reads a role word from the arguments. */
export function roleFromWords(words: string[]): Role | null {
  for (const w of words) {
    const r = ROLE_WORDS[w.toLowerCase()];
    if (r) return r;
  }
  return null;
}

/** `/role @someone ROLE` (chair): by reply, by mention, or by display name. */
export const roleFeature: Feature = {
  commands: ['role'],
  async handle(ctx, cmd) {
    const { t, msg, deps } = ctx;
    if (!ctx.community) return ctx.reply(msg.chatKind === 'group' ? t.common.notLinked : t.common.notMemberPrivate);
    if (!ctx.isChair()) return ctx.reply(t.common.notChair);
    if (msg.chatKind !== 'group') return ctx.reply(t.common.groupOnly);
    const role = roleFromWords(cmd.argv);
    if (!role) return ctx.reply(t.role.usage);
    let target: Person | undefined = msg.replyTo ?? msg.mentions[0];
    if (!target) {
      const name = cmd.argv.find((w) => w.startsWith('@'))?.slice(1);
      if (!name) return ctx.reply(t.role.who);
      const found = await membersByName(deps.db, ctx.community.communityId, msg.platform, name);
      if (found.length > 1) return ctx.reply(t.role.ambiguous(name));
      if (!found[0]) return ctx.reply(t.role.who);
      target = { userId: found[0].userId, name: found[0].displayName };
    }
    const r = await setRole(deps.db, deps.clock, {
      communityId: ctx.community.communityId,
      platform: msg.platform,
      userId: target.userId,
      displayName: target.name,
      role,
      actor: `${msg.platform}:${msg.sender.userId}`,
    });
    if (!r.ok) return ctx.reply(t.role.lastChair);
    ctx.reply(t.role.ok(target.name, t.roleName(role)));
  },
};
