import { createHash } from 'node:crypto';
import { SpanKind, SpanStatusCode, context as otelContext, defaultTextMapSetter, trace, type Context, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { FormData, Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import type { Logger } from '../config/logger.js';
import { UpstreamError, errorFromResponse, type RequestInfo } from './errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { Limiter } from './limiter.js';
import { Query } from './query.js';

export interface UpstreamOptions {
  /** API root, e.g. https://waldur.example.com/api/ (trailing slash). */
  apiUrl: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  connections: number;
  maxConcurrencyPerOperation: number;
  /**
   * REST calls one caller (one Authorization header; all anonymous callers together) runs at once,
   * across all their operations: the pool is shared fairly. Default: half the pool.
   */
  maxConcurrencyPerCaller?: number;
  logger: Logger;
  /** Called once per finished request (metrics); never sees bodies or credentials. */
  onRequestDone?: (r: RecordedRequest & { route: string }) => void;
  /** Extra attempts for idempotent reads (GET/HEAD) that failed transiently. Writes never retry. */
  retries?: number;
  /** REST calls one GraphQL operation may make; the fields needing more fail with REQUEST_LIMIT. */
  maxRequestsPerOperation?: number;
  circuitFailureThreshold?: number;
  circuitResetMs?: number;
  /** Bytes read of one answer at most; beyond it the answer is an UPSTREAM_ERROR (default 16 MiB). */
  maxResponseBytes?: number;
  /** Longest request URL the gateway sends (default 6,000 bytes: below nginx's 8 KiB request line). */
  maxUrlBytes?: number;
  /** One deadline for everything an operation asks of Waldur, retries included (default 15 s). */
  operationDeadlineMs?: number;
  /** Spans for REST calls (children of the operation's span); a no-op tracer by default. */
  tracer?: Tracer;
}

const W3C = new W3CTraceContextPropagator();

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_URL_BYTES = 6_000;
export const DEFAULT_OPERATION_DEADLINE_MS = 15_000;

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UpstreamRequest {
  method: Method;
  /** Path below the API root, e.g. `marketplace-offering-users/<uuid>/`. Never absolute. */
  path: string;
  query?: Query;
  /** JSON-encoded, except FormData, which goes as multipart/form-data (file uploads). */
  body?: unknown;
  /** `text` for routes that answer with a file rather than JSON. */
  expect?: 'json' | 'text';
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  headers: Record<string, string | undefined>;
  /** Parsed JSON, or undefined for an empty body. */
  data: T;
}

export interface RecordedRequest {
  method: Method;
  path: string;
  status: number | string;
  ms: number;
}

const UUID_SEGMENT = /\/[0-9a-f]{32}(?=\/)|\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/)/gi;

/** Query values are user data (search text, names): logs keep the first 32 characters of each. */
export function loggablePath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  const short = [...params].map(([k, v]) => `${k}=${v.length > 32 ? `${v.slice(0, 32)}…(${v.length} chars)` : v}`);
  return `${path.slice(0, q)}?${short.join('&')}`;
}

/** `/api/marketplace-offering-users/<uuid>/set_ok/?x=1` -> `/api/marketplace-offering-users/{uuid}/set_ok/` */
export function routeTemplate(path: string): string {
  return path.split('?')[0]!.replace(UUID_SEGMENT, '/{uuid}');
}

export interface CallerCredentials {
  /** The caller's own Authorization header, forwarded verbatim; never a gateway credential. */
  authorization?: string;
  /** Other caller headers explicitly allowed by configuration. */
  extraHeaders?: Record<string, string>;
  signal?: AbortSignal;
  /** This request's logger (a child carrying its request id); the client's own otherwise. */
  logger?: Logger;
  /** Headers of this one call (W3C `traceparent`), set per attempt. */
  callHeaders?: Record<string, string>;
}

/**
 * Owns the connection pool to Waldur. Per-operation work happens in an UpstreamSession,
 * which binds the caller's credentials, counts requests and dedupes identical reads.
 */
export class UpstreamClient {
  private readonly pool: Pool;
  private readonly base: URL;
  readonly origin: string;
  readonly hostname: string;
  readonly breaker: CircuitBreaker;
  private readonly callers = new Map<string, Limiter>();

