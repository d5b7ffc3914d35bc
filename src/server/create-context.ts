import { setMaxListeners } from 'node:events';
import type { UpstreamClient } from '../upstream/client.js';
import type { Logger } from '../config/logger.js';
import type { LiveFeed } from '../live/feed.js';
import { createLoaders } from '../loaders/index.js';
import { requestIdOf } from './request-id.js';
import type { GatewayContext } from '../schema/context.js';

/** Per request: the caller's own credentials bound to a fresh upstream session and fresh loaders. */
export function createContext(client: UpstreamClient, request: Request, forwardHeaders: readonly string[], logger?: Logger, live?: LiveFeed): GatewayContext {
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
  const authorization = request.headers.get('authorization') ?? undefined;
  const open = () => client.session({ logger: logger?.child({ requestId }), authorization, extraHeaders, signal: request.signal });
  const upstream = open();
  const ctx: GatewayContext = { upstream, loaders: createLoaders(upstream) };
  if (live) {
    // EventSource resends the last id it saw as a header; other clients may put it in the URL.
    const lastEventId = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
    ctx.live = (what) =>
      live.subscribe({ authorization, ...what, lastEventId, signal: AbortSignal.any([request.signal, ...(ctx.liveStop ? [ctx.liveStop.signal] : [])]) });
    ctx.renew = () => {
      // The previous event's session is left to finish its own calls (the next event may be pulled before they answer).
      ctx.upstream = open();
      ctx.loaders = createLoaders(ctx.upstream);
    };
  }
  return ctx;
}
