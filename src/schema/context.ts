import type { UpstreamSession } from '../upstream/session.js';
import type { Loaders } from '../loaders/index.js';

/** Everything a resolver may touch: the caller-bound upstream and this operation's loaders. */
export interface GatewayContext {
  upstream: UpstreamSession;
  loaders: Loaders;
}
