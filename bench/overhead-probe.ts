import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { UpstreamClient } from '../src/upstream/client.js';
import { answerFrom } from '../src/upstream/undici-transport.js';
import type { SendOptions, Transport, UpstreamRequest } from '../src/upstream/types.js';
import { createMetrics } from '../src/server/metrics.js';

const U = '0c6bd5f9-0001-4000-8000-000000000001';
const row = JSON.stringify({
  uuid: U.replace(/-/g, ''),
  offering_uuid: 'a'.repeat(32),
  user_uuid: 'b'.repeat(32),
  state: 'OK',
  username: 'x',
  created: '2024-01-01T00:00:00Z',
  modified: '2024-01-01T00:00:00Z',
});
const transport: Transport = {
  hostname: 'x',
  wholeRequestMs: 60000,
  resolvePath: (p, q) => `/api/${p}${q?.toString() ? `?${q.toString()}` : ''}`,
  absoluteUrl: (p) => `http://x/api/${p}`,
  send: async (req: UpstreamRequest, _o: SendOptions) => answerFrom(req, 200, { 'content-type': 'application/json' }, row),
  close: async () => {},
};
const logger = createLogger('silent');
const metrics = createMetrics();
const client = new UpstreamClient(
  {
    apiUrl: 'http://x/api/',
    connectTimeoutMs: 1000,
    headersTimeoutMs: 5000,
    bodyTimeoutMs: 5000,
    connections: 64,
    maxConcurrencyPerOperation: 64,
    logger,
    onRequestDone: metrics.onUpstreamRequest,
  },
  transport,
);
const yoga = createGateway({ client, logger, graphiql: false, introspection: true, jit: true, metrics });
const q = `{ offeringUser(uuid: "${U}") { uuid } }`;
const run = async () => {
  const r = await yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Token abcdefabcdef' },
    body: JSON.stringify({ query: q }),
  });
  const t = await r.text();
  if (!t.includes(U.replace(/-/g, ''))) throw new Error(t);
};
for (let i = 0; i < 500; i++) await run();
const c0 = process.cpuUsage();
const t = performance.now();
const n = Number(process.env.N ?? 3000);
for (let i = 0; i < n; i++) await run();
const c = process.cpuUsage(c0);
console.log(`wall ${((performance.now() - t) / n).toFixed(3)} ms/op, CPU ${((c.user + c.system) / 1000 / n).toFixed(3)} ms/op`);
