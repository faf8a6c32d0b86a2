import pino from 'pino';
import { expect, it } from 'vitest';
import { createManualClock } from '../../src/app/clock.js';
import { setupGroup } from '../../src/app/communities.js';
import type { Feature } from '../../src/chat/context.js';
import { createChatCore } from '../../src/chat/core.js';
import { createMemoryTransport } from '../../src/chat/memory-transport.js';
import { allCommandNames } from '../../src/chat/parse-command.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';
import { seedCommunity } from '../helpers/fixtures.js';
import { loadCorpus, writeCommand } from '../helpers/readings.js';

const corpus = loadCorpus().filter((c) => c.kind === 'msg');

describeEachDb('the router on the corpus of messages as residents type them', (kind) => {
  const d = useFreshDatabase(kind);

  it('hands each command to its feature with the expected arguments and answers no chatter', async () => {
    const clock = createManualClock('2026-12-01T02:00:00Z');
    const log = pino({ level: 'silent' });
    const seeded = await seedCommunity(d.db, clock, [{ unit: '3-2-501', area: '100.00', owner: '张三' }]);
    const linked = await setupGroup(d.db, clock, { platform: 'telegram', chatId: '-100', title: '群', code: seeded.setupCode, sender: { id: 'chair', name: '主任' } });
    expect(linked.ok).toBe(true);
    let received: string | null = null;
    // Every command goes to one recording feature: what the router hands over is what is checked.
    const recorder: Feature = {
      commands: allCommandNames(),
      async handle(ctx, cmd) {
        received = writeCommand(cmd);
        ctx.reply('ok');
      },
    };
    const transport = createMemoryTransport('telegram');
    const core = createChatCore({ db: d.db, clock, log, features: [recorder], botUsernames: { telegram: 'yishi_bot' }, rateLimit: { max: 100_000, windowMs: 60_000 } });
    core.registerTransport(transport);

    const misses: string[] = [];
    let n = 0;
    for (const c of corpus) {
      received = null;
      const effects = await core.receive({
        platform: 'telegram',
        updateKey: `corpus-${++n}`,
        chatId: '-100',
        chatKind: 'group',
        chatTitle: '群',
        sender: { userId: `resident-${n}`, name: `居民${n}` },
        text: c.text,
        mentioned: c.replyToBot !== undefined,
        mentions: [],
        ...(c.replyToBot ? { replyToBot: c.replyToBot } : {}),
      });
      const got = received ?? (effects.length === 0 ? '-' : c.expected.startsWith('?') && effects[0]?.kind === 'reply' && effects[0].text.includes(c.expected.slice(1)) ? c.expected : `answered: ${effects.map((e) => ('text' in e ? e.text : e.kind)).join(' / ')}`);
      if (got !== c.expected) misses.push(`line ${c.line}: ${JSON.stringify(c.text)} → ${got} (expected ${c.expected})`);
    }
    console.info(`readings corpus through the router [${kind}]: ${corpus.length - misses.length}/${corpus.length} read right`);
    expect(misses).toEqual([]);
  }, 120_000);
});
