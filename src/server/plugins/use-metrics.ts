import type { DefinitionNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import type { Metrics } from '../metrics.js';

/** Why a request was answered without executing an operation. */
function reasonFromStatus(status: number): string {
  return (
    ({ 400: 'bad_request', 401: 'authorization_header', 403: 'csrf', 405: 'method', 413: 'body_too_large', 415: 'content_type' } as Record<number, string>)[
      status
    ] ?? 'other'
  );
}

const limitOf = (errors: readonly unknown[]) => errors.some((e) => (e as Partial<GraphQLError>).extensions?.code === 'OPERATION_LIMIT');

/**
 * Counts operations by name and outcome, times them, and counts requests refused before execution
 * (parse, validation, limits, CSRF, a malformed Authorization header, oversize bodies). `/metrics`
 * is served on the GraphQL port only when `servePath` is set; production serves it apart (main.ts).
 */
export function useMetrics(
  metrics: Metrics,
  servePath?: string,
  trustedLabel?: (request: Request | undefined) => string | undefined,
  refusalOf?: (request: Request) => string | undefined,
): Plugin<GatewayContext> {
  const classified = new WeakSet<Request>();
  const refuse = (request: Request | undefined, reason: string) => {
    if (request) classified.add(request);
    metrics.refused.inc({ reason });
  };
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (!servePath || url.pathname !== servePath) return;
      endResponse(new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
    onParse({ context }) {
      return ({ result }) => {
        if (result instanceof Error) refuse((context as { request?: Request }).request, 'parse');
      };
    },
    onValidate({ context }) {
      return ({ valid, result }) => {
        if (!valid) refuse((context as { request?: Request }).request, limitOf(result) ? 'limit' : 'validation');
      };
    },
    onExecute({ args }) {
      const started = performance.now();
      const op = (args.document.definitions as readonly DefinitionNode[]).find((d) => d.kind === 'OperationDefinition');
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      // With trusted documents the label is the registered name or "unregistered": no client names series.
      const operation = trustedLabel?.(ctx.request) ?? metrics.operationLabel(args.operationName ?? (op && 'name' in op ? op.name?.value : undefined));
      const type = op && 'operation' in op ? op.operation : 'unknown';
      if (ctx.request) classified.add(ctx.request);
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && Array.isArray(result.errors) ? (result.errors as GraphQLError[]) : [];
          if (ctx.upstream.count === 0 && errors.length && 'data' in result && result.data === undefined && limitOf(errors)) {
            // The cost limit stops an operation before it runs: a refusal, not an operation.
            metrics.refused.inc({ reason: 'limit' });
            return;
          }
          metrics.operations.inc({ operation, type, outcome: errors.length ? 'error' : 'success' });
          metrics.operationSeconds.observe({ operation, type }, (performance.now() - started) / 1000);
          metrics.upstreamPerOperation.observe({ operation }, ctx.upstream.count);
        },
      };
    },
    onResponse({ request, response }) {
      if (classified.has(request) || response.status < 400 || new URL(request.url).pathname !== '/graphql') return;
      metrics.refused.inc({ reason: refusalOf?.(request) ?? reasonFromStatus(response.status) });
    },
  };
}
