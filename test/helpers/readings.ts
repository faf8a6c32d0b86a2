/** The corpus of messages as residents type them (test/fixtures/readings.txt) and how a reading is written. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedCommand, ParseResult } from '../../src/chat/parse-command.js';
import type { PollDeadline } from '../../src/chat/parse-poll.js';

export interface CorpusLine {
  line: number;
  kind: 'msg' | 'date';
  text: string;
  expected: string;
  /** The bot's message this one replies to, for `card:N` / `poll:N`. */
  replyToBot?: { text: string };
}

/** The instant deadlines in the corpus are read against: Tue 2026-12-01 10:00 in Asia/Shanghai. */
export const CORPUS_NOW = new Date('2026-12-01T02:00:00Z');

export function loadCorpus(): CorpusLine[] {
  const file = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'readings.txt'), 'utf8');
  const out: CorpusLine[] = [];
  file.split('\n').forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('//')) return;
    const [body, context] = raw.split(' @@ ');
    const at = body!.lastIndexOf(' => ');
    if (at === -1) throw new Error(`readings.txt:${i + 1}: no " => "`);
    let text = body!.slice(0, at).replace(/\\n/g, '\n');
    const expected = body!.slice(at + 4).trim();
    const kind = text.startsWith('date: ') ? 'date' : 'msg';
    if (kind === 'date') text = text.slice(6);
    const card = context && /^(card|poll):(\d+)$/.exec(context.trim());
    const replyToBot = card ? { text: card[1] === 'card' ? `【表决 #${card[2]}】停车费调整\n规则：简单多数\n1. 同意\n2. 反对` : `Poll #${card[2]}: Parking fees\n1. yes\n2. no` } : undefined;
    out.push({ line: i + 1, kind, text, expected, ...(replyToBot ? { replyToBot } : {}) });
  });
  return out;
}

/** A command written the way the corpus writes it: `vote:typed 1 同意`, `help`. */
export function writeCommand(cmd: Pick<ParsedCommand, 'name' | 'argv' | 'form'>): string {
  return [cmd.form ? `${cmd.name}:${cmd.form}` : cmd.name, ...cmd.argv].join(' ');
}

export function writeReading(r: ParseResult): string {
  if (r.kind === 'none') return '-';
  if (r.kind === 'unknown-command') return `?${r.word}`;
  return writeCommand(r.command);
}

export function writeDeadline(d: PollDeadline | null): string {
  if (!d) return 'bad';
  return d.kind === 'in' ? `in ${d.minutes}` : d.local;
}
