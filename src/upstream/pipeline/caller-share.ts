import type { OperationState, Step } from '../types.js';

/**
 * REST calls one caller runs at once across all their operations (one Authorization header; all
 * anonymous and refused callers together): the pool is shared fairly.
 */
export const callerShare =
  (op: Pick<OperationState, 'deps' | 'callerKey'>): Step =>
  (call, next) =>
    op.deps.callers.run(op.callerKey, () => next(call));
