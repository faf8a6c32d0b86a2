/** Every sentence of conventions (公约), in zh-CN and en. Pure data: the manifest reads the help lines. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: {
    convention: '公约 [关键词] — 现行公约，或查找条文，例如：公约 停车',
  },

  convention: {
    none: '本小区还没有经表决生效的公约。委员可发起公约表决：第一行“表决 公约名称”，加一行“公约”，再每行一条条文（第一条 …）。',
    inForce: '【现行公约】',
    heading: (title: string, version: number, pollNo: number | null, adopted: string | null) =>
      `《${title}》第 ${version} 版（${[pollNo ? `表决 #${pollNo} 通过` : '', adopted ? `${adopted} 起施行` : ''].filter(Boolean).join('，')}）`,
    more: (n: number) => `……另有 ${n} 条，发送“公约 关键词”查找。`,
    searchHint: '查找条文：公约 关键词，例如：公约 停车',
    matches: (words: string) => `与“${words}”有关的条文：`,
    match: (title: string, article: string) => `《${title}》${article}`,
    noMatch: (words: string, titles: string[]) => `现行公约里没有找到与“${words}”有关的条文。现行公约：${titles.map((x) => `《${x}》`).join('、')}。`,
    needArticles: '公约表决需要条文：请在表决内容里每行写一条（第一条 …），或请社区工作人员先导入公约文本。',
    adopted: (title: string, version: number, superseded: number | null) =>
      `《${title}》第 ${version} 版自即日起施行${superseded ? `，第 ${superseded} 版同时废止` : ''}。发送“公约”查看。`,
  },
};

export type ConventionsText = typeof zh;

const en: ConventionsText = {
  help: {
    convention: '/convention [WORDS] — conventions in force, or the matching articles',
  },

  convention: {
    none: 'No convention has been adopted by a vote yet. The committee opens one with "/poll NAME", a line "convention", then one article a line ("1. …").',
    inForce: 'Conventions in force:',
    heading: (title, version, pollNo, adopted) =>
      `"${title}", version ${version} (${[pollNo ? `adopted by poll #${pollNo}` : '', adopted ? `in force since ${adopted}` : ''].filter(Boolean).join(', ')})`,
    more: (n) => `… ${n} more; send /convention WORDS to find them.`,
    searchHint: 'To find articles: /convention WORDS, e.g. /convention parking',
    matches: (words) => `Articles about "${words}":`,
    match: (title, article) => `"${title}" ${article}`,
    noMatch: (words, titles) => `No article in force mentions "${words}". In force: ${titles.map((x) => `"${x}"`).join(', ')}.`,
    needArticles: 'A convention poll needs its articles: write one a line ("1. …") in the poll, or ask the community office to import the text first.',
    adopted: (title, version, superseded) => `"${title}", version ${version}, is in force from today${superseded ? `; version ${superseded} no longer applies` : ''}. Send /convention to read it.`,
  },
};

export const CONVENTIONS_TEXT: Record<Locale, ConventionsText> = { 'zh-CN': zh, en };

export function conventionsText(locale: Locale): ConventionsText {
  return CONVENTIONS_TEXT[locale];
}
