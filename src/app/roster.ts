import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { bindingCodes, units } from '../db/schema.js';
import type { Clock } from './clock.js';
import { randomCode } from './codes.js';
import { parseCenti, readCsv, type CsvRowError } from './csv.js';

/** Areas are stored as integer hundredths (int4): one unit's area is capped well below that range. */
const MAX_UNIT_AREA_CENTI = 100_000_00;

export type ImportResult = { ok: true; imported: number } | { ok: false; errors: CsvRowError[] };

/** Normalises a unit label as typed (full-width digits and dashes, spaces). */
export function normalizeUnitLabel(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/[‐‑‒–—―－]/g, '-')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/**
 * Imports the roster (`unit,area_m2,owner_name,owner_id`), upserting by unit label.
 * Any bad row rejects the whole file and every bad row is listed. `actor` is who imported it (the
 * operator's CLI, or a committee member on the desk as `platform:userId`).
 */
export async function importUnits(db: Db, clock: Clock, communityId: number, csvText: string, actor = 'operator'): Promise<ImportResult> {
  const read = readCsv(csvText, ['unit', 'area_m2', 'owner_name', 'owner_id'], ['owner_id']);
  if (!read.ok) return read;
  const errors: CsvRowError[] = [...read.errors];
  const seen = new Map<string, number>();
  const valid: { label: string; areaCenti: number; ownerName: string; ownerId: string | null }[] = [];
  for (const { row, values } of read.records) {
    const label = normalizeUnitLabel(values.unit ?? '');
    const reasons: string[] = [];
    if (!label) reasons.push('unit is missing');
    else if (label.length > 40) reasons.push('unit is longer than 40 characters');
    else if (seen.has(label)) reasons.push(`unit ${label} is a duplicate of row ${seen.get(label)}`);
    else seen.set(label, row);
    const area = parseCenti(values.area_m2 ?? '');
    if (area === null) reasons.push(`area_m2 "${values.area_m2 ?? ''}" is not a number with at most two decimals`);
    else if (area <= 0) reasons.push('area_m2 must be more than 0');
    else if (area > MAX_UNIT_AREA_CENTI) reasons.push('area_m2 must be at most 100000 (m² of one unit)');
    const ownerName = (values.owner_name ?? '').trim();
    if (!ownerName) reasons.push('owner_name is missing');
    if (reasons.length) {
      errors.push({ row, reason: reasons.join('; ') });
      continue;
    }
    valid.push({ label, areaCenti: area!, ownerName, ownerId: (values.owner_id ?? '').trim() || null });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  if (valid.length === 0) return { ok: false, errors: [{ row: 2, reason: 'the file has no rows' }] };
  await db.transaction(async (tx) => {
    for (let i = 0; i < valid.length; i += 1000) {
      await tx
        .insert(units)
        .values(valid.slice(i, i + 1000).map((v) => ({ communityId, ...v })))
        .onConflictDoUpdate({
          target: [units.communityId, units.label],
          set: { areaCenti: sql`excluded.area_centi`, ownerName: sql`excluded.owner_name`, ownerId: sql`excluded.owner_id` },
        });
    }
    await appendAudit(tx, communityId, {
      at: clock.now().toISOString(),
      action: 'units.imported',
      actor,
      data: { rows: valid.length },
    });
  });
  return { ok: true, imported: valid.length };
}

/**
 * The binding codes of every unit (owner codes, or tenant codes with `tenants`), creating missing ones;
 * `rotate` replaces them all.
 */
export async function listCodes(
  db: Db,
  clock: Clock,
  communityId: number,
  opts: { tenants?: boolean; rotate?: boolean } = {},
): Promise<{ unit: string; code: string }[]> {
  const kind: 'owner' | 'tenant' = opts.tenants ? 'tenant' : 'owner';
  return db.transaction(async (tx) => {
    const all = await tx
      .select({ unitId: units.unitId, label: units.label })
      .from(units)
      .where(eq(units.communityId, communityId))
      .orderBy(units.label);
    if (opts.rotate) {
      await tx.delete(bindingCodes).where(and(eq(bindingCodes.communityId, communityId), eq(bindingCodes.kind, kind)));
    }
    const existing = await tx
      .select({ unitId: bindingCodes.unitId, code: bindingCodes.code })
      .from(bindingCodes)
      .where(and(eq(bindingCodes.communityId, communityId), eq(bindingCodes.kind, kind)));
    const byUnit = new Map(existing.map((e) => [e.unitId, e.code]));
    const missing = all.filter((u) => !byUnit.has(u.unitId));
    for (let i = 0; i < missing.length; i += 1000) {
      const fresh = missing.slice(i, i + 1000).map((u) => ({ communityId, unitId: u.unitId, kind, code: randomCode(8) }));
      await tx.insert(bindingCodes).values(fresh);
      for (const f of fresh) byUnit.set(f.unitId, f.code);
    }
    if (missing.length || opts.rotate) {
      await appendAudit(tx, communityId, {
        at: clock.now().toISOString(),
        action: opts.rotate ? 'codes.rotated' : 'codes.issued',
        actor: 'operator',
        data: { kind, units: opts.rotate ? all.length : missing.length },
      });
    }
    return all.map((u) => ({ unit: u.label, code: byUnit.get(u.unitId)! }));
  });
}

/** Replaces the codes of the given units (a code seen in a group is rotated at once). */
export async function rotateUnitCodes(db: Db, communityId: number, unitIds: number[], kind: 'owner' | 'tenant'): Promise<void> {
  if (unitIds.length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .delete(bindingCodes)
      .where(and(eq(bindingCodes.communityId, communityId), eq(bindingCodes.kind, kind), inArray(bindingCodes.unitId, unitIds)));
    await tx.insert(bindingCodes).values(unitIds.map((unitId) => ({ communityId, unitId, kind, code: randomCode(8) })));
  });
}
