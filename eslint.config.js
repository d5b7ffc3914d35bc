// ESLint for the gateway, its scripts, bench and tests: typescript-eslint's recommended rules plus the
// type-aware ones that catch real bugs here (a lost promise, a thrown non-Error, an assertion that
// hides nothing). The no-unsafe-* family is left out: the gateway handles Waldur's JSON by checking
// shapes at the boundary (upstream/shape.ts), and those rules would only ask for casts.
// Formatting is Prettier's (eslint-config-prettier turns off the rules that would fight it).
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'examples/provider-console/dist/', 'examples/provider-console/src/gql/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.test.json', './examples/provider-console/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // The simulator answers by throwing HttpAnswer (an HTTP answer, not a failure).
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'file', name: 'HttpAnswer', path: 'packages/waldur-simulator/src/http.ts' }] }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Unused names are the compiler's job too (noUnusedLocals); `_` marks a deliberately unused one.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests, benchmarks and scripts read answers along paths their assertions check (`Json` is any-shaped on purpose).
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Compiled twice, by the tests (tsconfig.test.json) and the scripts that import them (tsconfig.json,
    // where unchecked index access is on): an assertion one needs, the other finds unnecessary.
    files: ['test/contract/**', 'test/fuzz/**', 'test/helpers/**'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    // Browser and build scripts in plain JavaScript, served or run as they are.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        globalThis: 'readonly',
        document: 'readonly',
        location: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        Headers: 'readonly',
        Request: 'readonly',
        URL: 'readonly',
        console: 'readonly',
      },
    },
  },
  prettier,
);
