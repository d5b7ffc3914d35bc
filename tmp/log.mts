import { createLogger } from '/work/main/src/config/logger.js';
import { createGateway } from '/work/main/src/server/create-gateway.js';
import { listen } from '/work/main/src/server/http-server.js';
import { UpstreamClient } from '/work/main/src/upstream/client.js';
import { startSimulator } from '/work/main/src/simulator/server.js';
const sim = await startSimulator({ size: 10 });
const lines: string[] = [];
const logger = createLogger('info', (l) => lines.push(l));
const client = new UpstreamClient({ apiUrl: sim.apiRoot, connectTimeoutMs: 1000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, connections: 4, maxConcurrencyPerOperation: 4, logger, maxRequestsPerOperation: 2 });
const gw = await listen(createGateway({ client, logger, graphiql: false, introspection: true }), 0, '127.0.0.1');
for (const auth of ['Token ' + 'f'.repeat(40), 'Token dddddddddddddddddddddddddddddddddddd0004']) {
  const r = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ query: '{ offeringUsers(first: 5) { nodes { uuid completionStatus { isCompleted } consent { uuid } } } }' }) });
  console.log(r.status, (await r.text()).slice(0, 200));
}
console.log(lines.length, lines.map(l => l.slice(0, 300)).join('\n'));
await gw.close(); await client.close(); await sim.close();
