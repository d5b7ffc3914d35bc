import { ConfigError, createLogger, loadConfig, type Config } from './config/index.js';
import { createGateway } from './server/create-gateway.js';
import { listen } from './server/http-server.js';
import { createMetrics } from './server/metrics.js';
import { UpstreamClient } from './upstream/client.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
let apiUrl = config.upstream.apiUrl;
let stopSimulator: (() => Promise<void>) | undefined;
let demoAuthorization: string | undefined;
let exampleOfferingUserUuid: string | undefined;

if (!apiUrl) {
  // No Waldur configured: serve the embedded simulator so GraphiQL works at once.
  const { startSimulator } = await import('./simulator/server.js');
  const { DEMO_TOKENS } = await import('./simulator/seed.js');
  const sim = await startSimulator({ port: config.simulator.port, size: config.simulator.size, latencyMs: config.simulator.latencyMs });
  apiUrl = sim.apiRoot;
  stopSimulator = sim.close;
  demoAuthorization = `Token ${DEMO_TOKENS.owner}`;
  // An account of the demo owner's provider that `begin_creating` accepts, for the example tabs.
  const nhpc = [...sim.store.customers.values()].find((c) => c.abbreviation === 'NHPC');
  exampleOfferingUserUuid = [...sim.store.offeringUsers.values()].find((ou) => ou.state === 1 && sim.store.offerings.get(ou.offering_uuid)?.customer_uuid === nhpc?.uuid)?.uuid;
  logger.info('WALDUR_API_URL is not set: serving the embedded Waldur simulator', { simulator: sim.apiRoot, offeringUsers: config.simulator.size });
  logger.info('demo tokens (send as "Authorization: Token <key>")', { demo: DEMO_TOKENS_TEXT(DEMO_TOKENS) });
}

function DEMO_TOKENS_TEXT(tokens: Record<string, string>): string {
  return Object.entries(tokens).map(([who, key]) => `${who}=${key}`).join(' ');
}

const metrics = config.server.metrics ? createMetrics() : undefined;
const client = new UpstreamClient({ ...config.upstream, apiUrl, logger, onRequestDone: metrics?.onUpstreamRequest });
const gateway = createGateway({
  client,
  logger,
  graphiql: config.server.graphiql,
  introspection: config.server.introspection,
  forwardHeaders: config.upstream.forwardHeaders,
  demoAuthorization,
  exampleOfferingUserUuid,
  metrics,
  jit: config.server.jit,
  limits: config.limits,
  maxRequestBodyBytes: config.server.maxRequestBodyBytes,
  batchingLimit: config.server.batchingLimit,
});
const server = await listen(gateway, config.server.port, config.server.host);
logger.info(`GraphQL gateway ready at ${server.url}/graphql`, { upstream: new URL(apiUrl).origin, graphiql: config.server.graphiql });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down: draining requests', { signal });
  await server.close();
  await client.close();
  await stopSimulator?.();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
