// Bundles the console into dist/ (app.js, index.html, console.css): static files any server can host.
// Its dependencies resolve from this folder's node_modules, or the gateway repository's when run there.
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
mkdirSync(`${here}dist`, { recursive: true });
cpSync(`${here}public`, `${here}dist`, { recursive: true });
await build({
  entryPoints: [`${here}src/main.ts`],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outfile: `${here}dist/app.js`,
  logLevel: 'warning',
});
