import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/schema-fees.ts', './src/db/schema-desk.ts', './src/web/schema.ts', './src/features/*/schema.ts'],
  out: './migrations',
  casing: 'snake_case',
});
