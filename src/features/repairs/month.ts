/** The deliberation day's opening lines: last month's repair requests by building (reported, fixed, overdue, satisfaction). */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Clock } from '../../app/clock.js';
import type { Community } from '../../app/communities.js';
import type { Locale } from '../../chat/model.js';
import type { Db } from '../../db/client.js';
import { repairsText } from './i18n.js';
import { repairs } from './schema.js';

export interface BuildingMonth {
  building: string | null;
  reported: number;
  done: number;
  /** Past their promised time: fixed late, or still not fixed now. */
  overdue: number;
  satisfied: number;
  rated: number;
}

/** Counts of requests reported in the calendar month before `now` (community time), by building. */
export async function lastMonthCounts(db: Db, clock: Clock, community: Pick<Community, 'communityId' | 'timezone'>): Promise<{ month: string; buildings: BuildingMonth[] }> {
  const now = clock.now();
  const start = DateTime.fromJSDate(now, { zone: community.timezone }).startOf('month').minus({ months: 1 });
  const end = start.plus({ months: 1 });
  const found = await db
    .select({
      building: repairs.building,
      reported: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${repairs.doneAt} is not null)::int`,
      overdue: sql<number>`count(*) filter (where ${repairs.promisedAt} is not null and coalesce(${repairs.doneAt}, ${now.toISOString()}::timestamptz) > ${repairs.promisedAt})::int`,
      satisfied: sql<number>`count(*) filter (where ${repairs.rating} = 'satisfied')::int`,
      rated: sql<number>`count(*) filter (where ${repairs.rating} is not null)::int`,
    })
    .from(repairs)
    .where(sql`${repairs.communityId} = ${community.communityId} and ${repairs.reportedAt} >= ${start.toISO()}::timestamptz and ${repairs.reportedAt} < ${end.toISO()}::timestamptz`)
    .groupBy(repairs.building)
    .orderBy(sql`${repairs.building} is null, length(${repairs.building}), ${repairs.building}`);
  return {
    month: start.toFormat('yyyy-MM'),
    buildings: found.map((r) => ({
      building: r.building ?? null,
      reported: Number(r.reported),
      done: Number(r.done),
      overdue: Number(r.overdue),
      satisfied: Number(r.satisfied),
      rated: Number(r.rated),
    })),
  };
}

/** The agenda's opening lines; none when nothing was reported last month. */
export async function lastMonthLines(db: Db, clock: Clock, community: Community, locale: Locale): Promise<string[]> {
  const { month, buildings } = await lastMonthCounts(db, clock, community);
  if (!buildings.length) return [];
  const t = repairsText(locale);
  return [t.monthHeader(month), ...buildings.map((b) => t.monthLine(t.building(b.building), b.reported, b.done, b.overdue, b.satisfied, b.rated))];
}
