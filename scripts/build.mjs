// Bundles the service and the operator CLI into dist/ with esbuild (packages stay external), so that
// `npm start` runs plain node: no compiler at run time, and the signals reach the service itself.
// The result chart's renderer is an entry of its own (dist/chart-child.js), run as a child process.
import { build } from 'esbuild';
import { buildOptions } from './build-options.mjs';

await build(buildOptions);
