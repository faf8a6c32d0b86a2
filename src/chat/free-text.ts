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
  const out = chars.map((c, i) => {
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    const full = FULL[c];
    if (!full || c === ')') return c;
    // After a Chinese character a full stop ends a sentence: `来.建议` → `来。建议`.
    const nextToHan = HAN.test(before) || (',;!?'.includes(c) && HAN.test(after));
    return nextToHan ? full : c;
  });
  // Brackets go full-width in pairs, when either bracket touches a Chinese character.
  const open: number[] = [];
  chars.forEach((c, i) => {
    if (c === '(') open.push(i);
    else if (c === ')' && open.length) {
      const o = open.pop()!;
      const touches = [chars[o - 1], chars[o + 1], chars[i - 1], chars[i + 1]].some((x) => x !== undefined && HAN.test(x));
      if (touches) {
        out[o] = '（';
        out[i] = '）';
      }
    }
  });
  return out.join('');
}
