import { parseArgs } from 'node:util';
import { runResponseProperty } from '../test/contract/responses.property.js';

// The long campaign of the response property: `npm run contract:responses -- --runs 2000 [--seed N]`.
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' } } });
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
const started = Date.now();
const failures = await runResponseProperty(Number(values.runs), seed);
process.stdout.write(
  `${JSON.stringify({ seed, runsPerOperation: Number(values.runs), seconds: Math.round((Date.now() - started) / 1000), failures }, null, 2)}\n`,
);
process.exit(failures.length ? 1 : 0);
