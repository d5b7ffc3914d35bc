import type { Call, OperationState, Step, UpstreamRequest } from '../types.js';
import { UpstreamError } from '../errors.js';

/**
 * The operation's request budget (LIMIT_UPSTREAM_REQUESTS): every attempt takes one request from
 * it, retries included; `settled` lets the session know when nothing is in flight any more.
 */
export class RequestBudget {
  /** Requests asked for so far, including those still queued behind a limiter. */
  reserved = 0;
  /** Requests done (answered, failed or refused after queueing). */
  settled = 0;

  constructor(private readonly max: number | undefined) {}

  /** Requests this operation may still ask for (Infinity without a cap). */
  left(): number {
    return this.max === undefined ? Infinity : Math.max(0, this.max - this.reserved);
  }

  /** Takes one request for `call`, or says why not. */
  reserve(call: Call): UpstreamError | undefined {
    if (this.max !== undefined && this.reserved >= this.max) return limitError(this.max, call.req);
    this.reserved++;
    call.reserved++;
    return undefined;
  }

  get busy(): boolean {
    return this.reserved > this.settled;
  }
}

const limitError = (max: number, req: UpstreamRequest) =>
  new UpstreamError('REQUEST_LIMIT', `This operation needs more than ${max} requests to Waldur, the limit per operation (retries included).`, {
    method: req.method,
    path: req.path,
  });

/** A call enters only with room in the budget; what it reserved is settled once it is done. */
export const budget =
  (b: RequestBudget, op: Pick<OperationState, 'stoppedError'>): Step =>
  (call, next) => {
    // An operation that is over reserves nothing: the error says why it is over.
    const refused = op.stoppedError(call.req) ?? b.reserve(call);
    if (refused) return Promise.reject(refused);
    const run = next(call);
    const settle = () => void (b.settled += call.reserved);
    run.then(settle, settle);
    return run;
  };
