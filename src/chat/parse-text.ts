/**
 * Small readings of typed Chinese shared by the parsers: traditional characters to simplified
 * (OpenCC through opencc-js) and Chinese numerals (`一` … `九十九`, `两`). Pure; never throws.
 */
import { Converter } from 'opencc-js/t2cn';

let convert: ((s: string) => string) | null = null;

/** Traditional (Hong Kong, Taiwan and OpenCC standard forms) to simplified Chinese; other text is kept. */
export function toSimplified(text: string): string {
  if (!/[\u3400-\u9fff]/.test(text)) return text;
  try {
    const c = (convert ??= Converter({ from: 'hk', to: 'cn' }));
    return c(text);
  } catch {
    return text;
  }
}

const DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `一` → 1, `十` → 10, `十二` → 12, `二十` → 20, `九十九` → 99; null for anything else. */
export function chineseNumber(s: string): number | null {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (m && s !== '') {
    const [, tens, ten, ones] = m;
    if (!ten) return tens && !ones ? DIGITS[tens]! : null;
    return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
  }
  return s === '〇' || s === '零' ? 0 : null;
}

/** A poll, topic or meeting number as typed: `3`, `#3`, `＃3`, `三`, `第三`, `3号`; null otherwise. */
export function readNumber(token: string | undefined): number | null {
  if (!token) return null;
  const t = token.replace(/^#|^第|号$|个$/g, '');
  if (/^\d{1,9}$/.test(t)) return Number(t);
  return chineseNumber(t);
}
