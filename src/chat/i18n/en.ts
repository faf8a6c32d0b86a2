import type { PollRule } from '../../domain/tally.js';
import type { Catalogue } from './zh-cn.js';
import { CONVENTIONS_TEXT } from '../../features/conventions/i18n.js';
import { FEES_TEXT } from '../../features/fees/i18n.js';
import { MEETINGS_TEXT } from '../../features/meetings/i18n.js';
import { SCHEDULE_TEXT } from '../../features/schedule/i18n.js';
import { TOPICS_TEXT } from '../../features/topics/i18n.js';
import { enReminders } from './en-reminders.js';
import { enMatters } from './en-matters.js';
import { enWeb } from './en-web.js';
import { enDesk } from './en-desk.js';

const RULE_NAMES: Record<PollRule, string> = {
  'owners-general': 'owners, ordinary matter (two halves)',
  'owners-major': 'owners, major matter (two three-quarters)',
  residents: "residents' meeting",
  simple: 'simple majority',
};
const ROLE_NAMES = { resident: 'resident', committee: 'committee member', chair: 'chair' } as const;
const OUTCOMES = { open: 'open', passed: 'passed', failed: 'not passed', invalid: 'invalid (turnout short)', tie: 'tie', decided: 'decided' } as const;

/** The English catalogue: the same keys as zh-CN. */
export const en: Catalogue = {
  ruleName: (r) => RULE_NAMES[r],
  roleName: (r) => ROLE_NAMES[r],
  relationName: (r) => (r === 'owner' ? 'owner' : 'tenant'),
  outcomeName: (o) => OUTCOMES[o],
  area: (m2) => `${m2} m²`,
  heads: (n) => `${n} ${n === 1 ? 'owner' : 'owners'}`,
  households: (n) => `${n} ${n === 1 ? 'household' : 'households'}`,

  when: SCHEDULE_TEXT.en.when,
  schedule: SCHEDULE_TEXT.en.schedule,
  topic: TOPICS_TEXT.en.topic,
  agenda: TOPICS_TEXT.en.agenda,
  meeting: MEETINGS_TEXT.en.meeting,
  convention: CONVENTIONS_TEXT.en.convention,
  ...enReminders,
  fees: FEES_TEXT.en.fees,
  myfee: FEES_TEXT.en.myfee,
  income: FEES_TEXT.en.income,
  faq: FEES_TEXT.en.faq,
  ...enMatters,
  ...enWeb,
  ...enDesk,

  common: {
    tryLater: 'The service cannot reach its database right now. Nothing was changed; please try again in a few minutes.',
    internalError: 'Sorry, something went wrong and nothing was changed. Please try again later; if it keeps failing, tell the community office.',
    rateLimited: 'You are sending a little fast. Please wait a minute.',
    tooLong: (max) => `That message is too long (at most ${max} characters). Please send it in parts.`,
    notText: 'I can only read text. Send /help for the commands.',
    unknownCommand: (word, suggestion) =>
      suggestion ? `There is no command "${word}". Did you mean ${suggestion}? Send /help for all commands.` : `There is no command "${word}". Send /help for all commands.`,
    notOffered: (word) => `${word} is not offered by this service yet; please ask the community office. Send /help for the commands you can use now.`,
    notLinked: 'This group is not set up yet. The chair sends "/setup CODE" here (the community office has the code).',
    notMemberPrivate: 'You have not bound your home yet. Send here: /bind BUILDING-ENTRANCE-FLAT CODE, e.g. /bind 3-2-501 K7M2Q9XA (the community office gives out codes).',
    notBound: 'You have not bound your home yet, so you cannot do that. Message me privately: /bind UNIT CODE (the community office gives out codes).',
    notCommittee: 'Only committee members and the chair can do that.',
    notChair: 'Only the chair can do that.',
    privateOnly: 'Please send this command to me in a private chat.',
    groupOnly: "Please send this command in the community's group.",
    repliedPrivately: 'I have replied to you in a private chat.',
    cannotReachPrivately: 'I cannot message you privately. Add me as a friend (WeChat) or open a chat with me and send anything (Telegram), then try again.',
    pickCommunity: (names) => `You are bound in several communities: ${names.join(', ')}. Please do this in that community's group.`,
  },

  help: {
    header: (community) => (community ? `Yishi · ${community}: commands you can use` : 'Yishi: commands you can use'),
    groupUnbound: 'You have not bound your home yet: message me privately "/bind BUILDING-ENTRANCE-FLAT CODE" (e.g. /bind 3-2-501 K7M2Q9XA; the community office gives out codes). Then you can vote and propose topics.',
    privacyWarning: 'Note for the chair: I cannot see ordinary messages in this group (Telegram privacy mode is on), only commands and mentions. To answer fee questions, turn privacy off with /setprivacy at @BotFather, or make me an admin.',
  },

  setup: {
    usage: 'Usage: /setup CODE (the community office has the code)',
    privateChat: 'Send /setup in the community group, not in a private chat.',
    ok: (community, chair) =>
      `This group is now linked to "${community}".` + (chair ? ' You are its first chair.' : '') + ' Residents: message me privately "/bind UNIT CODE" to bind.',
    bad: 'That setup code is not right. Please check it with the community office.',
    locked: (minutes: number) => `Too many setup attempts: setting up groups is paused. Try again in ${minutes} minutes or ask the community office.`,
    elsewhere: 'This group is already linked to another community. Ask the community office to change it.',
    needsCommittee: 'This community already has a group on this platform: further groups are set up by a committee member or the chair. Ask the chair to make you a committee member in the existing group first.',
  },

  bind: {
    usage: 'Usage (private chat): /bind UNIT CODE, e.g. /bind 3-2-501 K7M2Q9XA',
    ok: (unit, relation, community) => `Bound: ${community} ${unit} (${relation}). Send /me to see your details.`,
    rebound: (unit, relation, community) => `You are now bound to ${community} ${unit} (${relation}).`,
    inGroup: (rotated) =>
      rotated
        ? 'Binding codes are private: never post them in a group! That code no longer works; get a new one from the community office and send it to me privately.'
        : 'Please bind in a private chat with me, not in the group.',
    wrong: (left) => `The unit or the code is not right. Please check and try again (${left} tries left).`,
    unknownUnit: (unit) => `There is no unit "${unit}". Write it as BUILDING-ENTRANCE-FLAT, e.g. /bind 3-2-501 CODE (this did not count as a wrong code).`,
    leaked: 'That message holds a binding code. Codes are private: never post them in a group! This code no longer works; ask the community office for a new one, then bind with me in a private chat.',
    locked: (minutes) => `Too many wrong codes: binding is paused. Try again in ${minutes} minutes or ask the community office.`,
  },

  me: {
    unbound: (role) => (role ? `Your role: ${role}. You have not bound a home yet.` : 'You have not bound a home yet.') + ' Message me privately: /bind UNIT CODE.',
    info: (community, unit, relation, role) => `${community} ${unit} (${relation}), role: ${role}.`,
    pending: (list, open) => (list.length ? `Polls you have not voted in: ${list.join('; ')}` : open ? 'Your household has voted in every open poll.' : 'No poll is open right now.'),
  },

  poll: {
    usage: 'Usage: "/poll TITLE" on the first line, then one option a line (none: yes / no / abstain). Optional lines: "deadline: 2026-12-05 20:00" or "deadline: 7d", "rule: owners-general|owners-major|residents|simple", "matter: rebuild" (an item of Civil Code Art. 278), "scope: 2" or "scope: 2-1", "open: now" (with "confirm-rule"), "secret", "hide-results", "final".',
    parseError: {
      'missing-title': 'The poll has no title.',
      'bad-deadline': 'I cannot read the deadline. Write "deadline: 2026-12-05 20:00" or "deadline: 7d".',
      'bad-rule': 'The rule must be one of owners-general, owners-major, residents, simple.',
      'too-few-options': 'A poll needs at least two options.',
      'too-many-options': 'A poll has at most 10 options.',
      'duplicate-option': 'Two options are the same.',
      'too-long': 'The poll is too long (4000 characters in all, 200 for the title, 100 per option).',
    },
    deadlinePast: 'The deadline must be in the future.',
    deadlineTooFar: 'The deadline can be at most 90 days away.',
    noRoster: 'This community has no roster of units yet, so owners and households cannot be counted. Ask the community office to import it first.',
    card: (no, title) => `Poll #${no}: ${title}`,
    cardRule: (rule, source) => `Rule: ${rule}${source ? ` (${source})` : ''}`,
    cardDeadline: (local) => `Closes: ${local}`,
    cardFlags: (flags) => flags.join(', '),
    flagSecret: 'secret ballot (vote in a private chat with me)',
    flagHidden: 'results shown after the close',
    flagFinal: 'ballots cannot be changed',
    cardHowTo: (no, secret) => (secret ? `Vote privately, e.g. /vote ${no} 1` : `Vote with the buttons below, or send "/vote ${no} OPTION", e.g. /vote ${no} 1`),
    cardHowToNoButtons: (no, secret) => (secret ? `Vote privately, e.g. /vote ${no} 1` : `Vote by sending "/vote ${no} OPTION NUMBER OR TEXT", e.g. /vote ${no} 1`),
    opened: (no) => `Poll #${no} is open and announced in the community's groups.`,
  },

  vote: {
    usage: 'Usage: /vote [POLL] OPTION, e.g. /vote 1 yes, or /vote yes when only one poll is open.',
    noOpenPoll: 'No poll is open right now.',
    whichPoll: (list) => `Several polls are open; please give the number: ${list.join('; ')}. For example: /vote ${list[0]?.match(/#(\d+)/)?.[1] ?? 1} yes`,
    whichPollResults: (list) => `Several polls are open; please give the number: ${list.join('; ')}. For example: /results ${list[0]?.match(/#(\d+)/)?.[1] ?? 1}`,
    noSuchPoll: (no) => `There is no poll #${no}. Send /polls to see them.`,
    badOption: (options, no) => `I could not read that option. Poll #${no}: ${options.join('  ')}. For example: /vote ${no} 1`,
    hint: (polls) => `To vote, send "/vote N OPTION" or reply to the poll's message with the option. ${polls.map((p) => `Poll #${p.no} ${p.title}: ${p.options.join('  ')}`).join('; ')}. For example: /vote ${polls[0]?.no ?? 1} 1`,
    badButton: 'That button is not valid and nothing was counted. Use the buttons on the poll, or send "/vote N OPTION".',
    ok: (no, option, changed) => (changed ? `Vote changed: poll #${no}, your household now votes "${option}".` : `Recorded: poll #${no}, your household votes "${option}".`),
    okQuiet: (no, changed) => (changed ? `Your vote in poll #${no} was changed.` : `Your vote in poll #${no} is recorded.`),
    secretInGroup: (no) => `Poll #${no} is a secret ballot: vote in a private chat with me, not in the group. This message was not counted.`,
    closed: (no, outcome) => `Poll #${no} is closed (result: ${outcome}). Votes are no longer taken.`,
    final: (no) => `Ballots in poll #${no} cannot be changed, and your household has voted already.`,
    ownersOnly: (no, rule) => `Poll #${no} uses the rule "${rule}": only members bound as owners can vote.`,
    duplicate: '',
  },

  results: {
    usage: 'Usage: /results [POLL]',
    header: (no, title, status) => `Poll #${no}: ${title} — ${status}`,
    rule: (rule, source) => `Rule: ${rule}${source ? ` (${source})` : ''}`,
    turnoutOwners: (areaV, areaE, headsV, headsE, areaOk, headsOk, need) =>
      `Turnout: area ${areaV}/${areaE} m² ${areaOk ? '✓' : '✗'}, owners ${headsV}/${headsE} ${headsOk ? '✓' : '✗'} (both need ${need})`,
    turnoutResidents: (v, e, ok) => `Turnout: ${v}/${e} households ${ok ? '✓' : '✗'} (needs more than half)`,
    turnoutSimple: (v, e) => `Turnout: ${v}/${e} households`,
    optionOwners: (i, text, area, heads, passed) => `${i}. ${text}: ${area} m², ${heads} owners${passed ? ' ✓' : ''}`,
    optionHouseholds: (i, text, n, passed) => `${i}. ${text}: ${n} households${passed ? ' ✓' : ''}`,
    passRule: (text) => `Passes when: ${text}`,
    passOwnersGeneral: 'the area and the owners in favour are each more than half of those who took part',
    passOwnersMajor: 'the area and the owners in favour are each at least three quarters of those who took part',
    passResidents: 'the households in favour are more than half of those who took part',
    hidden: 'Results of this poll are hidden until it closes.',
    outcome: (o) => `Result: ${o}`,
    winner: (text) => `Winner: ${text}`,
    tie: (texts) => `Tie: ${texts.join(', ')}`,
    noVotes: 'no votes',
    deadline: (local) => `Closes: ${local}`,
    unvoted: (total, labels) => (total ? `Units not voted yet (${total}): ${labels.join(', ')}${total > labels.length ? ' …' : ''}` : 'Every unit has voted.'),
    closedAnnouncement: (no) => `Poll #${no} is closed.`,
    joinOptions: (parts) => parts.join('; '),
    threshold: (num, den, strict) =>
      `${strict ? 'more than' : 'at least'} ${num === 2 && den === 3 ? 'two thirds' : num === 3 && den === 4 ? 'three quarters' : num === 1 && den === 2 ? 'half' : `${num}/${den}`}`,
  },

  close: {
    usage: 'Usage: /close N',
    closedPrivately: (no) => `Poll #${no} is closed; the result was announced in the community's groups.`,
    already: (no) => `Poll #${no} is already closed.`,
  },

  polls: {
    none: 'There are no polls yet.',
    open: 'Open:',
    closed: 'Recently closed:',
    line: (no, title, extra) => `#${no} ${title} (${extra})`,
    until: (local) => `closes ${local}`,
  },

  wechat: {
    confirmAsk: (community, unit) =>
      `My WeChat login was renewed and I need to check: are you the household ${unit} of ${community}? Reply "confirm" if so, "no" if not.`,
    confirmed: (unit) => `Thank you, your binding is back: ${unit}.`,
    notMe: 'All right, nothing was changed. To bind, message me privately: /bind UNIT CODE.',
    toChair: 'To the chair: ',
    chairAmbiguousMembers: (name, units) =>
      `After WeChat logged in again, ${units.length} members called "${name}" (${units.join(', ')}) cannot be told apart, so their bindings were not restored. Please ask them to bind again privately (/bind UNIT CODE).`,
    chairRoomLost: (title) =>
      `After WeChat logged in again the group "${title}" was not found. If it was renamed, send "/setup CODE" in it; if not, it is found again once someone writes there.`,
    chairRoomAmbiguous: (title, n) => `After WeChat logged in again ${n} groups are called "${title}", so none was linked. Send "/setup CODE" in the right one.`,
  },
};
