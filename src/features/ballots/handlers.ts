/** Paper, assisted and proxy ballots (代录), proxies (委托) and receipts (回执), in private chats (SPEC §6). */
import { entryChannel, findUnitByLabel, grantProxy, receiptsOf, revokeProxies } from '../../app/ballot-entry.js';
import { membersByName, type Member } from '../../app/members.js';
import { castVote, getPollByNo, type Poll } from '../../app/polls.js';
import type { Ctx } from '../../chat/context.js';
import { catalogue } from '../../chat/i18n/index.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { matchOption } from '../../chat/parse-poll.js';
import { normalizeReceipt, receiptCode } from '../../domain/receipt.js';
import type { FeatureHandlers } from '../manifest.js';
import { optionList, voteRefusal } from '../polls/say.js';
import { enteredBallotNotes } from './notes.js';

const asNumber = (s: string | undefined): number | null => (s && /^\d{1,6}$/.test(s) ? Number(s) : null);
const CHANNEL_WORDS: Record<string, 'paper' | 'assisted'> = { 纸质: 'paper', 纸质票: 'paper', paper: 'paper', 代填: 'assisted', 协助: 'assisted', assisted: 'assisted' };

/** Checks the common ground of these commands: a community, a private chat. Replies and returns false otherwise. */
function privateInCommunity(ctx: Ctx): boolean {
  const { t, msg } = ctx;
  if (!ctx.community || !ctx.member) {
    ctx.reply(msg.chatKind === 'group' ? (ctx.community ? t.common.notBound : t.common.notLinked) : t.common.notMemberPrivate);
    return false;
  }
  if (msg.chatKind !== 'private') {
    ctx.reply(t.common.privateOnly);
    return false;
  }
  return true;
}

/** `代录 N 房号 选项 [纸质|代填]`: a committee member's paper or assisted ballot, or an authorised proxy's. */
async function handleBallot(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, msg, deps } = ctx;
  if (!privateInCommunity(ctx)) return;
  const member = ctx.member!;
  const [noText, unitText, ...rest] = cmd.argv;
  const no = asNumber(noText);
  if (no == null || !unitText || rest.length === 0) return ctx.reply(t.ballotEntry.usage);
  const channelWord = rest.length > 1 ? CHANNEL_WORDS[rest.at(-1)!.toLowerCase()] : undefined;
  const typed = (channelWord ? rest.slice(0, -1) : rest).join(' ');
  const poll = await deps.services.votePolls.get(ctx.community!.communityId, no);
  if (!poll) return ctx.reply(t.vote.noSuchPoll(no));
  const unit = await findUnitByLabel(deps.db, poll.communityId, unitText);
  if (!unit) return ctx.reply(t.ballotEntry.noUnit(unitText));
  const optionNo = matchOption(poll.options, typed);
  if (optionNo == null) return ctx.reply(t.vote.badOption(optionList(poll), poll.pollNo));
  const channel = await entryChannel(deps.db, poll, unit.unitId, member, { committee: ctx.isCommittee(), ...(channelWord ? { asked: channelWord } : {}) });
  if (!channel) return ctx.reply(t.ballotEntry.notAllowed(unit.label));
  const r = await castVote(deps.db, deps.clock, {
    poll,
    platform: msg.platform,
    userId: msg.sender.userId,
    optionNo,
    sourceKey: `${msg.platform}:${msg.updateKey}`,
    forUnit: { unitId: unit.unitId, label: unit.label, channel },
  }, deps.services.ballots);
  if (!r.ok) return voteRefusal(ctx, poll, r.code, (text) => ctx.reply(text));
  ctx.effects.push({ kind: 'card', pollId: poll.pollId });
  const code = receiptCode(r.ballotHash);
  const option = poll.options[optionNo - 1]!;
  ctx.reply(t.ballotEntry.ok(poll.pollNo, unit.label, option, t.matters.channelName(channel), code));
  // The household is told privately, on whichever platform its members are bound.
  const by = member.displayName || msg.sender.name;
  ctx.effects.push(...(await enteredBallotNotes(deps.db, poll, unit, { option, channel, code, by, enterer: { platform: msg.platform, userId: msg.sender.userId } })));
}

