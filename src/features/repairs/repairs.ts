/** Use cases of repair requests: each step checked on the locked row, kept in its history and the audit chain. */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../app/clock.js';
import type { Community } from '../../app/communities.js';
import { recordAudit } from '../../app/audit.js';
import { findMemberById, type Member } from '../../app/members.js';
import type { Db } from '../../db/client.js';
import { buildingOf, MAX_REPAIR_CHARS, repairTransition, type RepairAction, type RepairStateRefusal, type RepairStatus } from './domain.js';
import { repairEvents, repairs } from './schema.js';

export type Repair = typeof repairs.$inferSelect;

const actorOf = (m: Member) => `${m.platform}:${m.userId}`;
const isCommittee = (m: Member | null): m is Member => Boolean(m && (m.role === 'committee' || m.role === 'chair'));

export async function getRepairByNo(db: Db, communityId: number, repairNo: number): Promise<Repair | null> {
  return (await db.select().from(repairs).where(and(eq(repairs.communityId, communityId), eq(repairs.repairNo, repairNo))))[0] ?? null;
}

export async function getRepair(db: Db, repairId: number): Promise<Repair | null> {
  return (await db.select().from(repairs).where(eq(repairs.repairId, repairId)))[0] ?? null;
}

/** A member's requests still open (not confirmed), newest first. */
export async function openRepairsOf(db: Db, memberId: number): Promise<Repair[]> {
  return db
    .select()
    .from(repairs)
    .where(and(eq(repairs.reporterMemberId, memberId), inArray(repairs.status, ['reported', 'dispatched', 'in_progress', 'fixed', 'reopened'])))
    .orderBy(desc(repairs.repairNo))
    .limit(20);
}

/** The member's latest confirmed request not rated yet. */
export async function unratedOf(db: Db, memberId: number): Promise<Repair | null> {
  const r = await db
    .select()
    .from(repairs)
    .where(and(eq(repairs.reporterMemberId, memberId), eq(repairs.status, 'confirmed'), isNull(repairs.rating)))
    .orderBy(desc(repairs.confirmedAt))
    .limit(1);
  return r[0] ?? null;
}

/** Where to write a member privately. */
export async function contactOf(db: Db, memberId: number): Promise<{ platform: Member['platform']; userId: string; locale: string | null } | null> {
  const m = await findMemberById(db, memberId);
  return m ? { platform: m.platform, userId: m.userId, locale: m.locale } : null;
}

export type ReportResult = { ok: true; repair: Repair } | { ok: false; code: 'not-member' | 'empty' | 'too-long' };

/** Records a repair request (报修) of a member bound to a household (or of the committee), numbered per community. */
export async function reportRepair(db: Db, clock: Clock, input: { community: Community; member: Member | null; text: string }): Promise<ReportResult> {
  const { community, member } = input;
  if (!member || (member.unitId == null && !isCommittee(member))) return { ok: false, code: 'not-member' };
  const text = input.text.trim();
  if (!text) return { ok: false, code: 'empty' };
  if ([...text].length > MAX_REPAIR_CHARS) return { ok: false, code: 'too-long' };
  const now = clock.now();
  const building = buildingOf(member.unitLabel);
  const repair = await db.transaction(async (tx) => {
    // The community row is locked first, so concurrent reports take their numbers one after the other.
    await tx.execute(sql`select 1 from communities where community_id = ${community.communityId} for no key update`);
    const n = await tx
      .select({ n: sql<number>`coalesce(max(${repairs.repairNo}), 0)::int + 1` })
      .from(repairs)
      .where(eq(repairs.communityId, community.communityId));
    const repairNo = n[0]!.n;
    const r = await tx
      .insert(repairs)
      .values({ communityId: community.communityId, repairNo, reporterMemberId: member.memberId, building, text, reportedAt: now, updatedAt: now })
      .returning();
    const row = r[0]!;
    await tx.insert(repairEvents).values({ communityId: community.communityId, repairId: row.repairId, action: 'report', actorMemberId: member.memberId, actor: actorOf(member), at: now, text });
    await recordAudit(tx, community.communityId, { at: now.toISOString(), action: 'repair.reported', actor: actorOf(member), data: { repairNo, building } });
    return row;
  });
  return { ok: true, repair };
}

