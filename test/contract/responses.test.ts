import { expect, it } from 'vitest';
import { runResponseProperty } from './responses.property.js';

it('every answer the OpenAPI schema allows parses, with and without graphql-jit (short sample; npm run contract:responses for more)', async () => {
  expect(await runResponseProperty(25, 20261123)).toEqual([]);
}, 60_000);
