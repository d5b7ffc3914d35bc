import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds; Node loads the CJS one for yoga and
    // Pothos, so our own files must get the same instance or `instanceof GraphQLError` breaks.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser suite has a config of its own (vitest.browser.config.ts, `npm run test:browser`).
    exclude: ['test/browser/**', 'test/recipe/**', 'test/redis/**', '**/node_modules/**'],
    // Each integration file starts its own simulator and gateway on free loopback ports.
    pool: 'forks',
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
