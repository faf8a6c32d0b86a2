/** `/help`, `/setup`, `/bind` and `/me`. */
import { bindIdentity, rotateLeakedCode } from '../../app/binding.js';
import { getCommunity, setupGroup } from '../../app/communities.js';
import { listPolls, pendingPollsFor } from '../../app/polls.js';
import type { Ctx } from '../../chat/context.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import type { FeatureHandlers, Who } from '../manifest.js';
import { manifestHelp } from '../registry.js';

type Handler = (ctx: Ctx, cmd: ParsedCommand) => Promise<void>;

/** `/help`: the commands this person may use here, from every manifest. */
const help: Handler = async (ctx) => {
  const { t, msg, member } = ctx;
  const group = (who: Who) => manifestHelp(ctx.locale, who);
  const lines = [t.help.header(ctx.community?.name ?? null)];
  if (msg.chatKind === 'group' && !ctx.group) lines.push(...manifestHelp(ctx.locale, 'unlinked'));
  lines.push(...group('anyone'));
  if (!member?.unitId && msg.chatKind === 'private') lines.push(...manifestHelp(ctx.locale, 'unbound'));
  // In a linked group, someone not bound yet is told how to bind.
  if (!member?.unitId && msg.chatKind === 'group' && ctx.group) lines.push('', t.help.groupUnbound);
  if (member?.unitId) lines.push(...group('member'));
  if (ctx.isCommittee()) lines.push(...group('committee'));
  if (ctx.isChair()) lines.push(...group('chair'));
  if (msg.chatKind === 'group' && msg.botSeesAllMessages === false && ctx.isChair()) lines.push('', t.help.privacyWarning);
  ctx.reply(lines.join('\n'));
};

/** `/setup CODE` in a group: links it to a community. */
const setup: Handler = async (ctx, cmd) => {
  const { t, msg } = ctx;
  if (msg.chatKind !== 'group') return ctx.reply(t.setup.privateChat);
  const code = cmd.argv[0];
  if (!code) return ctx.reply(t.setup.usage);
  const r = await setupGroup(ctx.deps.db, ctx.deps.clock, {
    platform: msg.platform,
    chatId: msg.chatId,
    title: msg.chatTitle,
    code,
    sender: { id: msg.sender.userId, name: msg.sender.name },
  });
  if (!r.ok && r.code === 'setup-locked') return ctx.reply(t.setup.locked(r.minutes));
  if (!r.ok) return ctx.reply(r.code === 'bad-setup-code' ? t.setup.bad : r.code === 'setup-needs-committee' ? t.setup.needsCommittee : t.setup.elsewhere);
  ctx.reply(t.setup.ok(r.community.name, r.becameChair));
};

/** `/bind UNIT CODE`, in a private chat only; a code seen in a group is rotated at once. */
const bind: Handler = async (ctx, cmd) => {
  const { t, msg, deps } = ctx;
  // The code is the last word and the unit what comes before it (`3号楼 2单元 501室 CODE`), either way round.
  const words = cmd.argv;
  const codeFirst = words.length >= 2 && /^[2-9A-HJKMNP-Z]{8}$/i.test(words[0]!) && !/^[2-9A-HJKMNP-Z]{8}$/i.test(words[words.length - 1]!);
  const code = words.length >= 2 ? (codeFirst ? words[0] : words[words.length - 1]) : undefined;
  const unit = words.length >= 2 ? (codeFirst ? words.slice(1) : words.slice(0, -1)).join('') : words[0];
  if (msg.chatKind === 'group') {
    const leaked = code ?? unit;
    const r = leaked ? await rotateLeakedCode(deps.db, deps.clock, leaked, `${msg.platform}:${msg.sender.userId}`) : { rotated: false };
    if (r.rotated) deps.log.info({ platform: msg.platform, chat: msg.chatId }, 'binding code sent in a group was rotated');
    return ctx.reply(t.bind.inGroup(r.rotated));
  }
  if (!unit || !code) return ctx.reply(t.bind.usage);
  const r = await bindIdentity(deps.db, deps.clock, {
    platform: msg.platform,
    userId: msg.sender.userId,
    displayName: msg.sender.name,
    unit,
    code,
    ...(msg.sender.languageCode ? { locale: ctx.locale } : {}),
  });
  if (r.ok) {
    const community = await getCommunity(deps.db, r.communityId);
    const relation = t.relationName(r.relation);
    return ctx.reply((r.rebound ? t.bind.rebound : t.bind.ok)(r.unit, relation, community?.name ?? ''));
  }
  if (r.code === 'locked') return ctx.reply(t.bind.locked(r.minutes));
  if (r.code === 'wrong-code') return ctx.reply(t.bind.wrong(r.left));
  if (r.code === 'unknown-unit') return ctx.reply(t.bind.unknownUnit(unit));
  ctx.reply(t.bind.usage);
};

/** `/me`: unit, role and the polls not yet voted in (always answered privately). */
const me: Handler = async (ctx) => {
  const { t, member, msg } = ctx;
  const say = (text: string) => ctx.privately(text);
  if (!member) return say(msg.chatKind === 'group' ? t.common.notBound : t.common.notMemberPrivate);
  if (member.unitId == null) return say(t.me.unbound(t.roleName(member.role)));
  const pending = await pendingPollsFor(ctx.deps.db, member);
  const open = (await listPolls(ctx.deps.db, member.communityId, 0)).open.length;
  say(
    [
      t.me.info(ctx.community?.name ?? '', member.unitLabel ?? '', t.relationName(member.relation ?? 'owner'), t.roleName(member.role)),
      t.me.pending(pending.map((p) => `#${p.pollNo} ${p.title}`), open),
    ].join('\n'),
  );
};

const HANDLERS: Record<string, Handler> = { help, setup, bind, me };

export const basicsHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    await HANDLERS[cmd.name]?.(ctx, cmd);
  },
};
