// Bundles the service and the operator CLI into dist/ with esbuild (packages stay external), so that
// `npm start` runs plain node: no compiler at run time, and the signals reach the service itself.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts', admin: 'scripts/admin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
