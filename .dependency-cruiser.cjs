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
    {
      name: 'app-below-chat',
      severity: 'error',
      comment: 'Use cases know nothing of chats, platforms, pages, the CLI or the scheduler.',
      from: { path: '^src/app/' },
      // The feature registry is a list of declarations (words, reminder kinds), read like the catalogue.
      to: { path: '^src/(chat|adapters|web|cli|scheduler|features)/', pathNot: '^src/features/registry\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adapters-speak-platforms-only',
      severity: 'error',
      comment: 'An adapter maps a platform to the chat model and back; it reaches the database through the services it is handed.',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(db|app|features|web|cli|scheduler)/', pathNot: '^src/features/registry\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
