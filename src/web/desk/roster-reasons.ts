import type { Locale } from '../../chat/model.js';

/** The roster's row errors (the CLI's English reasons, `; `-separated) in Chinese words, part by part; a part not known here stays as it is. */
const ZH: [RegExp, (...m: string[]) => string][] = [
  [/^unit is missing$/, () => '缺少房号（unit）'],
  [/^unit is longer than 40 characters$/, () => '房号（unit）超过 40 个字符'],
  [/^unit (.+) is a duplicate of row (\d+)$/, (u, r) => `房号 ${u} 与第 ${r} 行重复`],
  [/^area_m2 "(.*)" is not a number with at most two decimals$/, (a) => `面积（area_m2）“${a}”不是最多两位小数的数字`],
  [/^area_m2 must be more than 0$/, () => '面积（area_m2）必须大于 0'],
  [/^area_m2 must be at most 100000 \(m² of one unit\)$/, () => '面积（area_m2）最多 100000（一户的平方米数）'],
  [/^owner_name is missing$/, () => '缺少业主姓名（owner_name）'],
  [/^the file has no rows$/, () => '文件里没有数据行'],
  [/^the header must be (.+)$/, (h) => `表头必须是 ${h}`],
  [/^has (\d+) columns, the header has (\d+)$/, (n, h) => `有 ${n} 列，表头只有 ${h} 列`],
  [/^not valid CSV: (.*)$/s, (why) => `不是有效的 CSV 文件：${why}`],
];

/** A row error of the roster import as the desk shows it: the CLI's words in English, Chinese words in Chinese. */
export function rosterReason(reason: string, locale: Locale): string {
  if (locale === 'en') return reason;
  return reason
    .split('; ')
    .map((part) => {
      for (const [re, say] of ZH) {
        const m = re.exec(part);
        if (m) return say(...m.slice(1));
      }
      return part;
    })
    .join('；');
}
