import { register } from 'node:module';

register('./forbid-pglite.mjs', import.meta.url);
