// How the service and the operator CLI are bundled into dist/ (scripts/build.mjs; a test reads the
// bundle's import graph with the same options).
/** @type {import('esbuild').BuildOptions} */
export const buildOptions = {
  entryPoints: { main: 'src/main.ts', admin: 'scripts/admin.ts', 'chart-child': 'src/print/chart-child.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
