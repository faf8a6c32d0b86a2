/** What the household is told when a ballot is entered for it (`代录` in chat, the desk's paper ballot). */
import { holderMembers, type EntryChannel } from '../../app/ballot-entry.js';
import type { Poll } from '../../app/polls.js';
import { catalogue } from '../../chat/i18n/index.js';
import type { Db } from '../../db/client.js';
import type { Effect, Platform } from '../../chat/model.js';

/**
 * A private note to each member the ballot counts for (its owners under owner rules, else its
 * members), on whichever platform each is bound and in each one's language, except the one who
 * entered it: the unit, the option, the channel, who entered it and the receipt code.
 */
export async function enteredBallotNotes(
  db: Db,
  poll: Poll,
  unit: { unitId: number; label: string },
  ballot: { option: string; channel: EntryChannel; code: string; by: string; enterer: { platform: string; userId: string } },
): Promise<Effect[]> {
  const notes: Effect[] = [];
  for (const m of await holderMembers(db, poll, unit.unitId)) {
    if (m.platform === ballot.enterer.platform && m.userId === ballot.enterer.userId) continue;
    const t = catalogue(m.locale === 'en' ? 'en' : 'zh-CN');
    const text = t.ballotEntry.toOwner(poll.pollNo, unit.label, ballot.option, t.matters.channelName(ballot.channel), ballot.by, ballot.code);
    notes.push({ kind: 'private', platform: m.platform as Platform, userId: m.userId, text });
  }
  return notes;
}
