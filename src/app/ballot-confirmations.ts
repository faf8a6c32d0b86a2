import { sql } from 'drizzle-orm';
import type { Clock } from './clock.js';
import type { Member } from './members.js';
import type { Poll } from './polls.js';
import { appendAudit } from '../db/audit.js';
import { ballotHashSql } from '../db/ballot-hash.js';
import { rows, type Db } from '../db/client.js';
import { ballotConfirmations } from '../db/schema-desk.js';
import { normalizeReceipt, receiptCode } from '../domain/receipt.js';

export type ConfirmResult = { ok: true; unit: string } | { ok: false; code: 'no-ballot' | 'own-entry' | 'already' };

/**
 * A second committee member confirms a ballot entered for a household (named by its receipt code):
 * kept with who confirmed it and when, and written to the audit chain as `ballot.confirmed`. The
 * member who entered the ballot cannot confirm it; a member confirms a ballot once.
 */
export async function confirmBallot(db: Db, clock: Clock, input: { poll: Poll; receipt: string; member: Member }): Promise<ConfirmResult> {
  const wanted = normalizeReceipt(input.receipt);
  if (!wanted) return { ok: false, code: 'no-ballot' };
  const { poll, member } = input;
  const entered = await rows<{ ballot_id: number | string; hash: string; member_id: number; channel: string; unit: string }>(
    db,
    sql`select b.ballot_id, ${ballotHashSql('b')} as hash, b.member_id, b.channel, u.label as unit
        from ballots b join units u on u.unit_id = b.unit_id
        where b.poll_id = ${poll.pollId} and b.channel <> 'online'`,
  );
  const ballot = entered.find((b) => receiptCode(b.hash) === wanted);
  if (!ballot) return { ok: false, code: 'no-ballot' };
  if (ballot.member_id === member.memberId) return { ok: false, code: 'own-entry' };
  const at = clock.now();
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(ballotConfirmations)
      .values({ ballotId: Number(ballot.ballot_id), communityId: poll.communityId, memberId: member.memberId, confirmedAt: at })
      .onConflictDoNothing()
      .returning({ ballotId: ballotConfirmations.ballotId });
    if (!added.length) return { ok: false, code: 'already' } as const;
    await appendAudit(tx, poll.communityId, {
      at: at.toISOString(),
      action: 'ballot.confirmed',
      actor: `${member.platform}:${member.userId}`,
      data: { pollNo: poll.pollNo, unit: ballot.unit, channel: ballot.channel, ballot: Number(ballot.ballot_id) },
    });
    return { ok: true, unit: ballot.unit } as const;
  });
}

/** Who confirmed a poll's entered ballots: ballot id → the confirming members' names. */
export async function confirmationsOf(db: Db, poll: Poll): Promise<Map<number, { memberId: number; name: string }[]>> {
  const r = await rows<{ ballot_id: number | string; member_id: number; name: string }>(
    db,
    sql`select c.ballot_id, c.member_id, coalesce(nullif(m.display_name, ''), m.platform || ':' || m.user_id) as name
        from ballot_confirmations c join ballots b on b.ballot_id = c.ballot_id left join members m on m.member_id = c.member_id
        where b.poll_id = ${poll.pollId} order by c.confirmed_at`,
  );
  const out = new Map<number, { memberId: number; name: string }[]>();
  for (const x of r) out.set(Number(x.ballot_id), [...(out.get(Number(x.ballot_id)) ?? []), { memberId: x.member_id, name: x.name }]);
  return out;
}

