import type { zhDeliberation } from './zh-cn-deliberation.js';

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ORDINAL = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
const ACTIONS: Record<string, string> = {
  propose: 'proposed',
  second: 'co-signed',
  'agenda-add': 'put on the agenda',
  'agenda-remove': 'taken off the agenda',
  reject: 'declined',
  decide: 'decided',
  assign: 'assigned',
  progress: 'progress',
  done: 'done',
  'poll-closed': 'poll closed',
  'roll-over': 'not reached, moved to',
  reschedule: 'deliberation day changed, moved to',
};
const households = (n: number) => `${n} ${n === 1 ? 'household' : 'households'}`;

/** en: the same keys as zh-CN. */
export const enDeliberation: typeof zhDeliberation = {
  when: {
    day: (date, weekday, time) => `${SHORT[weekday % 7]} ${date} ${time}`,
  },

  topic: {
    usage: 'Usage: /topic TEXT (the first line is the title), e.g. /topic The east gate needs three more street lights',
    tooLong: 'That is too long (at most 1000 characters). Please shorten it.',
    someone: '(unnamed)',
    status: { proposed: 'proposed', on_agenda: 'on the agenda', rejected: 'declined', decided: 'decided', assigned: 'assigned', done: 'done' },
    by: (name, when) => `— ${name}, ${when}`,
    line: (no, title, parts) => `#${no} ${title} — ${parts.join(' · ')}`,
    secondsCount: (n) => `co-signed by ${households(n)}`,
    assignedTo: (who, due) => (due ? `${who}, due ${due}` : who),
    decidedByPoll: (no, title) => `put to a vote (poll #${no} "${title}")`,
    header: (no, title, status) => `Topic #${no}: ${title} — ${status}`,
    proposedBy: (name, when, seconds) => `Proposed by ${name}, ${when}; co-signed by ${households(seconds)}`,
    content: (text) => `Text: ${text}`,
    agendaOn: (day) => `Deliberation day: ${day}`,
    rejectReason: (reason) => `Declined because: ${reason}`,
    decision: (text) => `Decision: ${text}`,
    assignedLine: (who, due) => `Assigned to: ${who}${due ? `, due ${due}` : ''}`,
    feedback: (text) => `Feedback: ${text}`,
    historyHeader: 'History:',
    historyLine: (when, name, action, note) => `${when} ${name ? `${name} ` : ''}${action}${note ? `: ${note}` : ''}`,
    actionName: (action) => ACTIONS[action] ?? action,
    pollOutcome: (pollNo, outcome) => `poll #${pollNo}, ${outcome}`,
    noSuchTopic: (no) => `There is no topic #${no}. Send /topics to see them.`,
    proposed: (no, title) => `Topic #${no} proposed: ${title}`,
    howToSecond: (no) => `Households who support it: send /second ${no} (once per household)`,
    proposedPrivately: (no) => `Topic #${no} is proposed and announced in the community's groups.`,
    secondUsage: 'Usage: /second N, e.g. /second 3',
    seconded: (no, n) => `You co-signed topic #${no}; it is now co-signed by ${households(n)}.`,
    alreadySeconded: (no, n) => `Your household has already co-signed topic #${no}; each household counts once (now ${households(n)}).`,
    ownHousehold: (no) => `Topic #${no} was proposed by your household, so it needs no co-sign from you.`,
    cannotSecond: (no, status) => `Topic #${no} is ${status} and can no longer be co-signed.`,
    none: 'There are no open topics. Residents propose one with /topic TEXT.',
    listHeader: 'Open topics:',
    listHint: 'Details: /topics N; co-sign: /second N',
    refused: {
      rejected: (no, reason) => `Topic #${no} was declined${reason ? ` (${reason})` : ''} and cannot be taken further. Propose it again if things have changed.`,
      done: (no) => `Topic #${no} is done and cannot change any more. Send /topics ${no} for its history.`,
      notOnAgenda: (no) => `Topic #${no} is not on the agenda yet. Put it there first with /agenda add ${no}, then record the decision.`,
      notDecided: (no) => `Topic #${no} has no decision yet. Record one first with /decide ${no} TEXT, then assign, report progress or close it.`,
      alreadyOnAgenda: (no, day) => `Topic #${no} is already on the agenda${day ? ` (${day})` : ''}.`,
      alreadyDecided: (no, decision) => `Topic #${no} is already decided${decision ? ` (${decision})` : ''}; it cannot go back on the agenda, be declined or be decided again.`,
      noSchedule: 'The deliberation-day rule gives no next date. The chair sets a rule such as "/schedule first Saturday of every month at 19:30".',
    },
    usageOf: {
      'agenda-add': 'Usage: /agenda add N, e.g. /agenda add 3',
      'agenda-remove': 'Usage: /agenda remove N, e.g. /agenda remove 3',
      reject: 'Usage: /reject N REASON, e.g. /reject 3 This is the management company\'s job; passed on to them',
      decide: 'Usage: /decide N TEXT, e.g. /decide 3 Add three street lights, paid from shared income; to put it to a vote: /decide 3 poll TITLE (poll lines may follow)',
      assign: 'Usage: /assign N WHO [due DATE], e.g. /assign 3 Property manager Wang due 2026-12-20, or /assign 3 property office due 14d',
      progress: 'Usage: /progress N TEXT, e.g. /progress 3 Quotes in, work starts next week',
      done: 'Usage: /done N FEEDBACK, e.g. /done 3 The lights are up; thank you all',
    },
    announce: {
      agendaAdd: (no, title, day) => `Topic #${no}: ${title}\nOn the agenda of the deliberation day ${day}`,
      agendaRemove: (no, title) => `Topic #${no}: ${title}\nTaken off the agenda; proposed again.`,
      reject: (no, title, reason) => `Topic #${no}: ${title}\nDeclined. Reason: ${reason}`,
      decide: (no, title, decision) => `Topic #${no}: ${title}\nDecision: ${decision}`,
      assign: (no, title, who, due) => `Topic #${no}: ${title}\nAssigned to ${who}${due ? `, due ${due}` : ''}`,
      progress: (no, title, note) => `Topic #${no}: ${title}\nProgress: ${note}`,
      done: (no, title, feedback) => `Topic #${no}: ${title}\nDone. Feedback: ${feedback}`,
    },
    stepDone: (no, status) => `Topic #${no} is now ${status}; announced in the community's groups.`,
    badDue: 'I cannot read the due date. Write "due 2026-12-20", "due 12/20" or "due 14d".',
    dueInPast: 'That due date is over already; please choose a later one.',
    pollFor: (no, title) => `(This poll decides topic #${no} "${title}".)`,
  },

  agenda: {
    meetingTitle: 'Deliberation day',
    header: (day, meetingNo) => `Deliberation day ${day}${meetingNo ? ` (meeting #${meetingNo})` : ''}\nAgenda:`,
    noDay: 'The deliberation-day rule gives no next date; the chair can set one with /schedule. Topics on the agenda:',
    rolledOver: (n) => `${n} ${n === 1 ? 'topic' : 'topics'} not reached last time moved to this one.`,
    later: (day) => `Later (${day}):`,
    empty: '(No topics yet. Committee members add one with /agenda add N.)',
    item: (i, no, title, seconds) => `${i}. #${no} ${title} (co-signed by ${households(seconds)})`,
    waiting: (list, total) => `Proposed, not yet on the agenda (${total}): ${list.join('; ')}${total > list.length ? ' …' : ''}`,
    rsvpHint: (meetingNo) => `To attend, send /rsvp ${meetingNo}`,
    usage: 'Usage: /agenda (show); /agenda add N; /agenda remove N',
  },

  schedule: {
    describe: (d) => {
      switch (d.kind) {
        case 'nth-weekday':
          return `the ${d.nth === -1 ? 'last' : ORDINAL[d.nth]} ${WEEKDAY[d.weekday]} of every month at ${hm(d.hour, d.minute)}`;
        case 'day-of-month':
          return `day ${d.day} of every month at ${hm(d.hour, d.minute)}`;
        case 'last-day-of-month':
          return `the last day of every month at ${hm(d.hour, d.minute)}`;
        case 'weekly':
          return `every ${WEEKDAY[d.weekday]} at ${hm(d.hour, d.minute)}`;
        case 'cron':
          return `the cron line "${d.cron}"`;
      }
    },
    current: (rule, tz) => `Deliberation day: ${rule} (time zone ${tz})`,
    next: (days) => (days.length ? `Next: ${days.join('; ')}` : 'This rule gives no further dates.'),
    howToSet: 'To change it, send /schedule with the new rule, e.g. /schedule third Saturday of every month at 19:30 (or "last Friday of every month at 20:00", "day 15 of every month at 19:00", or a cron line)',
    whoSets: 'The chair sets the deliberation day.',
    bad: 'I cannot read that rule. Write e.g. "first Saturday of every month at 19:30", "last Friday of every month at 20:00", "day 15 of every month at 19:00", 每月第一个星期六 19:30, or a cron line such as "30 19 * * 6#1".',
    changed: (rule) => `Deliberation day changed to ${rule}`,
    moved: (n, day) => `${n} ${n === 1 ? 'topic' : 'topics'} on the agenda moved to ${day}.`,
    changedPrivately: "The deliberation day is changed and announced in the community's groups.",
  },

  meeting: {
    none: 'No meetings coming up.',
    listHeader: 'Coming meetings:',
    listHint: 'To attend, send /rsvp N',
    line: (no, title, day, place, rsvps) => `#${no} ${title} — ${day}${place ? ` @ ${place}` : ''} · ${rsvps} attending`,
    card: (no, title) => `Meeting #${no}: ${title}`,
    time: (day) => `When: ${day}`,
    place: (place) => `Where: ${place}`,
    howTo: (no) => `To attend, send /rsvp ${no}`,
    usage: 'Usage: /meeting DATE TIME TITLE [@ PLACE], e.g. /meeting 2026-12-20 19:30 Lift briefing @ Community room. /meeting alone lists the coming meetings.',
    exists: (no, title) => `Meeting #${no} "${title}" is already at that time.`,
    inPast: 'The meeting must be in the future.',
    tooFar: 'The meeting can be at most a year away.',
    tooLong: 'The title or place is too long (100 characters each at most).',
    scheduled: (no) => `Meeting #${no} is scheduled and announced in the community's groups.`,
    rsvpOk: (no, title, day, n) => `You are down for meeting #${no} "${title}" (${day}); ${n} attending.`,
    rsvpAlready: (no, n) => `You are already down for meeting #${no} (${n} attending).`,
    noSuchMeeting: (no) => `There is no meeting #${no}. Send /meeting to see the coming ones.`,
    started: (no) => `Meeting #${no} has started or is over; RSVPs are closed.`,
  },

  convention: {
    none: 'No convention has been adopted by a vote yet. The committee opens one with "/poll NAME", a line "convention", then one article a line ("1. …").',
    inForce: 'Conventions in force:',
    heading: (title, version, pollNo, adopted) =>
      `"${title}", version ${version} (${[pollNo ? `adopted by poll #${pollNo}` : '', adopted ? `in force since ${adopted}` : ''].filter(Boolean).join(', ')})`,
    more: (n) => `… ${n} more; send /convention WORDS to find them.`,
    searchHint: 'To find articles: /convention WORDS, e.g. /convention parking',
    matches: (words) => `Articles about "${words}":`,
    match: (title, article) => `"${title}" ${article}`,
    noMatch: (words, titles) => `No article in force mentions "${words}". In force: ${titles.map((x) => `"${x}"`).join(', ')}.`,
    needArticles: 'A convention poll needs its articles: write one a line ("1. …") in the poll, or ask the community office to import the text first.',
    adopted: (title, version, superseded) => `"${title}", version ${version}, is in force from today${superseded ? `; version ${superseded} no longer applies` : ''}. Send /convention to read it.`,
  },
};
