/**
 * Free text people write into records (a topic, a decision, a reason, feedback, a meeting title)
 * arrives through the command parser, which makes punctuation half-width for parsing. Next to
 * Chinese characters it is put back to the full-width forms people typed, so what is kept and
 * announced reads as written: `同意,费用自理` → `同意，费用自理`; `19:30` and `v1.2` stay as they are.
 */
const FULL: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '.': '。', ')': '）' };
const HAN = /\p{Script=Han}/u;

export function asWritten(text: string): string {
  const chars = [...text];
  return chars
    .map((c, i) => {
      const before = chars[i - 1] ?? '';
      const after = chars[i + 1] ?? '';
      if (c === '(') return HAN.test(after) ? '（' : c;
      const full = FULL[c];
      if (!full) return c;
      const nextToHan = HAN.test(before) || (',;!?'.includes(c) && HAN.test(after));
      if (!nextToHan) return c;
      if (c === '.' && /[\p{L}\p{N}]/u.test(after)) return c;
      return full;
    })
    .join('');
}
