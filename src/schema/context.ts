import type { UpstreamSession } from '../upstream/session.js';
import type { LiveEvent } from '../live/events.js';

/** Opens the caller's live feed (credentials, Last-Event-ID and the request's end come from the request). */
export type LiveSubscribe = (
  this: GatewayContext,
  what: {
    filter?: Record<string, unknown> | null;
    uuid?: string | null;
    /** Waldur fields the subscription selects (`field=`); undefined reads whole rows. */
    fields?: readonly string[];
  },
) => AsyncGenerator<LiveEvent>;

/**
 * Everything a resolver may touch: the caller-bound upstream session of this operation (its
 * loaders hang off it: `defineLoader`).
 */
export interface GatewayContext {
  upstream: UpstreamSession;
  /** The live feed, when the server runs one (subscriptions). */
  live?: LiveSubscribe;
  /**
   * A subscription lives for hours: each event is resolved like a new operation, with a fresh
   * upstream session (its own budget, deadline and loaders), so nothing read for an
   * earlier event is served again.
   */
  renew?: (this: GatewayContext) => void;
  /** Ends this request's subscription when its stream is cancelled (the client went away). */
  liveStop?: AbortController;
  /** The id of the live event being resolved (the SSE `id:` of its answer). */
  liveEventId?: string;
}
