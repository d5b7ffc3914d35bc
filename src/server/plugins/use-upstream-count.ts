import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../config/logger.js';
import type { GatewayContext } from '../../schema/context.js';
import { loggablePath } from '../../upstream/client.js';

export const UPSTREAM_COUNT_HEADER = 'x-upstream-requests';

/** Reports how many REST calls an operation cost: a response header, and a debug log line. */
export function useUpstreamCount(logger: Logger): Plugin<GatewayContext> {
  const byRequest = new WeakMap<Request, GatewayContext>();
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      if (ctx.request) byRequest.set(ctx.request, ctx);
    },
    onResponse({ request, response }) {
      const ctx = byRequest.get(request);
      if (!ctx) return;
      // Anything still pending (a sibling of a field whose error ended the operation) is cancelled.
      ctx.upstream.finish();
      response.headers.set(UPSTREAM_COUNT_HEADER, String(ctx.upstream.count));
      if (logger.isEnabled('debug')) {
        logger.debug('operation upstream requests', { count: ctx.upstream.count, requests: ctx.upstream.requests.map((r) => ({ ...r, path: loggablePath(r.path) })) });
      }
    },
  };
}
