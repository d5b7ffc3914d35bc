import { UpstreamError } from '../errors.js';
import { isOutage } from '../retry.js';
import type { OperationState, Step } from '../types.js';

/**
 * The process-wide circuit breaker: calls fail fast while Waldur is down. Only outages move it;
 * a cancelled call and a throttled caller (429) say nothing about Waldur's health.
 */
export function breaker(op: Pick<OperationState, 'deps' | 'signal'>): Step {
  const b = op.deps.breaker;
  const failed = (err: unknown) => {
    if (op.signal.aborted || (err instanceof UpstreamError && err.code === 'RATE_LIMITED')) b.neutral();
    else if (isOutage(err)) b.failure();
    else b.success();
    throw err;
  };
  return (call, next) => {
    if (!b.allow()) {
      return Promise.reject(
        new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur is failing; the gateway pauses calls to it for a moment.', {
          method: call.req.method,
          path: call.req.path,
        }),
      );
    }
    return next(call).then((res) => (b.success(), res), failed);
  };
}
