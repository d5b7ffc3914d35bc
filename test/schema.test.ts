import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { printGatewaySchema } from '../src/schema/index.js';

it('schema.graphql matches the schema printed from code (run `npm run schema:print` after changes)', () => {
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(printGatewaySchema()).toBe(committed);
});