  constructor(readonly options: UpstreamOptions) {
    this.base = new URL(options.apiUrl);
    this.origin = this.base.origin;
    this.hostname = this.base.hostname;
    this.breaker = new CircuitBreaker(options.circuitFailureThreshold ?? 10, options.circuitResetMs ?? 5_000);
    this.pool = new Pool(this.origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
      pipelining: 1,
    });
  }

  session(credentials: CallerCredentials = {}): UpstreamSession {
    return new UpstreamSession(this, credentials);
  }

  /** Runs `task` within the caller's share of the pool; a caller's limiter lives while it is busy. */
  async asCaller<T>(authorization: string | undefined, task: () => Promise<T>): Promise<T> {
    // A hash, so the map never holds a credential.
    const key = authorization ? createHash('sha256').update(authorization).digest('base64url') : 'anonymous';
    let limiter = this.callers.get(key);
    if (!limiter) {
      limiter = new Limiter(this.options.maxConcurrencyPerCaller ?? Math.max(1, Math.floor(this.options.connections / 2)));
      this.callers.set(key, limiter);
    }
    try {
      return await limiter.run(task);
    } finally {
      if (limiter.idle) this.callers.delete(key);
    }
  }

  /** Builds the request path (with the API root's own path prefix) for a relative route. */
  resolvePath(path: string, query?: Query): string {
    if (/^[a-z]+:\/\//i.test(path) || path.startsWith('/')) {
      // Only the configured origin ever receives the caller's credentials.
      throw new Error(`upstream paths must be relative to the API root: ${path}`);
    }
    const qs = query?.toString();
    const full = `${this.base.pathname}${path}${qs ? `?${qs}` : ''}`;
    const max = this.options.maxUrlBytes ?? DEFAULT_MAX_URL_BYTES;
    // Waldur or a proxy would answer 414/431: the caller's input is too long, say so before sending.
    if (full.length > max) throw new UpstreamError('REQUEST_TOO_LARGE', `The request this needs from Waldur would have a ${full.length}-byte URL; the limit is ${max}. Use shorter or fewer filter values.`, { method: 'GET', path });
    return full;
  }

  /** Absolute URL of a route, for bodies that must carry Waldur hyperlinks. */
  absoluteUrl(path: string): string {
    return new URL(path, this.base).toString();
  }

  async dispatch(req: UpstreamRequest, creds: CallerCredentials): Promise<UpstreamResponse> {
    const info: RequestInfo = { method: req.method, path: req.path };
    const headers: Record<string, string> = { accept: 'application/json', ...creds.extraHeaders, ...creds.callHeaders };
    if (creds.authorization) headers.authorization = creds.authorization;
    let body: string | FormData | undefined;
    if (req.body instanceof FormData) {
      body = req.body;
    } else if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    // undici's own timeouts restart on every chunk; a whole-request deadline also stops a body
    // that trickles forever.
    const deadline = AbortSignal.timeout(this.options.headersTimeoutMs + this.options.bodyTimeoutMs);
    const signal = creds.signal ? AbortSignal.any([creds.signal, deadline]) : deadline;
    let res: Dispatcher.ResponseData;
    try {
      res = await this.pool.request({
        method: req.method,
        path: this.resolvePath(req.path, req.query),
        headers,
        body,
        signal,
      });
    } catch (err) {
      throw mapTransportError(err, info, deadline.aborted);
    }
    const text = await readBounded(res.body, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, info, () => deadline.aborted);
    const flatHeaders: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(res.headers)) flatHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
    let data: unknown;
    const isJson = /json/i.test(flatHeaders['content-type'] ?? '');
    if (req.expect === 'text' && res.statusCode < 400 && !isJson) {
      data = text;
    } else if (text.length > 0) {
      try {
        data = JSON.parse(text);
      } catch {
        if (res.statusCode < 400 || isJson) {
          throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur answered HTTP ${res.statusCode} with a body that is not JSON.`, info, res.statusCode);
        }
        data = undefined;
      }
    }
    if (res.statusCode < 200 || (res.statusCode >= 300 && res.statusCode < 400)) {
      // A redirect or an informational answer means nothing was read or written as asked.
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur answered HTTP ${res.statusCode}, which the gateway does not expect here.`, info, res.statusCode);
    }
    if (res.statusCode >= 400) {
      const err = errorFromResponse(res.statusCode, data, info);
      const retryAfter = Number(flatHeaders['retry-after']);
      if (Number.isFinite(retryAfter)) err.retryAfter = retryAfter;
      throw err;
    }
    return { status: res.statusCode, headers: flatHeaders, data };
  }

  /** Readiness: Waldur answers at all (any status below 500 on the API root, credentials not needed). */
  async probe(signal?: AbortSignal): Promise<boolean> {
    // Not ready while the circuit is open; once it may try again, the probe is a trial too.
    if (this.breaker.state === 'open') return false;
    let ok: boolean;
    try {
      await this.dispatch({ method: 'GET', path: '' }, { signal });
      ok = true;
    } catch (err) {
      ok = err instanceof UpstreamError && err.status !== undefined && err.status < 500;
    }
    if (ok) this.breaker.success();
    return ok;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * Reads an answer up to `max` bytes; past that the rest is discarded and the answer is an error.
 * The body is always consumed or destroyed, so the connection never stalls on it.
 */
async function readBounded(body: Dispatcher.ResponseData['body'], max: number, info: RequestInfo, deadlinePassed: () => boolean): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        body.destroy();
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur's answer is larger than ${max} bytes, the limit (UPSTREAM_MAX_RESPONSE_BYTES).`, info);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw mapTransportError(err, info, deadlinePassed());
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function mapTransportError(err: unknown, info: RequestInfo, deadlinePassed = false): Error {
  if (err instanceof UpstreamError) return err;
  if (deadlinePassed) return new UpstreamError('UPSTREAM_TIMEOUT', 'Waldur did not answer in time.', info);
  if (
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new UpstreamError('UPSTREAM_TIMEOUT', 'Waldur did not answer in time.', info);
  }
  if (err instanceof undiciErrors.RequestAbortedError || (err as Error)?.name === 'AbortError') {
    // The GraphQL request was cancelled; this error goes nowhere a client can see.
    return new UpstreamError('UPSTREAM_UNAVAILABLE', 'The request was aborted.', info);
  }
  return new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur could not be reached.', info);
}

/** The upstream as seen by one GraphQL operation of one caller. */
export class UpstreamSession {
  readonly requests: RecordedRequest[] = [];
  /** Requests asked for so far, including those still queued behind the limiter. */
  private reserved = 0;
  private readonly inFlight = new Map<string, Promise<UpstreamResponse>>();
  private readonly limiter: Limiter;
  private readonly stopped = new AbortController();
  private readonly deadline: AbortSignal;
  /** Aborts when the caller goes away, the operation's deadline passes, or the operation answered. */
  readonly signal: AbortSignal;
  /** The operation's trace context (set by the server when it opens the operation's span). */
  traceContext: Context | undefined;

  constructor(
    private readonly client: UpstreamClient,
    private readonly credentials: CallerCredentials,
  ) {
    this.limiter = new Limiter(client.options.maxConcurrencyPerOperation);
    this.deadline = AbortSignal.timeout(client.options.operationDeadlineMs ?? DEFAULT_OPERATION_DEADLINE_MS);
    this.signal = AbortSignal.any([...(credentials.signal ? [credentials.signal] : []), this.deadline, this.stopped.signal]);
  }

  /**
   * The operation has answered: calls still running are cancelled and none start, so the count
   * reported for the operation is what Waldur was sent.
   */
  finish(): void {
    this.stopped.abort();
  }

  /** Why no more calls may start, or undefined while they may. */
  private stoppedError(req: UpstreamRequest): UpstreamError | undefined {
    if (!this.signal.aborted) return undefined;
    if (this.deadline.aborted && !this.stopped.signal.aborted && !this.credentials.signal?.aborted) {
      const ms = this.client.options.operationDeadlineMs ?? DEFAULT_OPERATION_DEADLINE_MS;
      return new UpstreamError('UPSTREAM_TIMEOUT', `The operation ran past its deadline of ${ms} ms (UPSTREAM_OPERATION_DEADLINE_MS).`, { method: req.method, path: req.path });
    }
    return new UpstreamError('UPSTREAM_UNAVAILABLE', 'The request was cancelled.', { method: req.method, path: req.path });
  }

  get count(): number {
    return this.requests.length;
  }

  /** Requests this operation may still ask for (Infinity without a cap). */
  requestsLeft(): number {
    const max = this.client.options.maxRequestsPerOperation;
    return max === undefined ? Infinity : Math.max(0, max - this.reserved);
  }

  absoluteUrl(path: string): string {
    return this.client.absoluteUrl(path);
  }

  request<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    // Identical reads within one operation are answered once.
    if (req.method === 'GET') {
      const key = `${req.path}?${req.query?.toString() ?? ''}`;
      const pending = this.inFlight.get(key);
      if (pending) return pending as Promise<UpstreamResponse<T>>;
      // Only concurrent duplicates share a request: a later read (after a write) goes to Waldur again.
      const p = this.send(req).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
      return p as Promise<UpstreamResponse<T>>;
    }
    return this.send(req) as Promise<UpstreamResponse<T>>;
  }

  private send(req: UpstreamRequest): Promise<UpstreamResponse> {
    const stopped = this.stoppedError(req);
    if (stopped) return Promise.reject(stopped);
    const max = this.client.options.maxRequestsPerOperation;
    if (max !== undefined && this.reserved >= max) {
      return Promise.reject(new UpstreamError('REQUEST_LIMIT', `This operation needs more than ${max} requests to Waldur, the limit per operation.`, { method: req.method, path: req.path }));
    }
    this.reserved++;
    const idempotent = req.method === 'GET' || req.method === 'HEAD';
    const retries = idempotent ? (this.client.options.retries ?? 0) : 0;
    return this.limiter.run(() => this.client.asCaller(this.credentials.authorization, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.attempt(req);
        } catch (err) {
          const wait = retryDelay(err, attempt, retries, this.signal);
          if (wait === undefined) throw err;
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    }));
  }

  private async attempt(req: UpstreamRequest): Promise<UpstreamResponse> {
    // Queued behind the limiter or a retry wait while the operation ended: send nothing.
    const stopped = this.stoppedError(req);
    if (stopped) throw stopped;
    const breaker = this.client.breaker;
    if (!breaker.allow()) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur is failing; the gateway pauses calls to it for a moment.', { method: req.method, path: req.path });
    }
    const started = performance.now();
    const entry: RecordedRequest = { method: req.method, path: this.client.resolvePath(req.path, req.query), status: 'pending', ms: 0 };
    this.requests.push(entry);
    const route = routeTemplate(entry.path);
    const span = (this.client.options.tracer ?? trace.getTracer('waldur-graphql-gateway')).startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.CLIENT, attributes: { 'http.request.method': req.method, 'url.template': route, 'server.address': this.client.hostname } },
      this.traceContext ?? otelContext.active(),
    );
    const callHeaders: Record<string, string> = {};
    W3C.inject(trace.setSpan(this.traceContext ?? otelContext.active(), span), callHeaders, defaultTextMapSetter);
    try {
      const res = await this.client.dispatch(req, { ...this.credentials, signal: this.signal, callHeaders });
      entry.status = res.status;
      span.setAttribute('http.response.status_code', res.status);
      breaker.success();
      return res;
    } catch (err) {
      entry.status = err instanceof UpstreamError ? (err.status ?? err.code) : 'error';
      if (err instanceof UpstreamError && err.status) span.setAttribute('http.response.status_code', err.status);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof UpstreamError ? err.code : 'error' });
      // A cancelled call or an operation out of time says nothing about Waldur's health.
      if (this.signal.aborted) {
        breaker.neutral();
        throw this.stoppedError(req) ?? err;
      }
      if (isOutage(err)) breaker.failure();
      else breaker.success();
      throw err;
    } finally {
      span.end();
      entry.ms = Math.round((performance.now() - started) * 10) / 10;
      const log = this.credentials.logger ?? this.client.options.logger;
      if (log.isEnabled('debug')) log.debug('upstream request', { method: entry.method, path: loggablePath(entry.path), status: entry.status, ms: entry.ms });
      this.client.options.onRequestDone?.({ ...entry, route });
    }
  }
}

