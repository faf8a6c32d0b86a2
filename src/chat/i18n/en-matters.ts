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
};
