import { createHash } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import { FormData, Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import type { Logger } from '../config/logger.js';
import { UpstreamError, errorFromResponse, type RequestInfo } from './errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ExpiringMap, ExpiringSet } from './expiring-set.js';
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
  /**
   * REST calls all anonymous callers together run at once, and callers whose credentials Waldur
   * refused (401) share the same small share: a garbage token never gets a share of its own.
   */
  maxConcurrencyAnonymous?: number;
  /** Bytes of all Waldur answers one operation may receive (they are kept until it answers). */
  maxOperationBytes?: number;
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
export const DEFAULT_MAX_OPERATION_BYTES = 64 * 1024 * 1024;
/** The share of every anonymous caller, and of every caller Waldur refused, together. */
export const ANONYMOUS = 'anonymous';
/** How long a refused credential stays in the anonymous share, an accepted one is trusted to fan out, and how many of each are remembered. */
const REFUSED_TTL_MS = 60_000;
const ACCEPTED_TTL_MS = 10 * 60_000;
/** A credential's user (from `users/me/`): a token belongs to one user, so this only bounds memory and staleness. */
const IDENTITY_TTL_MS = 60_000;
const CALLERS_REMEMBERED = 10_000;
/** A 429 without Retry-After backs its caller off this long; a longer Retry-After is capped. */
const DEFAULT_BACKOFF_S = 1;
const MAX_BACKOFF_S = 60;
/** Readiness answers from one probe for this long; a probe gives up after PROBE_TIMEOUT_MS. */
export const PROBE_CACHE_MS = 1_000;
const PROBE_TIMEOUT_MS = 5_000;
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
  /** When the call started, in ms since the operation's session opened. */
  startedAtMs: number;
  /** 0 for the first attempt, 1 for the first retry... */
  attempt: number;
  /** For a read: how many fields of the operation asked for it (identical reads are one call). */
  read?: { askedBy: number };
}

/** Bytes one operation may still receive from Waldur, across all its answers (concurrent ones too). */
export interface ByteBudget {
  readonly max: number;
  /** Takes `n` bytes; false once the budget is spent. */
  take(n: number): boolean;
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
  /** Caller keys Waldur answered 401 recently. */
  private readonly refused = new ExpiringSet(REFUSED_TTL_MS, CALLERS_REMEMBERED);
  /** Caller keys Waldur accepted recently (any answer but 401). */
  private readonly accepted = new ExpiringSet(ACCEPTED_TTL_MS, CALLERS_REMEMBERED);
  /**
   * Whose credential each caller key is (Waldur's user UUID), as HomePort keeps the signed-in user
   * from its start: a screen filtered by "me" need not ask `users/me/` again on every operation.
   */
  private readonly identities = new ExpiringMap<string>(IDENTITY_TTL_MS, CALLERS_REMEMBERED);
  /** Caller keys Waldur throttled (429), with when they may call again. */
  private readonly backoff = new Map<string, number>();

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

  /**
   * One caller's key for the pool share: a digest (no credential is kept as a map key) of the
   * scheme and credential as Waldur reads them (DRF splits on whitespace and compares the scheme
   * case-insensitively), so `Token X`, `token  X` and `TOKEN X` are one caller. No credential, or one
   * Waldur refused recently, is the anonymous share.
   */
  callerKey(authorization: string | undefined): string {
    const parts = authorization?.trim().split(/\s+/) ?? [];
    if (parts.length < 2) return ANONYMOUS;
    const key = createHash('sha256')
      .update(`${parts[0]!.toLowerCase()} ${parts.slice(1).join(' ')}`)
      .digest('base64url');
    return this.refused.has(key) ? ANONYMOUS : key;
  }

  /** Waldur answered 401 to this caller: its later operations share the anonymous share for a while. */
  markRefused(key: string): void {
    if (key === ANONYMOUS) return;
    this.accepted.delete(key);
    this.identities.delete(key);
    this.refused.add(key);
  }

  /** The Waldur user behind a caller key, when `users/me/` answered for it recently. */
  identityOf(key: string): string | undefined {
    return key === ANONYMOUS ? undefined : this.identities.get(key);
  }

  rememberIdentity(key: string, userUuid: string): void {
    if (key !== ANONYMOUS) this.identities.set(key, userUuid);
  }

  /** Waldur authenticated this caller (it answered anything but 401). */
  markAccepted(key: string): void {
    if (key !== ANONYMOUS) this.accepted.touch(key);
  }

  /**
   * Has Waldur accepted this credential recently? Until it has, an operation sends one call and
   * waits for its answer before the others: a garbage token costs Waldur one request, not a wave.
   */
  isAccepted(key: string): boolean {
    // The anonymous share (no credential, or a refused one) is never trusted to fan out.
    return key !== ANONYMOUS && this.accepted.has(key);
  }

