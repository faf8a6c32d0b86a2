/**
 * The layers and what each may import (run by .ci/run: `npm run deps`).
 * domain ← app ← chat features and outbox ← adapters, scheduler, web and cli ← the composition root.
 * Chat, features, pages and the scheduler reach the database only through app (`features-through-app`).
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
    {
      name: 'features-through-app',
      severity: 'error',
      comment:
        'Chat, features, pages and the scheduler reach the database through the use cases and repositories of src/app (its types excepted), never src/db. A folder may keep tables of its own (its schema.ts) and query them; those tables may point at the core tables (see tables-point-at-core-tables).',
      from: { path: '^src/(chat|features|web|scheduler)/', pathNot: '/schema\\.ts$' },
      to: { path: '^src/db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tables-point-at-core-tables',
      severity: 'error',
      comment: 'A folder\'s own table definitions (schema.ts) may reference the core tables (src/db/schema.ts) for their foreign keys, and nothing else of src/db.',
      from: { path: '^src/(chat|features|web|scheduler)/[a-z0-9/-]*schema\\.ts$' },
      to: { path: '^src/db/', pathNot: '^src/db/schema\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
