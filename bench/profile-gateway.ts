// In-process gateway cost for scenario 1 against a simulator already running on :8120
// (`SIMULATOR_PORT=8120 SIMULATOR_SIZE=2000 npm run simulator`), with and without graphql-jit:
//   NODE_ENV=production npx tsx bench/profile-gateway.ts; JIT=1 NODE_ENV=production npx tsx bench/profile-gateway.ts
import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { UpstreamClient } from '../src/upstream/client.js';

const logger = createLogger('silent');
const client = new UpstreamClient({
  apiUrl: 'http://127.0.0.1:8120/api/',
  connectTimeoutMs: 1000,
  headersTimeoutMs: 5000,
  bodyTimeoutMs: 5000,
  connections: 8,
  maxConcurrencyPerOperation: 8,
  logger,
});
const yoga = createGateway({ client, logger, graphiql: false, introspection: true, jit: process.env.JIT === '1' });
const q = `{ offeringUsers(first: 50) { totalCount nodes { uuid state username user { username fullName email } offering { uuid name } customer { name } } } }`;
const run = async () => {
  const r = await yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.staff}` },
    body: JSON.stringify({ query: q }),
  });
  await r.text();
};
for (let i = 0; i < 100; i++) await run();
const c0 = process.cpuUsage();
const t = performance.now();
for (let i = 0; i < 500; i++) await run();
const c = process.cpuUsage(c0);
console.log(`wall ${((performance.now() - t) / 500).toFixed(2)} ms/op, gateway CPU ${((c.user + c.system) / 1000 / 500).toFixed(2)} ms/op`);

const check = await yoga.fetch('http://x/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.staff}` },
  body: JSON.stringify({ query: q }),
});
void check;
await client.close();
