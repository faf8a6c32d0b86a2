/**
 * Polls (表决, SPEC §4–6): the committee opens one, households vote (typed, by a lone 同意, by replying
 * to the card or by its buttons), anyone sees the turnout and results, the chair closes one early.
 * The groups are reminded before a poll closes; `export COMMUNITY polls`.
 */
import type { Locale } from '../../chat/model.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import type { FeatureManifest } from '../manifest.js';
import { empty, looksLikeChatter, numbered } from '../sense.js';
import { POLLS_TEXT, type PollsText } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    poll: true;
    vote: true;
    results: true;
    close: true;
    polls: true;
  }
}

/** Reminder kind: before a poll closes, its turnout to the groups. */
export const POLL_KIND = 'poll';

const help = (key: keyof PollsText['help']): Record<Locale, string> => ({ 'zh-CN': POLLS_TEXT['zh-CN'].help[key], en: POLLS_TEXT.en.help[key] });
/** Nothing, or only a number: `结果 2`, not `结果 出来了没`. */
const onlyNumber = (c: ParsedCommand) => empty(c) || (c.argv.length === 1 && numbered(c));

export const pollsManifest: FeatureManifest = {
  name: 'polls',
  commands: [
    {
      name: 'poll',
      en: 'poll',
      zh: ['表决', '发起投票'],
      // A poll has a title (two characters at least) or option lines; `表决 什么时候出来` is talk.
      sense: (c) => empty(c) || c.lines.length > 0 || (!looksLikeChatter(c.args) && [...c.args.replace(/\s/g, '')].length >= 2),
      who: 'committee',
      movesReminders: true,
      help: help('poll'),
    },
    // The many ways of voting are read by src/chat/read-message.ts; a ballot commits itself, deduped by the update's key.
    { name: 'vote', en: 'vote', zh: ['投票'], numbered: true, who: 'member', ownCommit: true, help: help('vote') },
    { name: 'results', en: 'results', zh: ['结果', '进度'], sense: onlyNumber, numbered: true, cardNumber: true, who: 'anyone', help: help('results') },
    { name: 'close', en: 'close', zh: ['结束表决'], sense: onlyNumber, numbered: true, cardNumber: true, who: 'chair', movesReminders: true, help: help('close') },
    { name: 'polls', en: 'polls', zh: ['表决列表'], sense: empty, who: 'anyone', help: help('polls') },
  ],
  handlers: () => import('./handlers.js').then((m) => m.pollHandlers),
  // The card's vote buttons, `v:POLL:OPTION`: a press is a ballot, committing itself.
  buttons: { prefix: 'v:', ownCommit: true },
  reminders: {
    kinds: [POLL_KIND],
    wanted: async (db, community, now) => (await import('./reminders.js')).wantedPollReminders(db, community, now),
    render: async (db, clock, reminder) => (await import('./reminders.js')).renderPollReminder(db, clock, reminder),
  },
  reports: [{ name: 'polls', view: 'report_polls', orderBy: 'poll_no', label: { 'zh-CN': '表决', en: 'Polls' } }],
};
