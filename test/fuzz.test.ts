import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { check, filterArbitrary, operationArbitrary } from './fuzz/operations.js';
import { DEMO_TOKENS, useStack, type Stack, type TokenName } from './helpers/stack.js';

const use = useStack({ size: 120 });
let stack: Stack;
beforeEach(() => {
  stack = use();
});

async function send(query: string, variables: unknown, token: TokenName) {
  const res = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS[token]}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const tokens = fc.constantFrom<TokenName>('staff', 'owner', 'user');

// A small sample on every `npm test`; `npm run fuzz` runs the long campaign (10,000+ cases).
describe('property-based: hostile input never breaks the gateway', () => {
  it('random filters and paging on offeringUsers', async () => {
    const known = [...stack.sim.store.offeringUsers.keys()].slice(0, 5);
    await fc.assert(
      fc.asyncProperty(filterArbitrary(known), tokens, async (vars, who) => {
        const r = await send(
          'query($first: Int, $after: String, $filter: OfferingUserFilter, $orderBy: [OfferingUserOrderBy!]) { offeringUsers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount nodes { uuid state } } }',
          vars,
          who,
        );
        const v = check(r.status, r.body);
        expect(v.reason ?? 'ok').toBe('ok');
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });

  it('random operations generated from the schema', async () => {
    const known = [...stack.sim.store.offeringUsers.keys()]
      .slice(0, 3)
      .concat([...stack.sim.store.serviceProviders.keys()].slice(0, 2), [...stack.sim.store.consents.keys()].slice(0, 2));
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, known), tokens, async (op, who) => {
        const r = await send(op.query, op.variables, who);
        const v = check(r.status, r.body);
        expect(v.reason ?? 'ok', op.query).toBe('ok');
      }),
      { numRuns: 120, seed: 7 },
    );
  });
});
