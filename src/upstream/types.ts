import type { Context, Tracer } from '@opentelemetry/api';
import type { Logger } from '../config/logger.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Query } from './query.js';
import { DEFAULTS } from '../config/defaults.js';

/*
 * The upstream's shared vocabulary: what a REST call is, what the pipeline of steps passes along,
 * and the Transport the session depends on (client.ts builds sessions; session.ts never imports it).
 */

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
  onRequestDone?: (r: RecordedRequest, route: string) => void;
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

export const DEFAULT_MAX_RESPONSE_BYTES = DEFAULTS.upstream.maxResponseBytes;
export const DEFAULT_MAX_OPERATION_BYTES = DEFAULTS.upstream.maxOperationBytes;
/** The share of every anonymous caller, and of every caller Waldur refused, together. */
export const ANONYMOUS = 'anonymous';
export const DEFAULT_MAX_URL_BYTES = DEFAULTS.upstream.maxUrlBytes;

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
}

/** One REST call on its way through the pipeline (one object for all its attempts). */
export interface Call {
  req: UpstreamRequest;
  /** For a read: how many fields of the operation asked for it (identical reads are one call). */
  read?: { askedBy: number };
  /** 0 for the first attempt, 1 for the first retry... */
  attempt: number;
  /** Requests this call took from the operation's budget (its attempts). */
  reserved: number;
  /** The request path with the API root's prefix and the query string, once resolved. */
  path?: string;
  /** Headers of the current attempt (W3C `traceparent`). */
  headers?: Record<string, string>;
}

/** What is left of the pipeline below a step. */
export type Next = (call: Call) => Promise<UpstreamResponse>;
/** One concern of a REST call (dedupe, budget, retry, breaker, ...): it passes the call on or answers it. */
export type Step = (call: Call, next: Next) => Promise<UpstreamResponse>;

/** What one request to Waldur needs besides itself. */
export interface SendOptions {
  credentials: CallerCredentials;
  signal?: AbortSignal;
  /** `signal` carries a deadline no later than a whole request's: no timer of the call's own. */
  signalEndsFirst?: boolean;
  /** Headers of this one call (W3C `traceparent`). */
  callHeaders?: Record<string, string>;
  /** What resolvePath gave for the call, when the caller has it already. */
  resolvedPath?: string;
  /** The operation's bytes left: the answer is read against it. */
  budget?: ByteBudget;
}

/** The wire: one request to Waldur and its checked answer. The session knows Waldur only through this. */
export interface Transport {
  readonly hostname: string;
  /** Whole requests get this long (headers and body); the operation deadline may come first. */
  readonly wholeRequestMs: number;
  /** The request path (with the API root's own prefix) of a route and query; refuses absolute paths and overlong URLs. */
  resolvePath(path: string, query?: Query): string;
  absoluteUrl(path: string): string;
  send(req: UpstreamRequest, o: SendOptions): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/** Who a caller is to the gateway across operations: shares of the pool, standing with Waldur. */
export interface CallerStanding {
  key(authorization: string | undefined): string;
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  isAccepted(key: string): boolean;
  markAccepted(key: string): void;
  markRefused(key: string): void;
  backOff(key: string, retryAfterSeconds: number | undefined): void;
  backingOff(key: string): number;
  identityOf(key: string): string | undefined;
  rememberIdentity(key: string, userUuid: string): void;
}

/** What a session is built from: the process-wide parts of the upstream. */
export interface SessionDeps {
  readonly options: UpstreamOptions;
  readonly transport: Transport;
  readonly breaker: CircuitBreaker;
  readonly callers: CallerStanding;
  readonly operationDeadlineMs: number;
}

/** A session's own state the steps read and write (one GraphQL operation of one caller). */
export interface OperationState {
  readonly deps: SessionDeps;
  readonly credentials: CallerCredentials;
  readonly callerKey: string;
  /** Aborts when the caller goes away, the deadline passes or the operation answered. */
  readonly signal: AbortSignal;
  readonly opened: number;
  readonly requests: RecordedRequest[];
  readonly bytes: ByteBudget;
  traceContext: Context | undefined;
  /** Why no more calls may start (deadline, cancelled, answered), or undefined while they may. */
  stoppedError(req: UpstreamRequest): Error | undefined;
  /** Takes one request from the operation's budget, or says why not. */
  reserve(call: Call): Error | undefined;
}
