import type { zhReminders } from './zh-cn-reminders.js';

/** Reminders and quiet-voting lines (en). */
export const enReminders: typeof zhReminders = {
  quiet: {
    turnoutLine: (no, fresh, voted, eligible) => `Poll #${no}: ${fresh} more households voted, ${voted}/${eligible} in all.`,
    recordedLine: (no, units) => `Poll #${no}, votes recorded: ${units.join(', ')}`,
    addBotHint: (names, platform) =>
      `${names.join(', ')}: I cannot send you your receipt privately. ${platform === 'wechat' ? 'Add me as a WeChat friend' : 'Open my profile and send me /start'}, and your next receipts will come privately.`,
  },
  reminders: {
    poll: (no, title, deadline) => `[Poll reminder] Poll #${no} "${title}" closes at ${deadline}.`,
    unvoted: (n) => `${n} households have not voted yet.`,
    personal: (no, title, deadline) => `[Your reminder] Poll #${no} "${title}" closes at ${deadline} and your household has not voted. Send "/vote ${no} OPTION". "/remind off" stops these.`,
  },
};
