import { formatLocal } from '../app/local-time.js';
import { scheduleOf, syncReminders } from '../app/reminders.js';
import type { CommandSpec } from './command-spec.js';
import { communityOf } from './command-spec.js';
import { EXIT } from './output.js';

/** `schedule COMMUNITY`: what the bot will send next, what it sent and what it missed (SPEC §4, §7). */
export const scheduleCmd: CommandSpec = {
  words: ['schedule'],
  usage: `  schedule COMMUNITY
      The reminders: what the bot will send next, what it sent and what it missed.`,
  args: ['COMMUNITY'],
  flags: [],
  prepare([community]) {
    return async ({ db, clock, out }) => {
      const c = await communityOf(db, community!);
      await syncReminders(db, clock, c.communityId);
      const list = await scheduleOf(db, c.communityId);
      if (out.json) {
        out.value(
          list.map((r) => ({
            key: r.naturalKey,
            kind: r.kind,
            dueAt: r.dueAt.toISOString(),
            status: r.status,
            queuedAt: r.queuedAt?.toISOString() ?? null,
            sentAt: r.sentAt?.toISOString() ?? null,
          })),
        );
        return EXIT.ok;
      }
      const now = clock.now().getTime();
      const at = (d: Date | null) => (d ? formatLocal(d, c.timezone) : '');
      const line = (r: (typeof list)[number], when: Date | null) => `  ${formatLocal(r.dueAt, c.timezone)}  ${r.kind.padEnd(12)} ${r.naturalKey}${when ? `  (${at(when)})` : ''}`;
      const part = (title: string, items: typeof list, when: (r: (typeof list)[number]) => Date | null, last = Infinity) => {
        out.line(`${title} (${items.length}):`);
        for (const r of items.slice(-last)) out.line(line(r, when(r)));
      };
      out.line(`Reminders of ${c.name} (${c.timezone}):`);
      part('Due', list.filter((r) => r.status === 'pending' && r.dueAt.getTime() >= now - 6 * 3_600_000), () => null);
      part('Queued, not yet sent', list.filter((r) => r.status === 'queued'), (r) => r.queuedAt);
      part('Sent', list.filter((r) => r.status === 'sent'), (r) => r.sentAt, 50);
      part('Not delivered', list.filter((r) => r.status === 'failed'), (r) => r.queuedAt);
      part('Missed', list.filter((r) => r.status === 'missed'), () => null);
      return EXIT.ok;
    };
  },
};
