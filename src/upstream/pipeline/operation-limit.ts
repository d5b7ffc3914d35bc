import { Limiter } from '../limiter.js';
import type { Step } from '../types.js';

/** REST calls one operation runs at once (UPSTREAM_MAX_CONCURRENCY_PER_OPERATION). */
export function operationLimit(max: number): Step {
  const limiter = new Limiter(max);
  return (call, next) => limiter.run(() => next(call));
}
