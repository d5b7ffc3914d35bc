import type { OperationState, Step } from '../types.js';

/**
 * Until Waldur has accepted a credential recently, an operation sends one call and waits for its
 * answer before the others: a garbage token costs Waldur one request, not a wave.
 */
export function firstCall(op: Pick<OperationState, 'deps' | 'callerKey'>): Step {
  let first: Promise<unknown> | undefined;
  return (call, next) => {
    if (first) return first.then(() => next(call));
    const run = next(call);
    if (!op.deps.callers.isAccepted(op.callerKey)) first = run.catch(() => undefined);
    return run;
  };
}
