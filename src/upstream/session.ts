import { SpanKind, SpanStatusCode, context as otelContext, defaultTextMapSetter, trace, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { setMaxListeners } from 'node:events';
import {
  DEFAULT_MAX_OPERATION_BYTES,
  type ByteBudget,
  type CallerCredentials,
  type RecordedRequest,
  type UpstreamClient,
  type UpstreamRequest,
  type UpstreamResponse,
} from './client.js';
import { UpstreamError } from './errors.js';
import { Limiter } from './limiter.js';
import { loggablePath, routeTemplate } from './loggable-path.js';
import { isOutage, retryDelay } from './retry.js';

const W3C = new W3CTraceContextPropagator();
/** The reason calls are cancelled once the operation has answered (allocated once, not per operation). */
const FINISHED = Object.freeze(new Error('The operation has answered.'));

/** The upstream as seen by one GraphQL operation of one caller. */
export class UpstreamSession {
  readonly requests: RecordedRequest[] = [];
  /** Requests asked for so far, including those still queued behind the limiter. */
  private reserved = 0;
  /** Requests done (answered, failed or refused after queueing). */
  private settled = 0;
  /** This operation's reads since its last write, by path and query, with how many asked for each. */
  private readonly reads = new Map<string, { answer: Promise<UpstreamResponse>; askedBy: number }>();
  /** When the session opened (the operation's start), for the calls' relative start times. */
  private readonly opened = performance.now();
  private readonly limiter: Limiter;
  private readonly stopped = new AbortController();
  private readonly callerKey: string;
  /** Answered with nothing in flight: later calls are refused without an abort. */
  private finished = false;
  private readonly deadline: AbortSignal;
  /** Aborts when the caller goes away, the operation's deadline passes, or the operation answered. */
  readonly signal: AbortSignal;
  /** The operation's trace context (set by the server when it opens the operation's span). */
  traceContext: Context | undefined;
  /** Whether the caller sent credentials at all (an anonymous caller has no "me"). */
  get hasCredentials(): boolean {
    return Boolean(this.credentials.authorization?.trim());
  }

  /** The caller's Waldur user UUID if `users/me/` answered for this credential recently. */
  knownIdentity(): string | undefined {
    return this.client.identityOf(this.callerKey);
  }

  rememberIdentity(userUuid: string): void {
    this.client.rememberIdentity(this.callerKey, userUuid);
  }

  /** Waldur refused this caller's credentials: the operation's remaining calls are not sent. */
  private refusedWith: UpstreamError | undefined;
  /** Bytes of Waldur answers this operation may still receive (UPSTREAM_MAX_OPERATION_BYTES). */
  private readonly bytes: ByteBudget;
  /** The first call of a caller Waldur has not accepted yet: the others wait for its answer. */
  private firstAnswer: Promise<unknown> | undefined;
  /** Called on every write, before it is sent: what was read earlier may no longer hold. */
  private readonly writeListeners: Array<() => void> = [];

  constructor(
    private readonly client: UpstreamClient,
    private readonly credentials: CallerCredentials,
  ) {
    this.limiter = new Limiter(client.options.maxConcurrencyPerOperation);
    this.deadline = AbortSignal.timeout(client.operationDeadlineMs);
    this.callerKey = client.callerKey(credentials.authorization);
    this.signal = AbortSignal.any([...(credentials.signal ? [credentials.signal] : []), this.deadline, this.stopped.signal]);
    // Every call in flight listens for this signal; an operation may run dozens at once.
    setMaxListeners(0, this.signal);
    const max = client.options.maxOperationBytes ?? DEFAULT_MAX_OPERATION_BYTES;
    let left = max;
    this.bytes = { max, take: (n) => (left -= n) >= 0 };
  }

  /** Runs `clear` before every write of this operation (loaders drop what they hold). */
  onWrite(clear: () => void): void {
    this.writeListeners.push(clear);
  }

  /**
   * The operation has answered: calls still running are cancelled and none start, so the count
   * reported for the operation is what Waldur was sent.
   */
  /**
   * The operation will make no calls through this session (a subscription, whose events each get
   * their own): finished, and what it holds for later calls (listeners, reads) let go.
   */
  release(): void {
    this.finish();
    this.writeListeners.length = 0;
    this.reads.clear();
  }

  finish(): void {
    // Nothing running or queued: nothing to cancel, and no abort event to dispatch.
    if (this.reserved > this.settled) this.stopped.abort(FINISHED);
    else this.finished = true;
  }

  /** Why no more calls may start, or undefined while they may. */
  private stoppedError(req: UpstreamRequest): UpstreamError | undefined {
    if (!this.signal.aborted && !this.finished) return undefined;
    if (this.deadline.aborted && !this.stopped.signal.aborted && !this.credentials.signal?.aborted) {
      const ms = this.client.operationDeadlineMs;
      return new UpstreamError('UPSTREAM_TIMEOUT', `The operation ran past its deadline of ${ms} ms (UPSTREAM_OPERATION_DEADLINE_MS).`, {
        method: req.method,
        path: req.path,
      });
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
    if (req.method === 'GET' || req.method === 'HEAD') {
      const key = `${req.method} ${req.path}?${req.query?.toString() ?? ''}`;
      const known = this.reads.get(key);
      if (known) {
        known.askedBy++;
        return known.answer as Promise<UpstreamResponse<T>>;
      }
      // Identical reads in one operation are one request (asked early by a prefetch, or twice by
      // aliases), failures included: transient ones were retried already, the rest would fail again.
      const read = { answer: undefined as unknown as Promise<UpstreamResponse>, askedBy: 1 };
      read.answer = this.send(req, read);
      this.reads.set(key, read);
      read.answer.catch(() => undefined);
      return read.answer as Promise<UpstreamResponse<T>>;
    }
    // A write may change what any earlier read answered: later reads, the loaders' included, go
    // to Waldur again.
    this.reads.clear();
    for (const clear of this.writeListeners) clear();
    return this.send(req) as Promise<UpstreamResponse<T>>;
  }

  /** Takes one request from the operation's budget (every attempt counts), or says why not. */
  private reserve(req: UpstreamRequest): UpstreamError | undefined {
    const max = this.client.options.maxRequestsPerOperation;
    if (max !== undefined && this.reserved >= max) {
      return new UpstreamError('REQUEST_LIMIT', `This operation needs more than ${max} requests to Waldur, the limit per operation (retries included).`, {
        method: req.method,
        path: req.path,
      });
    }
    this.reserved++;
    return undefined;
  }

  /** A refusal shared by the caller (401 earlier in the operation, or Waldur's 429 back-off), if any. */
  private callerRefusal(req: UpstreamRequest): UpstreamError | undefined {
    if (this.refusedWith) return new UpstreamError('UNAUTHENTICATED', this.refusedWith.message, { method: req.method, path: req.path }, 401);
    const wait = this.client.backingOff(this.callerKey);
    if (!wait) return undefined;
    const err = new UpstreamError('RATE_LIMITED', `Waldur is throttling these requests; try again in ${wait} s.`, { method: req.method, path: req.path }, 429);
    err.retryAfter = wait;
    return err;
  }

  private send(req: UpstreamRequest, read?: { askedBy: number }): Promise<UpstreamResponse> {
    const refused = this.stoppedError(req) ?? this.callerRefusal(req) ?? this.reserve(req);
    if (refused) return Promise.reject(refused);
    const idempotent = req.method === 'GET' || req.method === 'HEAD';
    const retries = idempotent ? (this.client.options.retries ?? 0) : 0;
    let extra = 0;
    const go = () =>
      this.limiter.run(() =>
        this.client.asCaller(this.callerKey, async () => {
          for (let attempt = 0; ; attempt++) {
            try {
              return await this.attempt(req, attempt, read);
            } catch (err) {
              const wait = retryDelay(err, attempt, retries, this.signal);
              if (wait === undefined) throw err;
              await new Promise((r) => setTimeout(r, wait));
              // A retry is a request to Waldur like any other: it needs room in the operation's budget.
              // Without room, the answer is Waldur's own failure.
              if (this.reserve(req)) throw err;
              extra++;
            }
          }
        }),
      );
    let run: Promise<UpstreamResponse>;
    if (this.firstAnswer) run = this.firstAnswer.then(go);
    else {
      run = go();
      if (!this.client.isAccepted(this.callerKey)) this.firstAnswer = run.catch(() => undefined);
    }
    // Every reservation made here is settled once, so finish() knows when nothing is in flight.
    const settle = () => void (this.settled += 1 + extra);
    run.then(settle, settle);
    return run;
  }

  private async attempt(req: UpstreamRequest, attempt: number, read: { askedBy: number } | undefined): Promise<UpstreamResponse> {
    // Queued behind the limiter or a retry wait while the operation ended: send nothing.
    const stopped = this.stoppedError(req) ?? this.callerRefusal(req);
    if (stopped) throw stopped;
    const breaker = this.client.breaker;
    if (!breaker.allow()) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur is failing; the gateway pauses calls to it for a moment.', {
        method: req.method,
        path: req.path,
      });
    }
    const started = performance.now();
    const entry: RecordedRequest = {
      method: req.method,
      path: this.client.resolvePath(req.path, req.query),
      status: 'pending',
      ms: 0,
      startedAtMs: Math.round((started - this.opened) * 10) / 10,
      attempt,
      ...(read ? { read } : {}),
    };
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
      const res = await this.client.dispatch(req, { ...this.credentials, signal: this.signal, callHeaders }, entry.path, this.bytes);
      entry.status = res.status;
      span.setAttribute('http.response.status_code', res.status);
      breaker.success();
      this.client.markAccepted(this.callerKey);
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
      if (err instanceof UpstreamError && err.code === 'UNAUTHENTICATED') {
        // One refusal ends the operation's remaining calls and moves this credential to the
        // anonymous share: an unauthenticated caller cannot fan out.
        this.refusedWith = err;
        this.client.markRefused(this.callerKey);
      } else if (err instanceof UpstreamError && err.status !== undefined && err.status < 500 && err.status !== 429) {
        this.client.markAccepted(this.callerKey);
      }
      if (err instanceof UpstreamError && err.code === 'RATE_LIMITED') {
        // Throttling is about this caller (or all anonymous ones), not Waldur's health: the caller
        // waits as long as Waldur asked, and the breaker learns nothing either way.
        this.client.backOff(this.callerKey, err.retryAfter);
        breaker.neutral();
      } else if (isOutage(err)) breaker.failure();
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
