import type { Context } from '@opentelemetry/api';
import { setMaxListeners } from 'node:events';
import { UpstreamError } from './errors.js';
import { pipeline } from './pipeline/index.js';
import { RequestBudget } from './pipeline/budget.js';
import { readKey, type ReadCache } from './pipeline/dedupe.js';
import {
  DEFAULT_MAX_OPERATION_BYTES,
  type ByteBudget,
  type Call,
  type CallerCredentials,
  type Next,
  type OperationState,
  type RecordedRequest,
  type SessionDeps,
  type UpstreamRequest,
  type UpstreamResponse,
} from './types.js';

/** Why calls are cancelled (allocated once, not per operation). */
const FINISHED = Object.freeze(new Error('The operation has answered.'));
const TIMED_OUT = Object.freeze(new Error('The operation ran past its deadline.'));
const CALLER_LEFT = Object.freeze(new Error('The caller went away.'));

/**
 * The upstream as seen by one GraphQL operation of one caller: its state (deadline, budgets, the
 * calls it made, its one cache of reads) and the pipeline every one of its REST calls goes through
 * (`pipeline/index.ts`). Built by UpstreamClient.session from the process-wide parts.
 */
export class UpstreamSession implements OperationState {
  readonly requests: RecordedRequest[] = [];
  /** When the session opened (the operation's start), for the calls' relative start times. */
  readonly opened = performance.now();
  readonly callerKey: string;
  /** Aborts when the caller goes away, the operation's deadline passes, or the operation answered. */
  readonly signal: AbortSignal;
  /** The operation's trace context (set by the server when it opens the operation's span). */
  traceContext: Context | undefined;
  /** Bytes of Waldur answers this operation may still receive (UPSTREAM_MAX_OPERATION_BYTES). */
  readonly bytes: ByteBudget;
  private readonly budget: RequestBudget;
  private readonly cache: ReadCache = { reads: new Map(), writeListeners: [() => void (this.primes = 0)] };
  /** Reads primed from rows since the last write. */
  private primes = 0;
  /**
   * One controller per operation, aborted by its deadline, by its caller leaving or once it has
   * answered. (Not AbortSignal.timeout + AbortSignal.any: those cost more than a whole REST call's
   * pipeline, for every operation.)
   */
  private readonly stopped = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort: (() => void) | undefined;
  /** Answered with nothing in flight: later calls are refused without an abort. */
  private finished = false;
  private readonly run: Next;

  constructor(
    readonly deps: SessionDeps,
    readonly credentials: CallerCredentials,
  ) {
    this.budget = new RequestBudget(deps.options.maxRequestsPerOperation);
    this.callerKey = deps.callers.key(credentials.authorization);
    this.signal = this.stopped.signal;
    // Every call in flight listens for this signal; an operation may run dozens at once.
    setMaxListeners(0, this.signal);
    this.timer = setTimeout(() => this.stopped.abort(TIMED_OUT), deps.operationDeadlineMs);
    this.timer.unref();
    const caller = credentials.signal;
    if (caller?.aborted) this.stopped.abort(CALLER_LEFT);
    else if (caller) {
      this.onCallerAbort = () => this.stopped.abort(CALLER_LEFT);
      caller.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    const max = deps.options.maxOperationBytes ?? DEFAULT_MAX_OPERATION_BYTES;
    let left = max;
    this.bytes = { max, take: (n) => (left -= n) >= 0 };
    this.run = pipeline(this, this.cache, this.budget);
  }

  request<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    return this.run({ req, attempt: 0, reserved: 0 }) as Promise<UpstreamResponse<T>>;
  }

  /**
   * Answers `req` from rows the operation already holds (a list's rows answer the detail reads of
   * the same objects): the read is then in the operation's cache like any other, and a write clears
   * it like any other. A read already asked is left as it is.
   */
  prime(req: UpstreamRequest, data: unknown, headers: Record<string, string | undefined> = {}): void {
    const key = readKey(req.method, req.path, req.query?.toString() ?? '');
    if (this.cache.reads.has(key)) return;
    this.cache.reads.set(key, { answer: Promise.resolve({ status: 200, headers, data }), read: { askedBy: 0 } });
    this.primes++;
  }

  /** Whether this operation holds (or is reading) the answer of `req`. */
  holds(req: UpstreamRequest): boolean {
    return this.cache.reads.has(readKey(req.method, req.path, req.query?.toString() ?? ''));
  }

  /** Whether any rows were primed since the last write (callers skip building lookups otherwise). */
  get primed(): boolean {
    return this.primes > 0;
  }

  /** Runs `clear` before every write of this operation. */
  onWrite(clear: () => void): void {
    this.cache.writeListeners.push(clear);
  }

  /** Why no more calls may start, or undefined while they may. */
  stoppedError(req: UpstreamRequest): UpstreamError | undefined {
    if (!this.signal.aborted && !this.finished) return undefined;
    if (this.signal.reason === TIMED_OUT) {
      const ms = this.deps.operationDeadlineMs;
      return new UpstreamError('UPSTREAM_TIMEOUT', `The operation ran past its deadline of ${ms} ms (UPSTREAM_OPERATION_DEADLINE_MS).`, {
        method: req.method,
        path: req.path,
      });
    }
    return new UpstreamError('UPSTREAM_UNAVAILABLE', 'The request was cancelled.', { method: req.method, path: req.path });
  }

  reserve(call: Call): UpstreamError | undefined {
    return this.budget.reserve(call);
  }

  /**
   * The operation has answered: calls still running are cancelled and none start, so the count
   * reported for the operation is what Waldur was sent.
   */
  finish(): void {
    clearTimeout(this.timer);
    if (this.onCallerAbort) this.credentials.signal?.removeEventListener('abort', this.onCallerAbort);
    // Nothing running or queued: nothing to cancel, and no abort event to dispatch.
    if (this.budget.busy) this.stopped.abort(FINISHED);
    else this.finished = true;
  }

  /**
   * The operation will make no calls through this session (a subscription, whose events each get
   * their own): finished, and what it holds for later calls (listeners, reads) let go.
   */
  release(): void {
    this.finish();
    this.cache.writeListeners.length = 0;
    this.cache.reads.clear();
    this.primes = 0;
  }

  get count(): number {
    return this.requests.length;
  }

  /** Requests this operation may still ask for (Infinity without a cap). */
  requestsLeft(): number {
    return this.budget.left();
  }

  /** Whether the caller sent credentials at all (an anonymous caller has no "me"). */
  get hasCredentials(): boolean {
    return Boolean(this.credentials.authorization?.trim());
  }

  /** The caller's Waldur user UUID if `users/me/` answered for this credential recently. */
  knownIdentity(): string | undefined {
    return this.deps.callers.identityOf(this.callerKey);
  }

  rememberIdentity(userUuid: string): void {
    this.deps.callers.rememberIdentity(this.callerKey, userUuid);
  }

  absoluteUrl(path: string): string {
    return this.deps.transport.absoluteUrl(path);
  }
}
