import { setMaxListeners } from 'node:events';
import type { UpstreamClient } from '../upstream/client.js';
import type { Logger } from '../config/logger.js';
import type { LiveFeed } from '../live/feed.js';
import { requestIdOf } from './request-id.js';
import type { GatewayContext } from '../schema/context.js';

/** Per request: the caller's own credentials bound to a fresh upstream session (its loaders come with it). */
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
  // A child logger costs more than a REST call's whole pipeline; most requests never log a line.
  let log: Logger | undefined;
  const open = (signal: AbortSignal | undefined) =>
    client.session({
      get logger() {
        return (log ??= logger?.child({ requestId }));
      },
      authorization,
      extraHeaders,
      signal,
    });
  const upstream = open(request.signal);
  const ctx: GatewayContext = { upstream };
  if (live) {
    // EventSource resends the last id it saw as a header; other clients may put it in the URL.
    const lastEventId = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
    // yoga copies these into its own context object: `this` is the context resolvers see.
    ctx.live = function (this: GatewayContext, what) {
      return live.subscribe({
        authorization,
        ...what,
        lastEventId,
        signal: AbortSignal.any([request.signal, ...(this.liveStop ? [this.liveStop.signal] : [])]),
      });
    };
    ctx.renew = function (this: GatewayContext) {
      // The previous event's session is left to finish its own calls (the next event may be pulled before they answer).
      // Not tied to the request's signal: each tie would stay on that signal, which lives as long as
      // the stream, for every event. A session ends by its own deadline; the stream by liveStop.
      this.upstream = open(undefined);
    };
  }
  return ctx;
}
