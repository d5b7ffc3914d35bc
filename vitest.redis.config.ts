import { defineConfig } from 'vitest/config';

/** `npm run test:redis`: several gateway replicas sharing live updates through a real redis-server. */
export default defineConfig({ test: { include: ['test/redis/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } });
