import type { DefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import type { Metrics } from '../metrics.js';

/** Counts operations by name and outcome, times them, and serves `/metrics` for Prometheus. */
export function useMetrics(metrics: Metrics): Plugin<GatewayContext> {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      endResponse(new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
    onExecute({ args }) {
      const started = performance.now();
      const op = (args.document.definitions as readonly DefinitionNode[]).find((d) => d.kind === 'OperationDefinition');
      const operation = args.operationName ?? (op && 'name' in op ? op.name?.value : undefined) ?? 'anonymous';
      const type = op && 'operation' in op ? op.operation : 'unknown';
      const ctx = args.contextValue as GatewayContext;
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && Array.isArray(result.errors) && result.errors.length > 0;
          metrics.operations.inc({ operation, type, outcome: failed ? 'error' : 'success' });
          metrics.operationSeconds.observe({ operation, type }, (performance.now() - started) / 1000);
          metrics.upstreamPerOperation.observe({ operation }, ctx.upstream.count);
        },
      };
    },
  };
}
