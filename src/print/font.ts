import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Noto Sans SC (SIL Open Font License), shipped in the `@expo-google-fonts/noto-sans-sc` package: a full CJK font file. */
export function cjkFontPath(weight: 'regular' | 'bold' = 'regular'): string {
  return weight === 'bold'
    ? require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')
    : require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

/** The font family name inside that file, for SVG text. */
export const CJK_FONT_FAMILY = 'Noto Sans SC';
