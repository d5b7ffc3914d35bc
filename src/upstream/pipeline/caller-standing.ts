import { UpstreamError } from '../errors.js';
import type { OperationState, Step, UpstreamRequest } from '../types.js';

/**
 * What Waldur's answers say of the caller. A 401 ends the operation's remaining calls and moves the
 * credential to the anonymous share (an unauthenticated caller cannot fan out); a 429 makes the
 * caller wait as long as Waldur asked; any other answer means Waldur accepted the credential.
 */
export function callerStanding(op: Pick<OperationState, 'deps' | 'callerKey' | 'signal'>): Step {
  const { callers } = op.deps;
  let refusedWith: UpstreamError | undefined;
  const refusal = (req: UpstreamRequest) => {
    const info = { method: req.method, path: req.path };
    if (refusedWith) return new UpstreamError('UNAUTHENTICATED', refusedWith.message, info, 401);
    const wait = callers.backingOff(op.callerKey);
    if (!wait) return undefined;
    const err = new UpstreamError('RATE_LIMITED', `Waldur is throttling these requests; try again in ${wait} s.`, info, 429);
    err.retryAfter = wait;
    return err;
  };
  const failed = (err: unknown) => {
    // A cancelled call says nothing about the caller.
    if (op.signal.aborted || !(err instanceof UpstreamError)) throw err;
    if (err.code === 'UNAUTHENTICATED') {
      refusedWith = err;
      callers.markRefused(op.callerKey);
    } else if (err.code === 'RATE_LIMITED') callers.backOff(op.callerKey, err.retryAfter);
    else if (err.status !== undefined && err.status < 500) callers.markAccepted(op.callerKey);
    throw err;
  };
  return (call, next) => {
    const refused = refusal(call.req);
    if (refused) return Promise.reject(refused);
    return next(call).then((res) => (callers.markAccepted(op.callerKey), res), failed);
  };
}
