import type { DefinitionNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../config/logger.js';
import type { GatewayContext } from '../../schema/context.js';
import { loggablePath } from '../../upstream/loggable-path.js';
import { looksLikeCredential, REDACTED } from '../../upstream/redact.js';
import { codeOf } from '../mask-error.js';
import { requestIdOf } from '../request-id.js';

const UPSTREAM_COUNT_HEADER = 'x-upstream-requests';

interface Seen {
  ctx: GatewayContext;
  operation?: string;
  codes: string[];
}

/**
 * One access line per GraphQL request at `info` (request id, operation, duration, REST calls,
 * outcome, error codes, bytes) and the `x-upstream-requests` and `x-request-id` response headers.
 * Expected failures appear here as codes, once per operation, not as error lines with stacks.
 */
export function useAccessLog(logger: Logger, trustedLabel?: (request: Request | undefined) => string | undefined): Plugin<GatewayContext> {
  const seen = new WeakMap<Request, Seen>();
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      if (!ctx.request) return;
      const op = (args.document.definitions as readonly DefinitionNode[]).find((d) => d.kind === 'OperationDefinition');
      const name = trustedLabel?.(ctx.request) ?? args.operationName ?? (op && 'name' in op ? op.name?.value : undefined);
      // An operation name is the caller's text: one shaped like a credential is not written down.
      const entry: Seen = { ctx, operation: name && looksLikeCredential(name) ? REDACTED : name, codes: [] };
      seen.set(ctx.request, entry);
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && Array.isArray(result.errors) ? (result.errors as GraphQLError[]) : [];
          entry.codes = [...new Set(errors.map(codeOf))];
        },
      };
    },
    onResponse({ request, response }) {
      const entry = seen.get(request);
      const requestId = requestIdOf(request);
      if (requestId) response.headers.set('x-request-id', requestId);
      if (entry) {
        // Anything still pending (a sibling of a field whose error ended the operation) is cancelled.
        entry.ctx.upstream.finish();
        response.headers.set(UPSTREAM_COUNT_HEADER, String(entry.ctx.upstream.count));
      }
      if (!logger.isEnabled('info')) return;
      const path = new URL(request.url).pathname;
      if (path !== '/graphql' || response.headers.get('content-type')?.startsWith('text/html')) return;
      const t0 = started.get(request);
      logger.info('request', {
        requestId,
        method: request.method,
        status: response.status,
        operation: entry?.operation ?? null,
        ms: t0 === undefined ? null : Math.round((performance.now() - t0) * 10) / 10,
        upstreamRequests: entry?.ctx.upstream.count ?? 0,
        outcome: !entry ? 'refused' : entry.codes.length ? 'error' : 'success',
        errorCodes: entry?.codes ?? [],
        bytes: Number(response.headers.get('content-length') ?? NaN) || null,
      });
      if (entry && logger.isEnabled('debug')) {
        logger.debug('operation upstream requests', { requestId, requests: entry.ctx.upstream.requests.map((r) => ({ ...r, path: loggablePath(r.path) })) });
      }
    },
  };
}
