import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { DefinitionNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import { codeOf } from '../mask-error.js';
import { looksLikeCredential, REDACTED } from '../../upstream/redact.js';

const W3C = new W3CTraceContextPropagator();

/**
 * A span per GraphQL operation, child of the caller's `traceparent` when it sent one; the REST
 * calls of the operation become its children (the upstream session opens them with this context
 * and sends their `traceparent` on to Waldur).
 */
export function useTracing(tracer: Tracer): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      const op = (args.document.definitions as readonly DefinitionNode[]).find((d) => d.kind === 'OperationDefinition');
      const type = op && 'operation' in op ? op.operation : 'query';
      const given = args.operationName ?? (op && 'name' in op ? op.name?.value : undefined);
      const name = given && looksLikeCredential(given) ? REDACTED : given;
      const carrier = Object.fromEntries(ctx.request?.headers ?? []);
      const parent = W3C.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
      const span = tracer.startSpan(
        `${type} ${name ?? 'anonymous'}`,
        { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) } },
        parent,
      );
      ctx.upstream.traceContext = trace.setSpan(parent, span);
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && Array.isArray(result.errors) ? (result.errors as GraphQLError[]) : [];
          span.setAttribute('graphql.upstream_requests', ctx.upstream.count);
          if (errors.length) span.setStatus({ code: SpanStatusCode.ERROR, message: [...new Set(errors.map(codeOf))].join(',') });
          span.end();
        },
      };
    },
  };
}
