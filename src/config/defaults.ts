/**
 * Every default the gateway has, declared once: the environment schema (config.ts) falls back to
 * these, and the layers below read them from here when a caller (a test, a benchmark) leaves an
 * option out. README "Configuration" lists the same values.
 */
export const DEFAULTS = {
  port: 4000,
  host: '127.0.0.1',
  upstream: {
    connectTimeoutMs: 5_000,
    headersTimeoutMs: 15_000,
    bodyTimeoutMs: 15_000,
    // 128 connections, 64 per operation and per caller: a dependent level of up to 64 reads goes
    // out in one wave, and one caller still leaves half the pool to others.
    connections: 128,
    maxConcurrencyPerOperation: 64,
    maxOperationBytes: 64 * 1024 * 1024,
    // Waldur's largest page (300 offering users with every field) is about 1.5 MB; 16 MiB leaves room.
    maxResponseBytes: 16 * 1024 * 1024,
    maxUrlBytes: 6_000,
    operationDeadlineMs: 15_000,
    retries: 2,
    circuitFailureThreshold: 10,
    circuitResetMs: 5_000,
    maxRequestsPerOperation: 200,
  },
  /** GraphQL Armor's defaults (depth 6, aliases 15, tokens 1000, cost 5000), with depth 8: Relay
   * connections spend two levels on `edges { node }`, and a checklist answer's option label sits at 7. */
  limits: { maxDepth: 8, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxCost: 5000 },
  /** Rows a connection answers when `first` is not given. */
  first: 20,
  /** A JSON body: a document of LIMIT_TOKENS tokens and its variables fit many times over. */
  maxRequestBodyBytes: 256 * 1024,
  /** A multipart body (a provider's image). */
  maxUploadBytes: 8 * 1024 * 1024,
  /** The HTTP server's own timeouts (SERVER_*_TIMEOUT_MS); keep-alive above common load balancers' 60 s. */
  server: { requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, headersTimeoutMs: 20_000 },
  metricsPort: 9464,
  metricsMaxOperationNames: 100,
} as const;
