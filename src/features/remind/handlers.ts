import { setPersonalReminders } from '../../app/members.js';
import type { FeatureHandlers } from '../manifest.js';
import { REMIND_TEXT } from './i18n.js';

const ON = new Set(['on', '开', '开启', '打开']);
const OFF = new Set(['off', '关', '关闭', '取消']);

/** `/remind on|off` (提醒 开/关), private: personal reminders of polls this household has not voted in. */
export const remindHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    const { t, msg, member } = ctx;
    const r = REMIND_TEXT[ctx.locale];
    if (msg.chatKind === 'group') return ctx.privately(r.usage);
    if (!member?.unitId) return ctx.reply(t.common.notMemberPrivate);
    const word = (cmd.argv[0] ?? '').toLowerCase();
    const on = ON.has(word) ? true : OFF.has(word) ? false : null;
    if (on === null) return ctx.reply(word ? r.usage : r.status(member.remind));
    await setPersonalReminders(ctx.deps.db, ctx.deps.clock, member, on);
    ctx.reply(on ? r.on : r.off);
  },
};
