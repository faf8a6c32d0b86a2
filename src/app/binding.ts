import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { bindingCodes, members, units } from '../db/schema.js';
import type { Clock } from './clock.js';
import { normalizeCode } from './codes.js';
import { LIMITS, refundGuess, reserveGuess, type GuessLimit } from './guess-limits.js';
import type { Platform } from './communities.js';
import { canonicalUnit, unitLabelCandidates } from '../domain/unit-label.js';
import { rotateUnitCodes } from './roster.js';

export type BindResult =
  | { ok: true; communityId: number; unit: string; relation: 'owner' | 'tenant'; rebound: boolean }
  | { ok: false; code: 'locked'; minutes: number }
  | { ok: false; code: 'wrong-code'; left: number }
  | { ok: false; code: 'unknown-unit' }
  | { ok: false; code: 'bad-format' };

export type LeakResult = { rotated: boolean; communityId: number | null };

/** The limits one `/bind` attempt counts against: the identity, the unit label, the whole service. */
function bindLimits(who: string, label: string, unitsWithLabel: number): GuessLimit[] {
  return [
    { key: `bind:id:${who}`, ...LIMITS.bindPerIdentity },
    { key: `bind:unit:${label}`, ...LIMITS.bindPerUnit },
    { key: 'bind:all', ...LIMITS.bindService, weight: unitsWithLabel },
  ];
}

/** A unit and household code that matched: the unit and whether the code is its owners' or tenants'. */
export interface CodeHit {
  communityId: number;
  unitId: number;
  kind: 'owner' | 'tenant';
  label: string;
}

export type GuessResult = { ok: true; hit: CodeHit } | Exclude<BindResult, { ok: true }>;

/**
 * One guess of a unit's household code, under the guessing limits of SPEC §3: those of `who` (the
 * identity guessing: `telegram:123`, or for the pages the client's address), of the unit and of the
 * whole service, reserved atomically before the code is looked at; a right code gives its attempt
 * back. A unit that matches no roster label costs nothing (no code can match it).
 */
export async function guessUnitCode(db: Db, now: Date, input: { who: string; unit: string; code: string }): Promise<GuessResult> {
  const label = canonicalUnit(input.unit);
  const code = normalizeCode(input.code);
  if (!label || !code) return { ok: false, code: 'bad-format' };
  // The unit as people write it may stand for one of several roster labels (3号楼2单元501室 → 3-2-501).
  const candidates = unitLabelCandidates(input.unit);
  const labelled = await db.select({ n: sql<number>`count(*)::int` }).from(units).where(inArray(units.label, candidates));
  const unitsWithLabel = labelled[0]?.n ?? 0;
  // A unit that matches no label of the roster is a mistyped unit, not a guessed code: it costs no attempt.
  if (unitsWithLabel === 0) return { ok: false, code: 'unknown-unit' };
  const limits = bindLimits(input.who, label, unitsWithLabel);
  const reserved = await reserveGuess(db, now, limits);
  if (!reserved.ok) return { ok: false, code: 'locked', minutes: reserved.minutes };
  const match = await db
    .select({ communityId: bindingCodes.communityId, unitId: bindingCodes.unitId, kind: bindingCodes.kind, label: units.label })
    .from(bindingCodes)
    .innerJoin(units, eq(units.unitId, bindingCodes.unitId))
    .where(and(eq(bindingCodes.code, code), inArray(units.label, candidates)))
    .limit(1);
  const hit = match[0];
  if (!hit) return { ok: false, code: 'wrong-code', left: Math.max(0, LIMITS.bindPerIdentity.max - reserved.counts[0]!) };
  await refundGuess(db, limits);
  return { ok: true, hit };
}

/**
 * `/bind UNIT CODE` in a private chat. Each attempt is reserved first, atomically, under the limits
 * of the identity (five an hour, then an hour's lockout), of the unit and of the whole service
 * (src/app/guess-limits.ts); while any is reached every code, the right one too, gets the same
 * refusal. A right code gives its attempt back. A unit label on no roster costs nothing (no code
 * can match it). A household's code stays valid for its other members.
 */
export async function bindIdentity(
  db: Db,
  clock: Clock,
  input: { platform: Platform; userId: string; displayName: string; unit: string; code: string; locale?: string },
): Promise<BindResult> {
  const now = clock.now();
  const guessed = await guessUnitCode(db, now, { who: `${input.platform}:${input.userId}`, unit: input.unit, code: input.code });
  if (!guessed.ok) return guessed;
  const hit = guessed.hit;
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
