import type { Next, OperationState } from '../types.js';

/** The end of the pipeline: the call goes to the transport with the operation's signal and byte budget. */
export function send(op: Pick<OperationState, 'deps' | 'credentials' | 'signal' | 'bytes'>): Next {
  const { transport, operationDeadlineMs } = op.deps;
  // The operation's signal carries its deadline: when that comes first anyway (the defaults), a
  // call needs no timer of its own.
  const signalEndsFirst = transport.wholeRequestMs >= operationDeadlineMs;
  return (call) =>
    transport.send(call.req, {
      credentials: op.credentials,
      signal: op.signal,
      signalEndsFirst,
      callHeaders: call.headers,
      resolvedPath: call.path,
      budget: op.bytes,
    });
}
