import { budget, type RequestBudget } from './budget.js';
import { breaker } from './breaker.js';
import { callerShare } from './caller-share.js';
import { callerStanding } from './caller-standing.js';
import { deadline } from './deadline.js';
import { dedupe, type ReadCache } from './dedupe.js';
import { firstCall } from './first-call.js';
import { operationLimit } from './operation-limit.js';
import { retry } from './retry.js';
import { send } from './send.js';
import { trace } from './trace.js';
import type { Next, OperationState, Step } from '../types.js';

/** Builds `steps` into one function: each step gets the call and the rest of the pipeline. */
export function compose(steps: readonly Step[], last: Next): Next {
  return steps.reduceRight<Next>((next, step) => (call) => step(call, next), last);
}

/**
 * Every REST call of an operation, in this order: one call per identical read; room in the
 * operation's budget; a new credential's first call alone; the operation's and then the caller's
 * share of the pool; retries of transient read failures; nothing once the operation is over; what
 * Waldur says of the caller; the breaker; a span and a record; the transport.
 */
export function pipeline(op: OperationState, cache: ReadCache, requests: RequestBudget): Next {
  const { options } = op.deps;
  return compose(
    [
      dedupe(cache),
      budget(requests, op),
      firstCall(op),
      operationLimit(options.maxConcurrencyPerOperation),
      callerShare(op),
      retry(op, options.retries ?? 0),
      deadline(op),
      callerStanding(op),
      breaker(op),
      trace(op),
    ],
    send(op),
  );
}
