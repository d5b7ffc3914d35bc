import { setMaxListeners } from 'node:events';
import type { UpstreamClient } from '../upstream/client.js';
import type { Logger } from '../config/logger.js';
import { createLoaders } from '../loaders/index.js';
import { requestIdOf } from './request-id.js';
import type { GatewayContext } from '../schema/context.js';

/** Per request: the caller's own credentials bound to a fresh upstream session and fresh loaders. */
export function createContext(client: UpstreamClient, request: Request, forwardHeaders: readonly string[], logger?: Logger): GatewayContext {
  const extraHeaders: Record<string, string> = {};
  for (const name of forwardHeaders) {
    const v = request.headers.get(name);
    if (v !== null && name !== 'authorization' && name !== 'host' && name !== 'content-length') extraHeaders[name] = v;
  }
  // Every in-flight REST call listens for the caller's abort; an operation may run dozens.
  setMaxListeners(1_000, request.signal);
  // Waldur's logs and ours can then be joined on one id, and every line of this request carries it.
  const requestId = requestIdOf(request);
  extraHeaders['x-request-id'] = requestId;
  const upstream = client.session({
    logger: logger?.child({ requestId }),
    authorization: request.headers.get('authorization') ?? undefined,
    extraHeaders,
    signal: request.signal,
  });
  return { upstream, loaders: createLoaders(upstream) };
}
