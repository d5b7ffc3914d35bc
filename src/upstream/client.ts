import { DEFAULTS } from '../config/defaults.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { Callers } from './callers.js';
import { UpstreamError } from './errors.js';
import { UpstreamSession } from './session.js';
import type { CallerCredentials, SessionDeps, Transport, UpstreamOptions } from './types.js';
import { UndiciTransport } from './undici-transport.js';

/** Readiness answers from one probe for this long; a probe gives up after PROBE_TIMEOUT_MS. */
export const PROBE_CACHE_MS = 1_000;
const PROBE_TIMEOUT_MS = 5_000;

/**
 * The process-wide upstream: one transport (one undici pool per Waldur origin), one breaker, the
 * callers' shares and standing. Each GraphQL operation (and each live poll) gets an UpstreamSession,
 * whose calls all pass the same pipeline of steps.
 */
export class UpstreamClient implements SessionDeps {
  readonly transport: Transport;
  readonly breaker: CircuitBreaker;
  readonly callers: Callers;
  /** One deadline for everything an operation asks of Waldur (UPSTREAM_OPERATION_DEADLINE_MS). */
  readonly operationDeadlineMs: number;

  constructor(
    readonly options: UpstreamOptions,
    transport?: Transport,
  ) {
    this.operationDeadlineMs = options.operationDeadlineMs ?? DEFAULTS.upstream.operationDeadlineMs;
    this.transport = transport ?? new UndiciTransport(options);
    this.breaker = new CircuitBreaker(
      options.circuitFailureThreshold ?? DEFAULTS.upstream.circuitFailureThreshold,
      options.circuitResetMs ?? DEFAULTS.upstream.circuitResetMs,
    );
    this.callers = new Callers(
      options.maxConcurrencyPerCaller ?? Math.max(1, Math.floor(options.connections / 2)),
      options.maxConcurrencyAnonymous ?? Math.max(1, Math.floor(options.connections / 16)),
    );
  }

  session(credentials: CallerCredentials = {}): UpstreamSession {
    return new UpstreamSession(this, credentials);
  }

  /** One caller's key for the pool share (see Callers.key). */
  callerKey(authorization: string | undefined): string {
    return this.callers.key(authorization);
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
    const result = this.transport
      .send({ method: 'GET', path: '' }, { credentials: {}, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
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
    await this.transport.close();
  }
}
