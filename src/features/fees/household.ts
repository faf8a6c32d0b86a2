/** A household's own amounts, said privately to its bound members (`/myfee`, a personal fee question, the community page). */
import { billsOf, feeSchedule, unitArea } from '../../app/fees.js';
import { dividendOf, incomeOf } from '../../app/income.js';
import type { Member } from '../../app/members.js';
import type { FeeItem } from '../../domain/fees.js';
import { formatCenti, formatFen } from '../../domain/money.js';
import type { Ctx } from '../../chat/context.js';
import { feesText } from './i18n.js';
import { billLines, computationLine, type FeeWords } from './render.js';

/**
 * A household's own amounts — fees computed from its area, its bills, its dividend — as the text of
 * a private message to one of its bound members. `items` limits the fee lines (all when left out).
 */
export async function householdText(
  ctx: { t: FeeWords; deps: Pick<Ctx['deps'], 'db'> },
  member: Member & { unitId: number },
  show: { items?: FeeItem[]; bills?: boolean; dividend?: boolean } = {},
): Promise<string> {
  const { t, deps } = ctx;
  const area = (await unitArea(deps.db, member.unitId)) ?? 0;
  const lines = [t.myfee.header(member.unitLabel ?? '', formatCenti(area))];
  // Without a question naming items: what every household pays (per m² and per household), not parking or one-off fees.
  const items = show.items ?? (await feeSchedule(deps.db, member.communityId)).filter((i) => i.basis === 'per_m2_month' || i.basis === 'per_unit_month');
  if (items.length) lines.push(t.myfee.schedule, ...items.map((i) => computationLine(t, i, area)));
  if (show.bills !== false) lines.push(...billLines(t, await billsOf(deps.db, member.communityId, member.unitId)));
  if (show.dividend !== false) {
    const period = await incomeOf(deps.db, member.communityId);
    const d = period ? await dividendOf(deps.db, member.communityId, member.unitId, period) : null;
    if (period && d) lines.push(t.myfee.dividend(period.period, formatCenti(d.areaCenti), formatCenti(d.totalCenti), formatFen(period.split.shares!.dividend), formatFen(d.fen)));
  }
  lines.push(t.myfee.source);
  return lines.join('\n');
}

/** The member when bound to a unit; otherwise tells them (privately) how to bind and returns null. */
export function boundMember(ctx: Ctx): (Member & { unitId: number }) | null {
  const m = ctx.member;
  if (m && m.unitId != null) return m as Member & { unitId: number };
  ctx.privately(feesText(ctx.locale).myfee.notBound);
  return null;
}
