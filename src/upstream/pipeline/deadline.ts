import type { OperationState, Step } from '../types.js';

/**
 * Nothing is sent once the operation is over (its deadline passed, its caller went away, or it
 * answered), also for calls that waited in a queue or for a retry; a call cut off that way fails
 * with why the operation ended, not with what the wire saw.
 */
export function deadline(op: Pick<OperationState, 'signal' | 'stoppedError'>): Step {
  // Promise chains rather than async functions: every step runs for every REST call.
  return (call, next) => {
    const stopped = op.stoppedError(call.req);
    if (stopped) return Promise.reject(stopped);
    return next(call).catch((err: unknown) => {
      throw (op.signal.aborted && op.stoppedError(call.req)) || err;
    });
  };
}
