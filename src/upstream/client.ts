import { createHash } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import { FormData, Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import type { Logger } from '../config/logger.js';
import { UpstreamError, errorFromResponse, type RequestInfo } from './errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { Limiter } from './limiter.js';
import type { Query } from './query.js';
import { UpstreamSession } from './session.js';

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

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_URL_BYTES = 6_000;

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

  /** One deadline for everything an operation asks of Waldur (UPSTREAM_OPERATION_DEADLINE_MS). */
  readonly operationDeadlineMs: number;

  constructor(readonly options: UpstreamOptions) {
    this.operationDeadlineMs = options.operationDeadlineMs ?? 15_000;
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
  /** One caller's key for the pool share: a digest, so that no credential is kept as a map key. */
  callerKey(authorization: string | undefined): string {
    return authorization ? createHash('sha256').update(authorization).digest('base64url') : 'anonymous';
  }

  async asCaller<T>(key: string, task: () => Promise<T>): Promise<T> {
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

  /** One call; `resolvedPath` is what resolvePath gave for it, when the caller has it already. */
  async dispatch(req: UpstreamRequest, creds: CallerCredentials, resolvedPath?: string): Promise<UpstreamResponse> {
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
    // that trickles forever. A caller's signal already carries the operation's deadline: when that
    // comes first anyway (the defaults), no timer of its own per call.
    const whole = this.options.headersTimeoutMs + this.options.bodyTimeoutMs;
    const deadline = creds.signal && whole >= this.operationDeadlineMs ? undefined : AbortSignal.timeout(whole);
    const signal = deadline && creds.signal ? AbortSignal.any([creds.signal, deadline]) : (deadline ?? creds.signal);
    const passed = () => deadline?.aborted ?? false;
    let res: Dispatcher.ResponseData;
    try {
      res = await this.pool.request({ method: req.method, path: resolvedPath ?? this.resolvePath(req.path, req.query), headers, body, signal });
    } catch (err) {
      throw mapTransportError(err, info, passed());
    }
    const text = await readBounded(res.body, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, info, passed);
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
