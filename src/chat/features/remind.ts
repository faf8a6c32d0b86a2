import { setPersonalReminders } from '../../app/members.js';
import type { Feature } from '../context.js';

const ON = new Set(['on', '开', '开启', '打开']);
const OFF = new Set(['off', '关', '关闭', '取消']);

/** `/remind on|off` (提醒 开/关), private: personal reminders of polls this household has not voted in. */
export const remindFeature: Feature = {
  commands: ['remind'],
  async handle(ctx, cmd) {
    const { t, msg, member } = ctx;
    if (msg.chatKind === 'group') return ctx.privately(t.remind.usage);
    if (!member?.unitId) return ctx.reply(t.common.notMemberPrivate);
    const word = (cmd.argv[0] ?? '').toLowerCase();
    const on = ON.has(word) ? true : OFF.has(word) ? false : null;
    if (on === null) return ctx.reply(word ? t.remind.usage : t.remind.status(member.remind));
    await setPersonalReminders(ctx.deps.db, ctx.deps.clock, member, on);
    ctx.reply(on ? t.remind.on : t.remind.off);
  },
};
