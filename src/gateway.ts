import type { Config } from './config/index.js';
import { createLogger } from './config/index.js';
import { setupTracing } from './config/tracing.js';
import { createGateway, type GatewayOptions } from './server/create-gateway.js';
import { listen } from './server/http-server.js';
import { createMetrics } from './server/metrics.js';
import { startMetricsServer } from './server/metrics-server.js';
import { UpstreamClient } from './upstream/client.js';
import { schema } from './schema/index.js';
import { arbitraryPolicy } from './server/trusted/arbitrary.js';
import { MemoryBus, type LiveBus } from './live/bus.js';
import { LiveFeed } from './live/feed.js';
import { RedisBus } from './live/redis-bus.js';
import { loadTrustedDocuments, ManifestError, type TrustedDocuments } from './server/trusted/manifest.js';

export interface StartOptions {
  /** The Waldur API root to front (WALDUR_API_URL, or a simulator's root under `npm start`). */
  apiUrl: string;
  /** Who GraphiQL acts as and what its tabs open with, when fronting a simulator with demo data. */
  demo?: GatewayOptions['demo'];
  /** Runs last on shutdown and before a failed start exits (`npm start` stops its simulator here). */
  stop?: () => Promise<void>;
}

/**
 * Starts the gateway process: manifests, upstream client, live feed, HTTP and metrics servers, and
 * the signal handlers that drain it. Exits the process on a start-up failure it can explain.
 */
