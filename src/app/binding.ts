import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { bindFailures, bindingCodes, members, units } from '../db/schema.js';
import type { Clock } from './clock.js';
import { normalizeCode } from './codes.js';
import type { Platform } from './communities.js';
import { canonicalUnit, unitLabelCandidates } from '../domain/unit-label.js';
import { rotateUnitCodes } from './roster.js';

export const BIND_MAX_FAILURES = 5;
export const BIND_LOCK_MS = 60 * 60 * 1000;

export type BindResult =
  | { ok: true; communityId: number; unit: string; relation: 'owner' | 'tenant'; rebound: boolean }
  | { ok: false; code: 'locked'; minutes: number }
  | { ok: false; code: 'wrong-code'; left: number }
  | { ok: false; code: 'unknown-unit' }
  | { ok: false; code: 'bad-format' };

export type LeakResult = { rotated: boolean; communityId: number | null };

/**
 * `/bind UNIT CODE` in a private chat. Five wrong codes from one identity within an hour lock it out
 * for an hour. A household's code stays valid for its other members.
 */
export async function bindIdentity(
  db: Db,
  clock: Clock,
  input: { platform: Platform; userId: string; displayName: string; unit: string; code: string; locale?: string },
): Promise<BindResult> {
  const now = clock.now();
  const label = canonicalUnit(input.unit);
  const code = normalizeCode(input.code);
  if (!label || !code) return { ok: false, code: 'bad-format' };
  const since = new Date(now.getTime() - BIND_LOCK_MS);
  const failures = await db
    .select({ n: sql<number>`count(*)::int`, last: sql<string>`max(${bindFailures.at})::text` })
    .from(bindFailures)
    .where(and(eq(bindFailures.platform, input.platform), eq(bindFailures.userId, input.userId), gt(bindFailures.at, since)));
  const n = failures[0]?.n ?? 0;
  if (n >= BIND_MAX_FAILURES) {
    const last = new Date(failures[0]!.last);
    const minutes = Math.max(1, Math.ceil((last.getTime() + BIND_LOCK_MS - now.getTime()) / 60000));
    return { ok: false, code: 'locked', minutes };
  }
  const match = await db
    .select({ communityId: bindingCodes.communityId, unitId: bindingCodes.unitId, kind: bindingCodes.kind, label: units.label })
    .from(bindingCodes)
    .innerJoin(units, eq(units.unitId, bindingCodes.unitId))
    .where(eq(bindingCodes.code, code))
    .limit(1);
  const hit = match[0];
  if (!hit || canonicalUnit(hit.label) !== label) {
    // A unit that matches no label of the roster is a mistyped unit, not a guessed code.
    const known = await db
      .select({ unitId: units.unitId })
      .from(units)
      .where(and(inArray(units.label, unitLabelCandidates(input.unit)), ...(hit ? [eq(units.communityId, hit.communityId)] : [])))
      .limit(1);
    if (known.length === 0) return { ok: false, code: 'unknown-unit' };
    await db.insert(bindFailures).values({ communityId: hit?.communityId ?? null, platform: input.platform, userId: input.userId, at: now });
    return { ok: false, code: 'wrong-code', left: Math.max(0, BIND_MAX_FAILURES - n - 1) };
  }
  return db.transaction(async (tx) => {
    const prev = await tx
      .select({ unitId: members.unitId })
      .from(members)
      .where(and(eq(members.communityId, hit.communityId), eq(members.platform, input.platform), eq(members.userId, input.userId)))
      .limit(1);
    await tx
      .insert(members)
      .values({
        communityId: hit.communityId,
        platform: input.platform,
        userId: input.userId,
        displayName: input.displayName,
        unitId: hit.unitId,
        relation: hit.kind,
        boundAt: now,
        locale: input.locale ?? null,
      })
      .onConflictDoUpdate({
        target: [members.communityId, members.platform, members.userId],
        set: { unitId: hit.unitId, relation: hit.kind, boundAt: now, displayName: input.displayName },
      });
    await appendAudit(tx, hit.communityId, {
      at: now.toISOString(),
      action: 'member.bound',
      actor: `${input.platform}:${input.userId}`,
      data: { unit: hit.label, relation: hit.kind },
    });
    return { ok: true as const, communityId: hit.communityId, unit: hit.label, relation: hit.kind, rebound: prev[0]?.unitId != null };
  });
}

/**
 * A binding code was sent where others can read it: if it is a real code, it is replaced at once.
 */
export async function rotateLeakedCode(db: Db, clock: Clock, code: string, actor: string): Promise<LeakResult> {
  const c = normalizeCode(code);
  if (!c) return { rotated: false, communityId: null };
  const match = await db
    .select({ communityId: bindingCodes.communityId, unitId: bindingCodes.unitId, kind: bindingCodes.kind })
    .from(bindingCodes)
    .where(eq(bindingCodes.code, c))
    .limit(1);
  const hit = match[0];
  if (!hit) return { rotated: false, communityId: null };
  await rotateUnitCodes(db, hit.communityId, [hit.unitId], hit.kind);
  await appendAudit(db, hit.communityId, {
    at: clock.now().toISOString(),
    action: 'code.rotated',
    actor,
    data: { unitId: hit.unitId, kind: hit.kind, reason: 'sent-in-group' },
  });
  return { rotated: true, communityId: hit.communityId };
}
