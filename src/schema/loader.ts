import { UpstreamError } from '../upstream/errors.js';
import type { UpstreamSession } from '../upstream/session.js';

/**
 * A loader declared beside the entity it loads, created for an operation the first time one of
 * its fields asks (the way Pothos's dataloader plugin keys loaders by context). It is bound to the
 * operation's upstream session, so it is never shared between callers, and a subscription's event,
 * which gets a session of its own, gets loaders of its own too.
 */
export function defineLoader<L extends object>(make: (session: UpstreamSession) => L): (ctx: { upstream: UpstreamSession }) => L {
  const bySession = new WeakMap<UpstreamSession, L>();
  return (ctx) => {
    let loader = bySession.get(ctx.upstream);
    if (!loader) {
      loader = make(ctx.upstream);
      bySession.set(ctx.upstream, loader);
    }
    return loader;
  };
}

/** Waldur's 404 for one object: missing, or not visible to the caller. */
export const notFound = (err: unknown) => err instanceof UpstreamError && err.code === 'NOT_FOUND';
