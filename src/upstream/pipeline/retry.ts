import { retryDelay } from '../retry.js';
import type { OperationState, Step } from '../types.js';

/**
 * Idempotent reads that failed transiently are tried again (UPSTREAM_RETRIES, backoff with jitter);
 * writes never. A retry needs room in the budget like any request; without room, the answer is
 * Waldur's own failure.
 */
export function retry(op: Pick<OperationState, 'signal' | 'reserve'>, retries: number): Step {
  return async (call, next) => {
    const idempotent = call.req.method === 'GET' || call.req.method === 'HEAD';
    const max = idempotent ? retries : 0;
    for (;;) {
      try {
        return await next(call);
      } catch (err) {
        const wait = retryDelay(err, call.attempt, max, op.signal);
        if (wait === undefined) throw err;
        await new Promise((r) => setTimeout(r, wait));
        if (op.reserve(call)) throw err;
        call.attempt++;
      }
    }
  };
}
