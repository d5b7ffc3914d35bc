import type { OperationLimits } from './limits.js';
import { z } from 'zod';
import { DEFAULTS } from './defaults.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    message: 'expected one of true, false, 1, 0, yes, no, on, off',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A comma-separated list: entries trimmed, empty ones dropped; unset is an empty list. */
const list = (normalise: (entry: string) => string = (e) => e) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((e) => normalise(e.trim()))
        .filter(Boolean),
    );

const upstreamUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
  // Waldur routes all end in a slash and live under the API root, so normalise once here.
  .transform((v) => (v.endsWith('/') ? v : `${v}/`));

const NEVER_FORWARDED = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'host',
  'content-length',
  'content-type',
  'connection',
  'transfer-encoding',
]);

const SECRETS = new Set(['TRUSTED_DOCUMENTS_SECRET', 'LIVE_SECRET', 'REDIS_URL']);

const envSchema = z.object({
  PORT: int(0, 65535).default(DEFAULTS.port),
  HOST: z.string().min(1).default(DEFAULTS.host),
  WALDUR_API_URL: upstreamUrl.optional(),
  UPSTREAM_CONNECT_TIMEOUT_MS: int(1, 600_000).default(DEFAULTS.upstream.connectTimeoutMs),
  UPSTREAM_HEADERS_TIMEOUT_MS: int(1, 600_000).default(DEFAULTS.upstream.headersTimeoutMs),
  UPSTREAM_BODY_TIMEOUT_MS: int(1, 600_000).default(DEFAULTS.upstream.bodyTimeoutMs),
  UPSTREAM_POOL_CONNECTIONS: int(1, 1024).default(DEFAULTS.upstream.connections),
  UPSTREAM_MAX_CONCURRENCY_PER_OPERATION: int(1, 256).default(DEFAULTS.upstream.maxConcurrencyPerOperation),
  UPSTREAM_MAX_CONCURRENCY_PER_CALLER: int(1, 1024).optional(),
  UPSTREAM_MAX_CONCURRENCY_ANONYMOUS: int(1, 1024).optional(),
  UPSTREAM_MAX_OPERATION_BYTES: int(64 * 1024, 4 * 1024 * 1024 * 1024).default(DEFAULTS.upstream.maxOperationBytes),
  UPSTREAM_FORWARD_HEADERS: list((h) => h.toLowerCase())
    // Ambient credentials (a browser's cookies) would let Waldur act for whoever the browser is
    // signed in as; the gateway forwards only the caller's explicit Authorization header.
    .refine((names) => !names.some((n) => NEVER_FORWARDED.has(n)), {
      message: `may not name ${[...NEVER_FORWARDED].join(', ')} (cookies and connection headers are never forwarded; Authorization always is)`,
    }),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  GRAPHIQL: bool.default(true),
  UPSTREAM_TRACE: bool.default(true),
  INTROSPECTION: bool.default(true),
  METRICS: bool.default(true),
  // Prometheus' conventional port, on loopback: the public port never answers /metrics.
  METRICS_PORT: int(0, 65535).default(DEFAULTS.metricsPort),
  METRICS_HOST: z.string().min(1).default(DEFAULTS.host),
  METRICS_MAX_OPERATION_NAMES: int(0, 10_000).default(DEFAULTS.metricsMaxOperationNames),
  GRAPHQL_JIT: bool.default(true),
  LIMIT_DEPTH: int(1, 100).default(DEFAULTS.limits.maxDepth),
  LIMIT_ALIASES: int(0, 1000).default(DEFAULTS.limits.maxAliases),
  LIMIT_DIRECTIVES: int(0, 1000).default(DEFAULTS.limits.maxDirectives),
  LIMIT_TOKENS: int(10, 100_000).default(DEFAULTS.limits.maxTokens),
  LIMIT_COST: int(1, 10_000_000).default(DEFAULTS.limits.maxCost),
  LIMIT_UPSTREAM_REQUESTS: int(1, 10_000).default(DEFAULTS.upstream.maxRequestsPerOperation),
  MAX_REQUEST_BODY_BYTES: int(1024, 100 * 1024 * 1024).default(DEFAULTS.maxRequestBodyBytes),
  MAX_UPLOAD_BYTES: int(1024, 1024 * 1024 * 1024).default(DEFAULTS.maxUploadBytes),
  BATCHING_LIMIT: int(0, 100).default(0),
  CORS_ORIGINS: list()
    // Origins are matched exactly; a pattern would silently never match, and "null" is what
    // sandboxed and file pages send.
    .refine((l) => l.every((o) => /^https?:\/\/[^/*\s]+$/.test(o)), {
      message: 'each entry must be an exact origin such as https://app.example.com (no wildcard, path or "null")',
    }),
  TRUSTED_DOCUMENTS: list(),
  TRUSTED_DOCUMENTS_MODE: z.enum(['off', 'audit', 'enforce']).optional(),
  TRUSTED_DOCUMENTS_ARBITRARY: list().refine((l) => l.every((x) => x === 'staff' || x === 'none'), { message: 'a comma-separated list of: staff (or none)' }),
  // Long enough that it cannot be guessed; sent as x-trusted-documents-secret.
  TRUSTED_DOCUMENTS_SECRET: z.string().min(24, 'must be at least 24 characters').optional(),
  SHUTDOWN_DELAY_MS: int(0, 600_000).default(5_000),
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  SERVER_REQUEST_TIMEOUT_MS: int(1_000, 600_000).default(DEFAULTS.server.requestTimeoutMs),
  SERVER_KEEP_ALIVE_TIMEOUT_MS: int(1_000, 600_000).default(DEFAULTS.server.keepAliveTimeoutMs),
  SERVER_HEADERS_TIMEOUT_MS: int(1_000, 600_000).default(DEFAULTS.server.headersTimeoutMs),
  UPSTREAM_RETRIES: int(0, 10).default(DEFAULTS.upstream.retries),
  CIRCUIT_FAILURE_THRESHOLD: int(1, 1000).default(DEFAULTS.upstream.circuitFailureThreshold),
  CIRCUIT_RESET_MS: int(100, 600_000).default(DEFAULTS.upstream.circuitResetMs),
  UPSTREAM_MAX_RESPONSE_BYTES: int(64 * 1024, 1024 * 1024 * 1024).default(DEFAULTS.upstream.maxResponseBytes),
  UPSTREAM_MAX_URL_BYTES: int(512, 65_536).default(DEFAULTS.upstream.maxUrlBytes),
  UPSTREAM_OPERATION_DEADLINE_MS: int(100, 600_000).default(DEFAULTS.upstream.operationDeadlineMs),
  LIVE_POLL_INTERVAL_MS: int(100, 3_600_000).default(5_000),
  LIVE_RECONCILE_MS: int(1_000, 86_400_000).default(60_000),
  LIVE_RETENTION_MS: int(1_000, 86_400_000).default(600_000),
  LIVE_RETENTION_EVENTS: int(10, 1_000_000).default(10_000),
  LIVE_HEARTBEAT_MS: int(100, 600_000).default(15_000),
  LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: int(0, 100_000).default(20),
  LIVE_MAX_SUBSCRIPTIONS: int(0, 10_000_000).default(10_000),
  LIVE_SUBSCRIBER_BUFFER: int(1, 100_000).default(256),
  // Several replicas share cohorts through Redis; the secret makes cohort keys HMACs of the credentials.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  LIVE_SECRET: z.string().min(24, 'must be at least 24 characters').optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  server: {
    port: number;
    host: string;
    graphiql: boolean;
    upstreamTrace: boolean;
    introspection: boolean;
    metrics: boolean;
    jit: boolean;
    maxRequestBodyBytes: number;
    maxUploadBytes: number;
    batchingLimit: number;
    corsOrigins: string[];
    shutdownDelayMs: number;
    shutdownGraceMs: number;
  };
  metrics: { port: number; host: string; maxOperationNames: number };
  timeouts: { requestTimeoutMs: number; keepAliveTimeoutMs: number; headersTimeoutMs: number };
  limits: OperationLimits;
  upstream: {
    /** API root such as https://waldur.example.com/api/; unset: the gateway refuses to start (`npm start` fronts the simulator package instead). */
    apiUrl: string | undefined;
    connectTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    connections: number;
    maxConcurrencyPerOperation: number;
    maxConcurrencyPerCaller: number;
    maxConcurrencyAnonymous: number;
    maxOperationBytes: number;
    maxRequestsPerOperation: number;
    retries: number;
    circuitFailureThreshold: number;
    circuitResetMs: number;
    maxResponseBytes: number;
    maxUrlBytes: number;
    operationDeadlineMs: number;
    forwardHeaders: string[];
  };
  /** Persisted documents: manifests, mode, and who may still send text under `enforce`. */
  trustedDocuments: { paths: string[]; mode: 'off' | 'audit' | 'enforce'; staff: boolean; secret: string | undefined };
  /** Live updates (subscriptions): polling, retention, limits, and Redis when several replicas share them. */
  live: {
    pollIntervalMs: number;
    reconcileMs: number;
    retentionMs: number;
    retentionEvents: number;
    heartbeatMs: number;
    maxPerCaller: number;
    maxSubscriptions: number;
    subscriberBuffer: number;
    redisUrl: string | undefined;
    /** Keys cohorts by HMAC of the credentials; replicas sharing Redis must share it. */
    secret: string | undefined;
  };
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every problem is reported together, each naming its variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so that `PORT= npm start` behaves like no PORT at all.
  const cleaned = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const byVariable = new Map<string, string[]>();
    for (const i of parsed.error.issues) {
      const name = String(i.path[0] ?? '(root)');
      byVariable.set(name, [...(byVariable.get(name) ?? []), i.message]);
    }
    // A secret's value is never echoed, even a wrong one: error output ends up in logs.
    const shown = (name: string) => (SECRETS.has(name) ? `a value of ${String(cleaned[name]).length} characters` : JSON.stringify(cleaned[name]));
    throw new ConfigError([...byVariable].map(([name, msgs]) => `${name}: ${msgs.join('; ')} (got ${shown(name)})`));
  }
  const e = parsed.data;
  // Manifests given and no mode: audit first (every document runs, unregistered ones are counted),
  // the path operators take before they enforce.
  const mode = e.TRUSTED_DOCUMENTS_MODE ?? (e.TRUSTED_DOCUMENTS.length ? 'audit' : 'off');
  if (e.REDIS_URL && !e.LIVE_SECRET)
    throw new ConfigError(['LIVE_SECRET: REDIS_URL needs it, the same on every replica (cohort keys in Redis are HMACs of credentials with it) (got nothing)']);
  if (mode !== 'off' && !e.TRUSTED_DOCUMENTS.length)
    throw new ConfigError([`TRUSTED_DOCUMENTS_MODE: ${mode} needs TRUSTED_DOCUMENTS (the manifest files) (got ${JSON.stringify(mode)})`]);
  return {
    trustedDocuments: { paths: e.TRUSTED_DOCUMENTS, mode, staff: e.TRUSTED_DOCUMENTS_ARBITRARY.includes('staff'), secret: e.TRUSTED_DOCUMENTS_SECRET },
    server: {
      port: e.PORT,
      host: e.HOST,
      graphiql: e.GRAPHIQL,
      upstreamTrace: e.UPSTREAM_TRACE,
      introspection: e.INTROSPECTION,
      metrics: e.METRICS,
      jit: e.GRAPHQL_JIT,
      maxRequestBodyBytes: e.MAX_REQUEST_BODY_BYTES,
      maxUploadBytes: e.MAX_UPLOAD_BYTES,
      batchingLimit: e.BATCHING_LIMIT,
      corsOrigins: e.CORS_ORIGINS,
      shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
    timeouts: {
      requestTimeoutMs: e.SERVER_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.SERVER_KEEP_ALIVE_TIMEOUT_MS,
      headersTimeoutMs: e.SERVER_HEADERS_TIMEOUT_MS,
    },
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST, maxOperationNames: e.METRICS_MAX_OPERATION_NAMES },
    limits: { maxDepth: e.LIMIT_DEPTH, maxAliases: e.LIMIT_ALIASES, maxDirectives: e.LIMIT_DIRECTIVES, maxTokens: e.LIMIT_TOKENS, maxCost: e.LIMIT_COST },
    upstream: {
      apiUrl: e.WALDUR_API_URL,
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: e.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.UPSTREAM_BODY_TIMEOUT_MS,
      connections: e.UPSTREAM_POOL_CONNECTIONS,
      maxConcurrencyPerOperation: e.UPSTREAM_MAX_CONCURRENCY_PER_OPERATION,
      maxConcurrencyPerCaller: e.UPSTREAM_MAX_CONCURRENCY_PER_CALLER ?? Math.max(1, Math.floor(e.UPSTREAM_POOL_CONNECTIONS / 2)),
      maxConcurrencyAnonymous: e.UPSTREAM_MAX_CONCURRENCY_ANONYMOUS ?? Math.max(1, Math.floor(e.UPSTREAM_POOL_CONNECTIONS / 16)),
      maxOperationBytes: e.UPSTREAM_MAX_OPERATION_BYTES,
      maxRequestsPerOperation: e.LIMIT_UPSTREAM_REQUESTS,
      retries: e.UPSTREAM_RETRIES,
      circuitFailureThreshold: e.CIRCUIT_FAILURE_THRESHOLD,
      circuitResetMs: e.CIRCUIT_RESET_MS,
      maxResponseBytes: e.UPSTREAM_MAX_RESPONSE_BYTES,
      maxUrlBytes: e.UPSTREAM_MAX_URL_BYTES,
      operationDeadlineMs: e.UPSTREAM_OPERATION_DEADLINE_MS,
      forwardHeaders: e.UPSTREAM_FORWARD_HEADERS,
    },
    live: {
      pollIntervalMs: e.LIVE_POLL_INTERVAL_MS,
      reconcileMs: e.LIVE_RECONCILE_MS,
      retentionMs: e.LIVE_RETENTION_MS,
      retentionEvents: e.LIVE_RETENTION_EVENTS,
      heartbeatMs: e.LIVE_HEARTBEAT_MS,
      maxPerCaller: e.LIVE_MAX_SUBSCRIPTIONS_PER_CALLER,
      maxSubscriptions: e.LIVE_MAX_SUBSCRIPTIONS,
      subscriberBuffer: e.LIVE_SUBSCRIBER_BUFFER,
      redisUrl: e.REDIS_URL,
      secret: e.LIVE_SECRET,
    },
    logLevel: e.LOG_LEVEL,
  };
}