/**
 * Only signals that Waldur itself is unwell move the shared breaker: connection failures, timeouts
 * and 502/503/504. A 500, a 4xx (414 and 431 included), a wrong shape or an oversize answer can be
 * caused by one request, and one caller must never open the breaker for everyone.
 */
export function isOutage(err: unknown): boolean {
  if (!(err instanceof UpstreamError)) return false;
  return err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'UPSTREAM_TIMEOUT';
}

const MAX_RETRY_WAIT_MS = 2_000;

/** Milliseconds to wait before the next attempt of an idempotent read, or undefined to give up. */
export function retryDelay(err: unknown, attempt: number, retries: number, signal?: AbortSignal, random = Math.random): number | undefined {
  if (attempt >= retries || signal?.aborted || !(err instanceof UpstreamError)) return undefined;
  const transient = err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'UPSTREAM_TIMEOUT' || err.code === 'RATE_LIMITED' || err.code === 'UPSTREAM_BAD_RESPONSE' || (err.status !== undefined && err.status >= 502);
  // The breaker said no: waiting a few milliseconds will not change that.
  if (!transient || /pauses calls/.test(err.message)) return undefined;
  if (err.retryAfter !== undefined) return err.retryAfter * 1000 <= MAX_RETRY_WAIT_MS ? err.retryAfter * 1000 : undefined;
  // Exponential backoff with full jitter: 0..100 ms, 0..200 ms, ...
  return Math.round(random() * 100 * 2 ** attempt);
}
