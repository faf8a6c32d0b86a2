import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { receiptCode } from '../domain/receipt.js';
import { isOwnerRule } from '../domain/tally.js';
import { appendAudit } from '../db/audit.js';
import { ballotHashSql } from '../db/ballot-hash.js';
import { rows, type Db } from '../db/client.js';
import { eligibleSql, holderKeySql, pollTerms } from '../db/holder-sql.js';
import { proxies, units } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Member } from './members.js';
import { normalizeUnitLabel } from './roster.js';
import type { Poll } from './polls.js';

/** A roster unit found by its label as typed (`3-1-102`, full-width digits). */
export async function findUnitByLabel(db: Db, communityId: number, typed: string): Promise<{ unitId: number; label: string } | null> {
  const label = normalizeUnitLabel(typed);
  const r = await db.select({ unitId: units.unitId, label: units.label }).from(units).where(and(eq(units.communityId, communityId), eq(units.label, label))).limit(1);
  return r[0] ?? null;
}

/** Records that `proxy` may cast the ballot of the owner of `unitId` (in one poll, or until revoked). */
export async function grantProxy(
  db: Db,
  clock: Clock,
  input: { communityId: number; unitId: number; unitLabel: string; proxy: Member; pollId: number | null; pollNo: number | null; grantedBy: Member },
): Promise<void> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(proxies).values({
      communityId: input.communityId,
      unitId: input.unitId,
      proxyMemberId: input.proxy.memberId,
      pollId: input.pollId,
      grantedBy: input.grantedBy.memberId,
      grantedAt: now,
    });
    await appendAudit(tx, input.communityId, {
      at: now.toISOString(),
      action: 'proxy.granted',
      actor: `${input.grantedBy.platform}:${input.grantedBy.userId}`,
      data: { unit: input.unitLabel, proxy: `${input.proxy.platform}:${input.proxy.userId}`, pollNo: input.pollNo },
    });
  });
}

/** Revokes every authorisation the owner of `unitId` has given; returns how many there were. */
export async function revokeProxies(db: Db, clock: Clock, input: { communityId: number; unitId: number; unitLabel: string; actor: Member }): Promise<number> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const r = await tx
      .update(proxies)
      .set({ revokedAt: now })
      .where(and(eq(proxies.communityId, input.communityId), eq(proxies.unitId, input.unitId), isNull(proxies.revokedAt)))
      .returning({ id: proxies.proxyId });
    if (r.length) {
      await appendAudit(tx, input.communityId, {
        at: now.toISOString(),
        action: 'proxy.revoked',
        actor: `${input.actor.platform}:${input.actor.userId}`,
        data: { unit: input.unitLabel, count: r.length },
      });
    }
    return r.length;
  });
}

/** Whether `proxyMemberId` holds a live authorisation for `unitId` in this poll. */
export async function holdsProxy(db: Db, input: { communityId: number; unitId: number; proxyMemberId: number; pollId: number }): Promise<boolean> {
  const r = await db
    .select({ id: proxies.proxyId })
    .from(proxies)
    .where(
      and(
        eq(proxies.communityId, input.communityId),
        eq(proxies.unitId, input.unitId),
        eq(proxies.proxyMemberId, input.proxyMemberId),
        isNull(proxies.revokedAt),
        or(isNull(proxies.pollId), eq(proxies.pollId, input.pollId)),
      ),
    )
    .limit(1);
  return r.length > 0;
}

/** How a ballot entered for another household goes in. */
export type EntryChannel = 'paper' | 'assisted' | 'proxy';

/**
 * How `enterer` may enter a ballot for unit `unitId` in this poll (`代录`, the desk): as its proxy
 * when it holds a live authorisation; otherwise, a committee member for another household than its
 * own, on paper or assisted (`asked`, paper by default). Null: not at all.
 */
export async function entryChannel(
  db: Db,
  poll: { communityId: number; pollId: number },
  unitId: number,
  enterer: { memberId: number; unitId: number | null },
  opts: { committee: boolean; asked?: 'paper' | 'assisted' },
): Promise<EntryChannel | null> {
  if (await holdsProxy(db, { communityId: poll.communityId, unitId, proxyMemberId: enterer.memberId, pollId: poll.pollId })) return 'proxy';
  if (opts.committee && enterer.unitId !== unitId) return opts.asked ?? 'paper';
  return null;
}

/** The members to tell when a ballot is cast for a household: those eligible to vote for it (its owners under owner rules, else all its members). */
export async function holderMembers(db: Db, poll: Poll, unitId: number): Promise<{ platform: string; userId: string; locale: string | null }[]> {
  const owner = isOwnerRule(poll.rule);
  return rows<{ platform: string; userId: string; locale: string | null }>(
    db,
    sql`select m.platform, m.user_id as "userId", m.locale from members m join units u on u.unit_id = m.unit_id
        join units t on t.unit_id = ${unitId}
        where m.community_id = ${poll.communityId} and ${holderKeySql(owner, 'u')} = ${holderKeySql(owner, 't')}
          and ${eligibleSql(pollTerms(poll), 'u', sql`m.relation`)}`,
  );
}

export interface Receipt {
  code: string;
  optionNo: number;
  channel: string;
  /** The ballot is the holder's latest, the one the tally counts. */
  counted: boolean;
  castAt: Date;
}

/** The household's ballots in a poll, latest first, each with its receipt code. */
export async function receiptsOf(db: Db, poll: Poll, unitId: number): Promise<Receipt[]> {
  const owner = isOwnerRule(poll.rule);
  const r = await rows<{ hash: string; option_no: number; channel: string; counted: boolean; cast_at: string | Date }>(
    db,
    sql`select ${ballotHashSql('b')} as hash, b.option_no, b.channel, b.cast_at,
          exists (select 1 from poll_votes v where v.poll_id = b.poll_id and v.ballot_id = b.ballot_id) as counted
        from ballots b join units u on u.unit_id = ${unitId}
        where b.poll_id = ${poll.pollId} and b.holder_key = ${holderKeySql(owner, 'u')}
        order by b.ballot_id desc`,
  );
  return r.map((x) => ({ code: receiptCode(x.hash), optionNo: x.option_no, channel: x.channel, counted: x.counted, castAt: new Date(x.cast_at) }));
}

export interface PublicationRow {
  units: string;
  areaM2: string;
  receipt: string;
  /** Null for secret polls. */
  option: string | null;
  channel: string;
}

/**
 * The publication list (公示) of a closed poll: per counted ballot holder its unit labels (in scope),
 * area, receipt code and, for open ballots, the option. Never names.
 */
export async function publicationList(db: Db, poll: Poll): Promise<PublicationRow[]> {
  const owner = isOwnerRule(poll.rule);
  const r = await rows<{ units: string; area: string | number; hash: string; option_no: number; channel: string }>(
    db,
    sql`select (select string_agg(u.label, ' ' order by u.label) from units u where u.community_id = b.community_id
            and ${holderKeySql(owner, 'u')} = b.holder_key and yishi_in_scope(u.label, ${poll.scope}::text)) as units,
          b.holder_area_centi as area, ${ballotHashSql('b')} as hash, b.option_no, b.channel
        from poll_votes v join ballots b on b.ballot_id = v.ballot_id
        where v.poll_id = ${poll.pollId} order by 1`,
  );
  return r.map((x) => {
    const centi = Number(x.area);
    return {
      units: x.units ?? '',
      areaM2: `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`,
      receipt: receiptCode(x.hash),
      option: poll.secret ? null : (poll.options[x.option_no - 1] ?? String(x.option_no)),
      channel: x.channel,
    };
  });
}