export async function startGateway(config: Config, opts: StartOptions): Promise<void> {
  const logger = createLogger(config.logLevel);
  const tracing = await setupTracing();
  /** Manifests are read and every document prepared before the port opens: a bad one stops the start. */
  function readManifests(): TrustedDocuments {
    return loadTrustedDocuments(config.trustedDocuments.paths, schema, config.limits, { compile: config.server.jit });
  }
  let trustedDocuments: TrustedDocuments | undefined;
  if (config.trustedDocuments.mode !== 'off') {
    try {
      trustedDocuments = readManifests();
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      process.stderr.write(`Cannot start the gateway: TRUSTED_DOCUMENTS: ${err.message}\n`);
      await opts.stop?.();
      process.exit(2);
    }
    logger.info('trusted documents loaded', {
      mode: config.trustedDocuments.mode,
      documents: trustedDocuments.byId.size,
      manifests: config.trustedDocuments.paths,
    });
  }

  const metrics = config.server.metrics ? createMetrics(config.metrics.maxOperationNames) : undefined;
  const client = new UpstreamClient({ ...config.upstream, apiUrl: opts.apiUrl, logger, onRequestDone: metrics?.onUpstreamRequest, tracer: tracing.tracer });
  const lifecycle: { draining: boolean; endStreams?: () => void } = { draining: false };
  const retention = { retentionMs: config.live.retentionMs, retentionEvents: config.live.retentionEvents };
  let bus: LiveBus = new MemoryBus(retention);
  if (config.live.redisUrl) {
    const redis = new RedisBus(config.live.redisUrl, retention);
    await redis.ready().catch((err: Error) => {
      process.stderr.write(`Cannot start the gateway: Redis at REDIS_URL does not answer (${err.message}); check the URL, password and TLS (rediss://).\n`);
      process.exit(2);
    });
    bus = redis;
  }
  const feed = new LiveFeed({
    client,
    bus,
    pollIntervalMs: config.live.pollIntervalMs,
    reconcileMs: config.live.reconcileMs,
    maxPerCaller: config.live.maxPerCaller,
    maxSubscriptions: config.live.maxSubscriptions,
    subscriberBuffer: config.live.subscriberBuffer,
    secret: config.live.secret,
    metrics: metrics?.live,
    tracer: tracing.tracer,
    onLease: (cohort, held) => logger.info(held ? 'live: polling cohort' : 'live: another replica polls cohort', { cohort: cohort.slice(0, 12) }),
  });
  const gateway = createGateway({
    client,
    logger,
    graphiql: config.server.graphiql,
    introspection: config.server.introspection,
    forwardHeaders: config.upstream.forwardHeaders,
    demo: opts.demo,
    metrics,
    jit: config.server.jit,
    limits: config.limits,
    maxRequestBodyBytes: config.server.maxRequestBodyBytes,
    maxUploadBytes: config.server.maxUploadBytes,
    upstreamTrace: config.server.upstreamTrace ? {} : false,
    trustedDocuments:
      config.trustedDocuments.mode === 'off'
        ? undefined
        : {
            mode: config.trustedDocuments.mode,
            documents: () => trustedDocuments!,
            mayUseText: arbitraryPolicy({ staff: config.trustedDocuments.staff, secret: config.trustedDocuments.secret }, client),
          },
    batchingLimit: config.server.batchingLimit,
    corsOrigins: config.server.corsOrigins,
    lifecycle,
    tracer: tracing.tracer,
    live: { feed, heartbeatMs: config.live.heartbeatMs },
  });
  const server = await listen(gateway, config.server.port, config.server.host, config.timeouts).catch(async (err: NodeJS.ErrnoException) => {
    // A newcomer's most likely start-up failure: one line that says what to change, no stack trace.
    const hint: Record<string, string> = {
      EADDRINUSE: `port ${config.server.port} on ${config.server.host} is already in use; stop the other process or set PORT to a free port (PORT=4001 npm start)`,
      EACCES: `port ${config.server.port} needs privileges; set PORT to a port above 1023`,
      EADDRNOTAVAIL: `HOST=${config.server.host} is not an address of this machine; set HOST (for example HOST=127.0.0.1)`,
    };
    const line = err.code ? hint[err.code] : undefined;
    if (!line) throw err;
    process.stderr.write(`Cannot start the gateway: ${line}.\n`);
    await opts.stop?.();
    process.exit(1);
  });
  logger.info(`GraphQL gateway ready at ${server.url}/graphql`, { upstream: new URL(opts.apiUrl).origin, graphiql: config.server.graphiql });
  const metricsServer = metrics ? await startMetricsServer(metrics, config.metrics.port, config.metrics.host) : undefined;
  if (metricsServer && 'error' in metricsServer)
    logger.warn(`metrics not served: port ${config.metrics.port} on ${config.metrics.host} is unavailable (${metricsServer.error.code}); set METRICS_PORT`);
  else if (metricsServer) logger.info(`Prometheus metrics at ${metricsServer.url}`);

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    // First /ready turns 503 so load balancers stop sending; requests are still served meanwhile.
    lifecycle.draining = true;
    logger.info('shutting down: not ready, still serving', { signal, delayMs: config.server.shutdownDelayMs });
    await new Promise((r) => setTimeout(r, config.server.shutdownDelayMs));
    logger.info('shutting down: draining requests', { graceMs: config.server.shutdownGraceMs, subscriptions: feed.subscriptions });
    // Open streams end with a retry hint: their clients reconnect, with Last-Event-ID, to another replica.
    lifecycle.endStreams?.();
    await server.close(config.server.shutdownGraceMs);
    await feed.close();
    await gateway.dispose();
    if (metricsServer && 'server' in metricsServer) metricsServer.server.close();
    await client.close();
    await tracing.shutdown();
    await opts.stop?.();
    logger.info('stopped');
    process.exit(0);
  }
  // SIGHUP reads the manifests again: the new set replaces the old at once, requests in flight keep
  // the documents they started with, and a bad manifest leaves the old set serving.
  process.on('SIGHUP', () => {
    if (!trustedDocuments) return;
    try {
      trustedDocuments = readManifests();
      logger.info('trusted documents reloaded', { documents: trustedDocuments.byId.size });
    } catch (err) {
      logger.error('trusted documents not reloaded: the previous set keeps serving', { err: { message: (err as Error).message } });
    }
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
