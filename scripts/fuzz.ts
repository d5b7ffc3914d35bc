import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { schema } from '../src/schema/index.js';
import { check, filterArbitrary, operationArbitrary } from '../test/fuzz/operations.js';
import { DEMO_TOKENS, startStack } from '../test/helpers/stack.js';

// The long fuzzing campaign: `npm run fuzz -- --runs 10000 [--seed N]`.
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
const stack = await startStack({ size: 300 });
const known = [...stack.sim.store.offeringUsers.keys()]
  .slice(0, 5)
  .concat([...stack.sim.store.serviceProviders.keys()].slice(0, 2), [...stack.sim.store.consents.keys()].slice(0, 2));
const codes = new Map<string, number>();
let requests = 0;

async function send(query: string, variables: unknown, who: keyof typeof DEMO_TOKENS) {
  requests++;
  const res = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS[who]}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => null)) as { errors?: Array<{ extensions?: { code?: string } }> } | null;
  for (const e of body?.errors ?? []) codes.set(e.extensions?.code ?? 'NONE', (codes.get(e.extensions?.code ?? 'NONE') ?? 0) + 1);
  return check(res.status, body);
}

const tokens = fc.constantFrom<'staff' | 'owner' | 'user'>('staff', 'owner', 'user');
const started = Date.now();
let failure: string | undefined;
try {
  await fc.assert(
    fc.asyncProperty(operationArbitrary(schema, known), tokens, async (op, who) => {
      const v = await send(op.query, op.variables, who);
      if (!v.ok) throw new Error(`${v.reason}: ${op.query} ${JSON.stringify(op.variables)}`);
    }),
    { numRuns: Math.ceil(runs * 0.7), seed },
  );
  await fc.assert(
    fc.asyncProperty(filterArbitrary(known), tokens, async (vars, who) => {
      const v = await send(
        'query($first: Int, $after: String, $filter: OfferingUserFilter, $orderBy: [OfferingUserOrderBy!]) { offeringUsers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount nodes { uuid state } } }',
        vars,
        who,
      );
      if (!v.ok) throw new Error(`${v.reason}: ${JSON.stringify(vars)}`);
    }),
    { numRuns: Math.floor(runs * 0.3), seed: seed + 1 },
  );
} catch (err) {
  failure = (err as Error).message;
} finally {
  await stack.close();
}
const summary = {
  seed,
  cases: requests,
  seconds: Math.round((Date.now() - started) / 1000),
  errorCodes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])),
  failure: failure ?? null,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exit(failure ? 1 : 0);
