import { defineConfig } from 'vitest/config';

/** `npm run test:recipe`: the production recipe in a temporary directory (npm ci, build, prune, start). */
export default defineConfig({ test: { include: ['test/recipe/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 60_000 } });
