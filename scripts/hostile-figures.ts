/**
 * The second hostile round's figures, measured in one run (`npx tsx scripts/hostile-figures.ts`):
 * what each attack costs Waldur and other callers now. docs/reliability.md holds the output beside
 * the red team's figures against 710d567.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { listen } from '../src/server/http-server.js';
import { UpstreamClient } from '../src/upstream/client.js';
import { json, startHostileWaldur, type Act } from '../test/helpers/hostile-waldur.js';

const VALID = 'Token valid-token-of-a-real-user';
const ouRow = (i: number) => ({
  uuid: `${String(i).padStart(4, '0')}${'a'.repeat(28)}`,
  state: 'OK',
  username: `u${i}`,
  user_uuid: `${String(i).padStart(4, '0')}${'b'.repeat(28)}`,
  offering_uuid: '0'.repeat(32),
  has_compliance_checklist: false,
});
const ids = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`OfferingUser:${ouRow(i).uuid}`).toString('base64'));
const later =
  (ms: number, act: Act): Act =>
  (req, res) =>
    void setTimeout(() => act(req, res), ms);

async function gateway(script: Parameters<typeof startHostileWaldur>[0]) {
  const waldur = await startHostileWaldur(script);
  const logger = createLogger('silent');
  // The production defaults (config.ts): pool 128, 64 per operation and per caller, 8 anonymous.
  const client = new UpstreamClient({
    apiUrl: waldur.apiRoot,
    connectTimeoutMs: 1_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    connections: 128,
    maxConcurrencyPerOperation: 64,
    maxConcurrencyPerCaller: 64,
    maxConcurrencyAnonymous: 8,
    maxRequestsPerOperation: 200,
    retries: 2,
    logger,
  });
  const server = await listen(createGateway({ client, logger, graphiql: false, introspection: true }), 0, '127.0.0.1');
  const post = (body: string, auth?: string) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body }).then(
      async (r) => ({ status: r.status, upstream: Number(r.headers.get('x-upstream-requests')), text: await r.text() }),
    );
  return { waldur, post, close: async () => (await server.close(100), await client.close(), await waldur.close()) };
}

const p95 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.95) - 1]!;

// H1 + M1: 16 garbage-token callers, 3 requests each of nodes(ids: 100); a valid caller meanwhile.
{
  const g = await gateway((r) =>
    r.headers.authorization === VALID ? later(20, json(200, [], { 'x-result-count': '0' })) : later(20, json(401, { detail: 'Invalid token.' })),
  );
  const light = JSON.stringify({ query: '{ offeringUsers(first: 3) { totalCount } }' });
  const alone: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    await g.post(light, VALID);
    alone.push(performance.now() - t0);
  }
  const before = g.waldur.calls().length;
  const loaded: number[] = [];
  const victim = (async () => {
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await g.post(light, VALID);
      loaded.push(performance.now() - t0);
    }
  })();
  const body = JSON.stringify({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: ids(100) } });
  await Promise.all(Array.from({ length: 16 }, (_, c) => Promise.all(Array.from({ length: 3 }, () => g.post(body, `Token ${String(c).padStart(40, 'f')}`)))));
  await victim;
  const attack = g.waldur.calls().length - before - 40;
  console.log(
    `H1  16 garbage callers x 3 requests of nodes(ids: 100): ${attack} Waldur calls; valid caller p95 ${p95(alone).toFixed(0)} ms alone, ${p95(loaded).toFixed(0)} ms during the attack`,
  );
  const spellings = ['Token abc', 'token abc', 'TOKEN abc', 'Token  abc'];
  const c0 = g.waldur.calls().length;
  await Promise.all(spellings.map((a) => g.post(body, a)));
  console.log(`M1  four spellings of one garbage token, nodes(ids: 100) each: ${g.waldur.calls().length - c0} Waldur calls`);
  await g.close();
}

// M2: one anonymous request with 15 aliases against a throttling Waldur (429, Retry-After 30).
{
  const g = await gateway(() => json(429, { detail: 'Request was throttled.' }, { 'retry-after': '30' }));
  const q = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: offeringUsers(first: ${i + 1}) { totalCount }`).join(' ')} }`;
  const r = await g.post(JSON.stringify({ query: q }));
  const again = await g.post(JSON.stringify({ query: q }));
  console.log(`M2  anonymous, 15 aliases, Waldur answering 429: ${r.upstream} + ${again.upstream} Waldur calls for two requests`);
  await g.close();
}

// M8: event-loop stall of three 7.6 MB bodies at once, and of three bodies at the largest accepted size.
{
  const g = await gateway(() => json(200, [], { 'x-result-count': '0' }));
  const big = JSON.stringify({ query: '{ offeringUsers { totalCount } }', variables: { v: Array.from({ length: 1_000_000 }, () => 1234567) } });
  const atLimit = JSON.stringify({
    query: 'query($v: [String!]) { offeringUsers(first: 1) { totalCount } }',
    variables: { v: Array.from({ length: 9_000 }, () => 'y'.repeat(24)) },
  });
  for (const [name, body] of [
    ['7.6 MB', big],
    [`${(atLimit.length / 1024).toFixed(0)} KB (largest accepted shape)`, atLimit],
  ] as const) {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const rs = await Promise.all([g.post(body, VALID), g.post(body, VALID), g.post(body, VALID)]);
    h.disable();
    console.log(`M8  three ${name} bodies at once: HTTP ${rs.map((r) => r.status).join(',')}; event loop stalled at most ${(h.max / 1e6).toFixed(1)} ms`);
  }
  await g.close();
}
