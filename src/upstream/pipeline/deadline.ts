import type { OperationState, Step } from '../types.js';

/**
 * Nothing is sent once the operation is over (its deadline passed, its caller went away, or it
 * answered), also for calls that waited in a queue or for a retry; a call cut off that way fails
 * with why the operation ended, not with what the wire saw.
 */
export const deadline =
  (op: Pick<OperationState, 'signal' | 'stoppedError'>): Step =>
  async (call, next) => {
    const stopped = op.stoppedError(call.req);
    if (stopped) throw stopped;
    try {
      return await next(call);
    } catch (err) {
      throw (op.signal.aborted && op.stoppedError(call.req)) || err;
    }
  };
