/** The repairs' reminder provider: an overdue request is noted to its assignee each morning (09:00 community time). */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { getCommunity } from '../../app/communities.js';
import { committeeMembers } from '../../app/members.js';
import type { Clock } from '../../app/clock.js';
import { formatLocal } from '../../app/local-time.js';
import { localeFor } from '../../chat/i18n/index.js';
import type { Effect, Platform } from '../../chat/model.js';
import type { Db } from '../../db/client.js';
import { morningNotes } from '../../domain/reminders.js';
import type { DueReminder, ReminderCommunity, WantedFeatureReminder } from '../manifest.js';
import { WORKING } from './domain.js';
import { repairsText } from './i18n.js';
import { OVERDUE_KIND } from './manifest.js';
import { contactOf, getRepair } from './repairs.js';
import { repairs } from './schema.js';

/** One note a morning per request past its promised time while someone works on it (today's, unless more than six hours past, and tomorrow's). */
export async function wantedOverdue(db: Db, community: ReminderCommunity, now: Date): Promise<WantedFeatureReminder[]> {
  const open = await db
    .select({ repairId: repairs.repairId, promisedAt: repairs.promisedAt })
    .from(repairs)
    .where(and(eq(repairs.communityId, community.communityId), inArray(repairs.status, [...WORKING]), isNotNull(repairs.promisedAt)));
  return morningNotes(OVERDUE_KIND, open.map((r) => ({ id: r.repairId, dueAt: r.promisedAt! })), community.overdueAt, community.timezone, now);
}

/** To the assignee privately; a request of the property company goes to the committee, who pass it on. */
export async function renderOverdue(db: Db, _clock: Clock, rem: DueReminder): Promise<Effect[]> {
  const repair = rem.objectId == null ? null : await getRepair(db, rem.objectId);
  if (!repair || !WORKING.includes(repair.status) || !repair.promisedAt || repair.promisedAt.getTime() >= rem.dueAt.getTime()) return [];
  const c = await getCommunity(db, rem.communityId);
  const tz = c?.timezone ?? 'Asia/Shanghai';
  let to: { platform: Platform; userId: string; locale: string | null }[];
  if (repair.assigneeKind === 'member' && repair.assigneeMemberId != null) {
    const one = await contactOf(db, repair.assigneeMemberId);
    to = one ? [one] : [];
  } else {
    to = await committeeMembers(db, rem.communityId);
  }
  return to.map((m) => {
    const t = repairsText(localeFor(m.locale));
    return {
      kind: 'private',
      platform: m.platform,
      userId: m.userId,
      text: t.overdue(repair.repairNo, t.building(repair.building), repair.text, repair.assigneeName ?? '', formatLocal(repair.promisedAt!, tz)),
      reminder: true,
    };
  });
}
