import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildOptions } from '../../scripts/build-options.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The packages an output loads as it starts: static imports, followed through the shared chunks (dynamic ones are left out). */
function loadedAtStart(meta: Metafile, output: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) packages.add(i.path);
      else walk(i.path);
    }
  };
  walk(output);
  return packages;
}

describe('the service bundle', () => {
  it('loads the chart, PDF, pinyin, WeChat, Telegram and embedded-database packages only when they are used', async () => {
    const r = await build({ ...buildOptions, absWorkingDir: root, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
    const main = loadedAtStart(r.metafile, 'dist/main.js');
    expect(main).toContain('postgres');
    // The parsers' parts of chrono-node and opencc-js, not the whole packages.
    expect(main).toContain('chrono-node/zh');
    expect(main).toContain('opencc-js/t2cn');
    for (const heavy of ['echarts', 'echarts/dist/echarts.esm.min.mjs', '@resvg/resvg-js', 'pdfkit', 'wechaty', 'wechaty-puppet-wechat4u', '@electric-sql/pglite', 'grammy', 'pinyin-pro', 'chrono-node', 'opencc-js']) {
      expect(main, heavy).not.toContain(heavy);
    }
    const child = loadedAtStart(r.metafile, 'dist/chart-child.js');
    expect(child).toContain('@resvg/resvg-js');
    expect(child).toContain('echarts/dist/echarts.esm.min.mjs');
  }, 60_000);
});
