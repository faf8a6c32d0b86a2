/**
 * The layers and what each may import (run by .ci/run: `npm run deps`).
 * domain ← app ← chat features and outbox ← adapters, scheduler, web and cli ← the composition root.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide which module a concept belongs to. Type-only imports and lazy import() of a feature\'s handlers are not loaded with the module, so they close no cycle.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    { name: 'src-not-test', severity: 'error', comment: 'The product never imports its tests or their helpers.', from: { path: '^src/' }, to: { path: '^test/' } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'Domain rules import nothing of ours outside the domain.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
