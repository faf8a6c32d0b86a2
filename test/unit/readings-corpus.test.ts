import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/chat/parse-poll.js';
import { readMessage } from '../../src/chat/read-message.js';
import { CORPUS_NOW, loadCorpus, writeDeadline, writeReading } from '../helpers/readings.js';

const corpus = loadCorpus();

describe('the corpus of messages as residents type them', () => {
  it('holds at least 300 messages of every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const expected = corpus.map((c) => c.expected);
    for (const kind of ['vote:typed', 'vote:bare', 'vote:card', 'vote:attempt', 'bind', 'topic', 'meeting', '-']) {
      expect(expected.filter((e) => e.startsWith(kind)).length).toBeGreaterThanOrEqual(10);
    }
    expect(corpus.filter((c) => c.kind === 'date').length).toBeGreaterThanOrEqual(30);
  });

  it('reads every message and deadline as expected', () => {
    const misses: string[] = [];
    for (const c of corpus) {
      const got =
        c.kind === 'date'
          ? writeDeadline(parseDeadline(c.text, '2026-12-01', { now: CORPUS_NOW, timezone: 'Asia/Shanghai' }))
          : writeReading(readMessage({ text: c.text, replyToBot: c.replyToBot }, { botUsername: 'yishi_bot' }));
      if (got !== c.expected) misses.push(`line ${c.line}: ${JSON.stringify(c.text)} → ${got} (expected ${c.expected})`);
    }
    const share = (corpus.length - misses.length) / corpus.length;
    console.info(`readings corpus: ${corpus.length - misses.length}/${corpus.length} read right (${(share * 100).toFixed(1)}%)`);
    expect(misses).toEqual([]);
  });
});
