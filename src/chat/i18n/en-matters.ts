import type { MatterItem } from '../../domain/matters.js';
import type { zhMatters } from './zh-cn-matters.js';

const ITEM_NAMES: Record<MatterItem, string> = {
  1: "making or changing the owners' assembly rules of procedure",
  2: 'making or changing the management statute',
  3: "electing the owners' committee or replacing its members",
  4: 'hiring or dismissing the property manager',
  5: 'using the repair fund',
  6: 'raising the repair fund',
  7: 'rebuilding or reconstructing buildings and their facilities',
  8: 'changing the use of common parts or using them for business',
  9: 'other matters of common ownership and management',
};
const CHANNELS = { online: 'online', paper: 'paper', assisted: 'assisted', proxy: 'proxy' } as const;
const scopeName = (scope: string) => {
  const [b, e] = scope.split('-');
  return e ? `building ${b}, entrance ${e}` : `building ${b}`;
};

/** English sentences of the owners' matters, scope, notice, paper and proxy ballots, receipts. */
export const enMatters: typeof zhMatters = {
  matters: {
    name: (item) => `item ${item} (${ITEM_NAMES[item]})`,
    card: (item) => `Matter: Civil Code Art. 278 item ${item} (${ITEM_NAMES[item]})`,
    scope: scopeName,
    scopeLine: (scope, heads) => `Scope: ${scopeName(scope)} (only its ${heads} owners decide)`,
    opensLine: (local, days) => `Voting opens: ${local} (${days} days' notice, Property Management Regulations Art. 14)`,
    opensLineSimple: (local) => `Voting opens: ${local}`,
    residentsLaw:
      "Under Art. 9 of the Organic Law of Urban Residents' Committees (2018 text): more than half of household representatives present, decided by more than half of those present. The 2025 revision (in force since 2026-01-01) has not been checked word for word; this rule follows the 2018 text.",
    waived: 'Voting opened at once by confirmation, without the notice period.',
    weaker: (matter, rule, needs, needsWord) =>
      `This poll is Civil Code Art. 278 ${matter}, which needs "${needs}", but you chose "${rule}". The poll was not opened. Send it again with "rule: ${needsWord}", or add a line "confirm-rule" to keep your rule.`,
    stronger: (matter, rule, needs, needsWord) =>
      `This poll is Civil Code Art. 278 ${matter}, which needs "${needs}"; "${rule}" is stricter and can fail a decision the law would pass. The poll was not opened. Send it again with "rule: ${needsWord}", or add a line "confirm-rule" to keep the stricter rule.`,
    ruleWord: (rule) => rule,
    majorWithoutMatter:
      'The major-matter rule (three quarters) applies only to Civil Code Art. 278 items 6–8: raising the repair fund, rebuilding, change of use or business use of common parts. Add a line "matter: …" (e.g. "matter: rebuild"), or use "rule: owners-general"; add "confirm-rule" to keep the major rule anyway.',
    openNowUnconfirmed: (days) =>
      `Owners' polls are announced ${days} days ahead (Property Management Regulations Art. 14) and voting opens after that. To open at once, add the line "confirm-rule" as well.`,
    openTooEarly: (local) => `Voting can open at the end of the notice period at the earliest: ${local}. Change the opening time or add "confirm-rule".`,
    scopeEmpty: (scope) => `No unit of the roster lies in ${scopeName(scope)}. Check the scope line (e.g. "scope: 2" or "scope: 2-1").`,
    parseError: {
      'bad-matter': 'I cannot read the matter. Name an item of Civil Code Art. 278, e.g. "matter: rebuild", "matter: use-repair-fund", "matter: property-manager", "matter: other".',
      'bad-scope': 'I cannot read the scope. Name a building or an entrance, e.g. "scope: 2" or "scope: 2-1".',
      'bad-open': 'I cannot read the opening time. Write "open: now" or "open: 2026-12-20 09:00".',
    },
    notOpenYet: (no, local) => `Poll #${no} is in its notice period; voting opens ${local}. Your vote was not recorded.`,
    outOfScope: (no, scope) => `Poll #${no} is decided by the owners of ${scopeName(scope)} only; your home is not in it.`,
    channelName: (c) => CHANNELS[c],
    channels: (parts) => `Ballots by channel: ${parts.join(', ')}`,
  },
  chart: {
    title: (no, title) => `Poll #${no} ${title}`,
    subtitle: (rule, outcome) => `${rule} · result: ${outcome}`,
    turnout: 'Turnout',
    area: 'Share of area',
    heads: 'Share of owners',
    households: 'Share of households',
    threshold: 'Threshold',
    caption: (no, outcome) => `Poll #${no} result chart: ${outcome}`,
    elsewhere: (no) => `Pictures cannot be posted in this group: the result chart of poll #${no} is on the printed result notice.`,
  },
  notice: {
    resultTitle: (community) => `${community}: result of a vote`,
    announceTitle: (community) => `${community}: owners' vote announced`,
    conventionTitle: (community) => `${community}: residents' convention for filing`,
    convention: (title, version) => `${title} (version ${version}, in force)`,
    adoptedBy: (no, local) => `Adopted by poll #${no}, in force since ${local}. The vote:`,
    times: (opened, opens, closes) => `Announced: ${opened}   Voting opens: ${opens}   Deadline: ${closes}`,
    receiptsHeading: (n) => `Publication list (${n} households, no names)`,
    columns: ['Unit', 'Area (m²)', 'Receipt', 'Option', 'Channel'],
    columnsSecret: ['Unit', 'Area (m²)', 'Receipt', 'Channel'],
    footerReceipts: (no) => `Owners can check their household's ballot by sending /receipt ${no} to the bot privately.`,
    printed: (local) => `Printed: ${local}`,
    qrCaption: 'Scan the QR code, or open the address below in a browser, to see the result and the publication list and to check a receipt code:',
    noConvention: (name) => `No convention named "${name}" is in force.`,
  },
  ballotEntry: {
    usage: 'Usage (private chat): /ballot POLL UNIT OPTION [paper|assisted], e.g. /ballot 1 2-1-301 yes. Committee members enter paper or assisted ballots; a proxy an owner authorised casts theirs the same way.',
    noUnit: (label) => `There is no unit "${label}" on the roster. Check the unit (e.g. 2-1-301).`,
    notAllowed: (label) => `Only committee members, or someone the owner of ${label} authorised (/proxy @you), can enter this household's ballot.`,
    ok: (no, unit, option, channel, code) =>
      `Entered: poll #${no}, ${unit} voted "${option}" (${channel}). Receipt ${code}. If the owner votes before the close, their own latest ballot counts.`,
    toOwner: (no, unit, option, channel, who, code) =>
      `A ballot for your home (${unit}) in poll #${no} was entered by ${who} (${channel}): "${option}". Receipt ${code}. If that is not what you want, vote yourself before the close; your latest ballot counts.`,
  },
  proxy: {
    usage: 'Usage (owners, private chat): /proxy @someone [POLL] — let someone cast your ballot (without a poll number until revoked); /proxy off — revoke. Committee members record a signed authorisation: /proxy @someone UNIT [POLL].',
    who: 'Say whom you authorise: /proxy @their-name (they must be bound to a home in this community).',
    ambiguous: (name) => `Several members are called "${name}"; ask them to change their name, or have the committee record a signed authorisation.`,
    ownersOnly: 'Only members bound as owners can authorise a proxy.',
    self: 'You cannot authorise yourself.',
    ok: (name, unit, poll) =>
      `${name} may now cast the ballot of ${unit}${poll ? ` in poll #${poll} only` : ' until you revoke it (/proxy off)'}. I will tell you privately when they do; your own vote replaces theirs.`,
    toProxy: (unit, poll) =>
      `The owner of ${unit} authorised you to vote${poll ? ` in poll #${poll}` : ' until revoked'}. To vote for them, send me privately: /ballot POLL ${unit} OPTION`,
    off: (n) => (n ? `Revoked ${n} authorisation${n === 1 ? '' : 's'}.` : 'You have no authorisation in force.'),
  },
  receipt: {
    code: (code, no) => `Receipt ${code} (send /receipt ${no} privately to check it)`,
    usage: 'Usage (private chat): /receipt POLL [CODE], e.g. /receipt 1 or /receipt 1 3F9A-C21B-77D0',
    none: (no) => `Your home has no ballot in poll #${no} yet.`,
    counted: (no, code, option, channel) => `Poll #${no}: your home's ballot is counted as "${option}" (${channel}). Receipt ${code}.`,
    replaced: (no, code) => `Poll #${no}: the ballot with receipt ${code} was replaced by a later ballot of your home and is no longer counted.`,
    noMatch: (no) => `Your home has no ballot with that receipt in poll #${no}. Check the code, or ask the committee.`,
    published: 'After the close, the publication list (units, areas, receipts) is on the notice board or from the committee.',
  },
};
