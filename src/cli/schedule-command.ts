import { formatLocal } from '../app/local-time.js';
import { scheduleOf, syncReminders } from '../app/reminders.js';
import type { CommandSpec } from './commands.js';
import { communityOf } from './commands.js';
import { EXIT } from './output.js';

/** `schedule COMMUNITY`: what the bot will send next, what it sent and what it missed (SPEC §4, §7). */
export const scheduleCmd: CommandSpec = {
  words: ['schedule'],
  args: ['COMMUNITY'],
  flags: [],
  prepare([community]) {
    return async ({ db, clock, out }) => {
      const c = await communityOf(db, community!);
      await syncReminders(db, clock, c.communityId);
      const list = await scheduleOf(db, c.communityId);
      if (out.json) {
        out.value(list.map((r) => ({ key: r.naturalKey, kind: r.kind, dueAt: r.dueAt.toISOString(), status: r.status, sentAt: r.sentAt?.toISOString() ?? null })));
        return EXIT.ok;
      }
      const now = clock.now().getTime();
      const due = list.filter((r) => r.status === 'pending' && r.dueAt.getTime() >= now - 6 * 3_600_000);
      const sent = list.filter((r) => r.status === 'sent');
      const missed = list.filter((r) => r.status === 'missed');
      const line = (r: (typeof list)[number]) => `  ${formatLocal(r.dueAt, c.timezone)}  ${r.kind.padEnd(12)} ${r.naturalKey}${r.sentAt ? `  (${formatLocal(r.sentAt, c.timezone)})` : ''}`;
      out.line(`Reminders of ${c.name} (${c.timezone}):`);
      out.line(`Due (${due.length}):`);
      for (const r of due) out.line(line(r));
      out.line(`Sent (${sent.length}):`);
      for (const r of sent.slice(-50)) out.line(line(r));
      out.line(`Missed (${missed.length}):`);
      for (const r of missed) out.line(line(r));
      return EXIT.ok;
    };
  },
};