  /** Waldur throttled this caller: none of its calls go out until the wait is over. */
  backOff(key: string, retryAfterSeconds: number | undefined): void {
    const s = Math.min(MAX_BACKOFF_S, Math.max(DEFAULT_BACKOFF_S, retryAfterSeconds ?? DEFAULT_BACKOFF_S));
    const until = Math.max(this.backoff.get(key) ?? 0, Date.now() + s * 1000);
    // Re-inserted so Map order stays oldest-first; bounded like the other caller sets, so many
    // throttled callers cannot grow it without end (an entry is otherwise dropped when next read).
    this.backoff.delete(key);
    this.backoff.set(key, until);
    if (this.backoff.size > CALLERS_REMEMBERED) this.backoff.delete(this.backoff.keys().next().value!);
  }

  /** Seconds this caller must still wait after a 429, or 0. */
  backingOff(key: string): number {
    const until = this.backoff.get(key);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.backoff.delete(key);
    return 0;
  }

  /** Runs `task` within the caller's share of the pool; a caller's limiter lives while it is busy. */
  async asCaller<T>(key: string, task: () => Promise<T>): Promise<T> {
    let limiter = this.callers.get(key);
    if (!limiter) {
      const share =
        key === ANONYMOUS
          ? (this.options.maxConcurrencyAnonymous ?? Math.max(1, Math.floor(this.options.connections / 16)))
          : (this.options.maxConcurrencyPerCaller ?? Math.max(1, Math.floor(this.options.connections / 2)));
      limiter = new Limiter(share);
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
    if (full.length > max)
      throw new UpstreamError(
        'REQUEST_TOO_LARGE',
        `The request this needs from Waldur would have a ${full.length}-byte URL; the limit is ${max}. Use shorter or fewer filter values.`,
        { method: 'GET', path },
      );
    return full;
  }

  /** Absolute URL of a route, for bodies that must carry Waldur hyperlinks. */
  absoluteUrl(path: string): string {
    return new URL(path, this.base).toString();
  }

  /** One call; `resolvedPath` is what resolvePath gave for it, when the caller has it already. */
  async dispatch(req: UpstreamRequest, creds: CallerCredentials, resolvedPath?: string, budget?: ByteBudget): Promise<UpstreamResponse> {
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
    const text = await readBounded(res.body, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, info, passed, budget);
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

  private lastProbe: { at: number; result: Promise<boolean> } | undefined;

  /**
   * Readiness: Waldur answers at all (any status below 500 on the API root, credentials not
   * needed). One probe answers every readiness check for PROBE_CACHE_MS: /ready is unauthenticated,
   * and a crowd polling it must not become a crowd of Waldur calls.
   */
  probe(): Promise<boolean> {
    // Not ready while the circuit is open; once it may try again, the probe is a trial too.
    if (this.breaker.state === 'open') return Promise.resolve(false);
    const now = Date.now();
    if (this.lastProbe && now - this.lastProbe.at < PROBE_CACHE_MS) return this.lastProbe.result;
    const result = this.dispatch({ method: 'GET', path: '' }, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      .then(
        () => true,
        (err: unknown) => err instanceof UpstreamError && err.status !== undefined && err.status < 500,
      )
      .then((ok) => {
        if (ok) this.breaker.success();
        return ok;
      });
    this.lastProbe = { at: now, result };
    return result;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * Reads an answer up to `max` bytes; past that the rest is discarded and the answer is an error.
 * The body is always consumed or destroyed, so the connection never stalls on it.
 */
async function readBounded(
  body: Dispatcher.ResponseData['body'],
  max: number,
  info: RequestInfo,
  deadlinePassed: () => boolean,
  budget?: ByteBudget,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        body.destroy();
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur's answer is larger than ${max} bytes, the limit (UPSTREAM_MAX_RESPONSE_BYTES).`, info);
      }
      if (budget && !budget.take((chunk as Buffer).length)) {
        body.destroy();
        throw new UpstreamError(
          'REQUEST_LIMIT',
          `This operation's answers from Waldur exceed ${budget.max} bytes in all, the limit per operation (UPSTREAM_MAX_OPERATION_BYTES). Ask for fewer rows.`,
          info,
        );
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
  if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || err instanceof undiciErrors.ConnectTimeoutError) {
    return new UpstreamError('UPSTREAM_TIMEOUT', 'Waldur did not answer in time.', info);
  }
  if (err instanceof undiciErrors.RequestAbortedError || (err as Error)?.name === 'AbortError') {
    // The GraphQL request was cancelled; this error goes nowhere a client can see.
    return new UpstreamError('UPSTREAM_UNAVAILABLE', 'The request was aborted.', info);
  }
  return new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur could not be reached.', info);
}
