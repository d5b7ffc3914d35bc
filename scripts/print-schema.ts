import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printGatewaySchema } from '../src/schema/index.js';

// `npm run schema:print` writes schema.graphql; `--check` fails when the committed file drifted.
const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const sdl = printGatewaySchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing file counts as drift */
  }
  if (current !== sdl) {
    process.stderr.write('schema.graphql is out of date with the code: run `npm run schema:print` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('schema.graphql is up to date.\n');
} else {
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}
