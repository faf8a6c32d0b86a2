import type { Locale } from '../model.js';
import { en } from './en.js';
import { zhCN, type Catalogue } from './zh-cn.js';

export type { Catalogue };

/** The one message catalogue, in zh-CN (first) and en. */
export const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

export function catalogue(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}

/** The locale for a person: English when their platform says so, otherwise Chinese. */
export function localeFor(languageCode: string | null | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!languageCode) return fallback;
  if (languageCode === 'zh-CN' || languageCode === 'en') return languageCode;
  return /^en\b/i.test(languageCode) ? 'en' : /^zh\b/i.test(languageCode) ? 'zh-CN' : fallback;
}

/** Formats hundredths of m² as '1,234.56'. */
export function formatArea(centi: number): string {
  const whole = Math.floor(centi / 100).toLocaleString('en-US');
  return `${whole}.${String(centi % 100).padStart(2, '0')}`;
}