export type StepRefusal = 'no-repair' | 'not-committee' | 'not-assignee' | 'not-reporter' | RepairStateRefusal;
export type StepResult = { ok: true; repair: Repair; from: RepairStatus } | { ok: false; code: StepRefusal; repair?: Repair };

export interface StepInput {
  community: Community;
  member: Member | null;
  repairNo: number;
  action: RepairAction;
  /** A progress note. */
  text?: string;
  /** For a dispatch: to whom. */
  assignee?: { kind: 'property' | 'member'; memberId: number | null; name: string };
  /** For a dispatch or a reopen: by when it is to be fixed. */
  promisedAt?: Date;
  /** For a rating. */
  rating?: 'satisfied' | 'unsatisfied';
}

/** Who may take a step: the committee dispatches; the assignee or the committee handles and fixes; the reporter confirms, reopens and rates. */
function mayTake(action: RepairAction, member: Member | null, repair: Repair): StepRefusal | null {
  if (action === 'dispatch') return isCommittee(member) ? null : 'not-committee';
  if (action === 'handle' || action === 'fixed') {
    const assignee = member != null && repair.assigneeKind === 'member' && repair.assigneeMemberId === member.memberId;
    return assignee || isCommittee(member) ? null : 'not-assignee';
  }
  return member != null && repair.reporterMemberId === member.memberId ? null : 'not-reporter';
}

/** One step of a request, on the locked row; a refused step changes nothing. */
export async function stepRepair(db: Db, clock: Clock, input: StepInput): Promise<StepResult> {
  const { community, member, action } = input;
  const found = await getRepairByNo(db, community.communityId, input.repairNo);
  if (!found) return { ok: false, code: 'no-repair' };
  const now = clock.now();
  type Outcome = { code: StepRefusal } | { from: RepairStatus };
  const r = await db.transaction(async (tx): Promise<Outcome> => {
    await tx.execute(sql`select 1 from repairs where repair_id = ${found.repairId} for update`);
    const locked = (await tx.select().from(repairs).where(eq(repairs.repairId, found.repairId)))[0]!;
    const who = mayTake(action, member, locked);
    if (who) return { code: who };
    const step = repairTransition(locked.status, action, locked.rating != null);
    if (!step.ok) return { code: step.code };
    const set: Partial<typeof repairs.$inferInsert> = { status: step.to, updatedAt: now };
    const data: Record<string, unknown> = { repairNo: locked.repairNo, from: locked.status, to: step.to };
    if (action === 'dispatch') {
      Object.assign(set, { assigneeKind: input.assignee!.kind, assigneeMemberId: input.assignee!.memberId, assigneeName: input.assignee!.name, promisedAt: input.promisedAt!, dispatchedAt: now });
      Object.assign(data, { assignee: input.assignee!.name, promisedAt: input.promisedAt!.toISOString() });
    } else if (action === 'fixed') set.doneAt = now;
    else if (action === 'confirm') set.confirmedAt = now;
    else if (action === 'reopen') {
      Object.assign(set, { doneAt: null, promisedAt: input.promisedAt ?? locked.promisedAt });
      if (input.promisedAt) data.promisedAt = input.promisedAt.toISOString();
    } else if (action === 'rate') {
      set.rating = input.rating!;
      data.rating = input.rating;
    }
    await tx.update(repairs).set(set).where(eq(repairs.repairId, locked.repairId));
    const text = input.text?.trim() || null;
    await tx.insert(repairEvents).values({ communityId: community.communityId, repairId: locked.repairId, action, actorMemberId: member?.memberId ?? null, actor: member ? actorOf(member) : 'system', at: now, text });
    await recordAudit(tx, community.communityId, { at: now.toISOString(), action: `repair.${action}`, actor: member ? actorOf(member) : 'system', data: { ...data, ...(text ? { text } : {}) } });
    return { from: locked.status };
  });
  const fresh = (await getRepair(db, found.repairId))!;
  if ('code' in r) return { ok: false, code: r.code, repair: fresh };
  return { ok: true, repair: fresh, from: r.from };
}