/** `委托 @someone [N]` (owner), `委托 @someone 房号 [N]` (committee, a signed authorisation), `委托 off`. */
async function handleProxy(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, msg, deps } = ctx;
  if (!privateInCommunity(ctx)) return;
  const member = ctx.member!;
  const communityId = ctx.community!.communityId;
  const argv = cmd.argv;
  if (argv.length === 0) return ctx.reply(t.proxy.usage);
  const labelArg = argv.find((a) => !a.startsWith('@') && /-/.test(a));
  let unit: { unitId: number; label: string } | null = null;
  if (labelArg && ctx.isCommittee()) {
    unit = await findUnitByLabel(deps.db, communityId, labelArg);
    if (!unit) return ctx.reply(t.ballotEntry.noUnit(labelArg));
  } else {
    if (member.relation !== 'owner' || member.unitId == null) return ctx.reply(t.proxy.ownersOnly);
    unit = { unitId: member.unitId, label: member.unitLabel ?? '' };
  }
  if (/^(?:off|取消|撤销)$/i.test(argv[0]!)) return ctx.reply(t.proxy.off(await revokeProxies(deps.db, deps.clock, { communityId, unitId: unit.unitId, unitLabel: unit.label, actor: member })));
  const name = argv.find((a) => a.startsWith('@'))?.slice(1);
  let proxy: Member | undefined;
  const mentioned = msg.mentions[0];
  if (mentioned) proxy = (await membersByName(deps.db, communityId, msg.platform, mentioned.name)).find((m) => m.userId === mentioned.userId);
  if (!proxy && name) {
    const found = (await membersByName(deps.db, communityId, msg.platform, name)).filter((m) => m.unitId != null);
    if (found.length > 1) return ctx.reply(t.proxy.ambiguous(name));
    proxy = found[0];
  }
  if (!proxy || proxy.unitId == null) return ctx.reply(t.proxy.who);
  if (proxy.memberId === member.memberId && !labelArg) return ctx.reply(t.proxy.self);
  const no = asNumber(argv.find((a) => /^\d{1,6}$/.test(a)));
  let poll: Poll | null = null;
  if (no != null) {
    poll = await getPollByNo(deps.db, communityId, no);
    if (!poll) return ctx.reply(t.vote.noSuchPoll(no));
  }
  await grantProxy(deps.db, deps.clock, { communityId, unitId: unit.unitId, unitLabel: unit.label, proxy, pollId: poll?.pollId ?? null, pollNo: poll?.pollNo ?? null, grantedBy: member });
  ctx.reply(t.proxy.ok(proxy.displayName, unit.label, poll?.pollNo ?? null));
  const pt = catalogue(proxy.locale === 'en' ? 'en' : 'zh-CN');
  ctx.effects.push({ kind: 'private', userId: proxy.userId, text: pt.proxy.toProxy(unit.label, poll?.pollNo ?? null) });
}

/** `回执 N [CODE]`: whether the household's ballot is counted and as what, privately. */
async function handleReceipt(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { t, deps } = ctx;
  if (!privateInCommunity(ctx)) return;
  const member = ctx.member!;
  if (member.unitId == null) return ctx.reply(t.common.notBound);
  const no = asNumber(cmd.argv[0]);
  if (no == null) return ctx.reply(t.receipt.usage);
  const poll = await getPollByNo(deps.db, ctx.community!.communityId, no);
  if (!poll) return ctx.reply(t.vote.noSuchPoll(no));
  const mine = await receiptsOf(deps.db, poll, member.unitId);
  const typed = cmd.argv[1] ? normalizeReceipt(cmd.argv.slice(1).join('')) : null;
  if (cmd.argv[1] && !typed) return ctx.reply(t.receipt.usage);
  const shown = typed ? mine.find((r) => r.code === typed) : mine.find((r) => r.counted);
  if (!shown) return ctx.reply(typed ? t.receipt.noMatch(no) : t.receipt.none(no));
  if (!shown.counted) return ctx.reply(t.receipt.replaced(no, shown.code));
  ctx.reply(t.receipt.counted(no, shown.code, poll.options[shown.optionNo - 1] ?? String(shown.optionNo), t.matters.channelName(shown.channel as 'online')));
}

export const ballotHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    if (cmd.name === 'ballot') return handleBallot(ctx, cmd);
    if (cmd.name === 'proxy') return handleProxy(ctx, cmd);
    return handleReceipt(ctx, cmd);
  },
};
