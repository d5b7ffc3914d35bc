import { SpanKind, SpanStatusCode, context as otelContext, defaultTextMapSetter, trace, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { CallerCredentials, RecordedRequest, UpstreamClient, UpstreamRequest, UpstreamResponse } from './client.js';
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
  /** This operation's reads since its last write, by path and query. */
  private readonly reads = new Map<string, Promise<UpstreamResponse>>();
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

  constructor(
    private readonly client: UpstreamClient,
    private readonly credentials: CallerCredentials,
  ) {
    this.limiter = new Limiter(client.options.maxConcurrencyPerOperation);
    this.deadline = AbortSignal.timeout(client.operationDeadlineMs);
    this.callerKey = client.callerKey(credentials.authorization);
    this.signal = AbortSignal.any([...(credentials.signal ? [credentials.signal] : []), this.deadline, this.stopped.signal]);
  }

  /**
   * The operation has answered: calls still running are cancelled and none start, so the count
   * reported for the operation is what Waldur was sent.
   */
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
    if (req.method === 'GET' || req.method === 'HEAD') {
      const key = `${req.method} ${req.path}?${req.query?.toString() ?? ''}`;
      const known = this.reads.get(key);
      if (known) return known as Promise<UpstreamResponse<T>>;
      // Identical reads in one operation are one request (asked early by a prefetch, or twice by
      // aliases), failures included: transient ones were retried already, the rest would fail again.
      const p = this.send(req);
      this.reads.set(key, p);
      p.catch(() => undefined);
      return p as Promise<UpstreamResponse<T>>;
    }
    // A write may change what any earlier read answered: later reads go to Waldur again.
    this.reads.clear();
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
    const run = this.limiter.run(() => this.client.asCaller(this.callerKey, async () => {
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
    const settle = () => void this.settled++;
    run.then(settle, settle);
    return run;
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
      const res = await this.client.dispatch(req, { ...this.credentials, signal: this.signal, callHeaders }, entry.path);
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
