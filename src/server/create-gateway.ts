import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Logger } from '../config/logger.js';
import { schema } from '../schema/index.js';
import type { GatewayContext } from '../schema/context.js';
import type { UpstreamClient } from '../upstream/client.js';
import { createContext } from './create-context.js';
import { exampleTabs } from './graphiql-examples.js';
import { maskError } from './mask-error.js';
import { DEFAULT_LIMITS, type OperationLimits } from './limits/rules.js';
import type { Metrics } from './metrics.js';
import { useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { useErrorCodes } from './plugins/use-error-codes.js';
import { useHideSuggestions } from './plugins/use-hide-suggestions.js';
import { useHotJit } from './plugins/use-hot-jit.js';
import { useOperationLimits } from './plugins/use-operation-limits.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useUpstreamCount } from './plugins/use-upstream-count.js';

export interface GatewayOptions {
  client: UpstreamClient;
  logger: Logger;
  graphiql: boolean;
  introspection: boolean;
  forwardHeaders?: readonly string[];
  /** Pre-filled Authorization header in GraphiQL (simulator mode only). */
  demoAuthorization?: string;
  /** An offering user the GraphiQL example tabs can use (simulator mode only). */
  exampleOfferingUserUuid?: string;
  /** Serves /metrics and counts operations when given. */
  metrics?: Metrics;
  /** Compile operations with graphql-jit (experimental; see docs/performance.md). */
  jit?: boolean;
  limits?: OperationLimits;
  maxRequestBodyBytes?: number;
  /** 0 turns batching off; otherwise the most operations one request may carry. */
  batchingLimit?: number;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, GatewayContext>;

/** Builds the GraphQL app; listening is main.ts's job. */
export function createGateway(opts: GatewayOptions): Gateway {
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: {
      debug: (...a: unknown[]) => opts.logger.debug(a.map(String).join(' ')),
      info: (...a: unknown[]) => opts.logger.info(a.map(String).join(' ')),
      warn: (...a: unknown[]) => opts.logger.warn(a.map(String).join(' ')),
      error: (...a: unknown[]) => opts.logger.error(a.map((x) => (x instanceof Error ? (x.stack ?? x.message) : String(x))).join(' ')),
    },
    maskedErrors: { maskError },
    maxRequestBodySize: opts.maxRequestBodyBytes ?? 8 * 1024 * 1024,
    batching: opts.batchingLimit ? { limit: opts.batchingLimit } : false,
    graphiql: opts.graphiql
      ? {
          title: 'Waldur marketplace GraphQL',
          defaultTabs: exampleTabs(opts.exampleOfferingUserUuid).map((tab) => ({
            ...tab,
            headers: opts.demoAuthorization ? JSON.stringify({ Authorization: opts.demoAuthorization }, null, 2) : undefined,
          })),
          headers: opts.demoAuthorization ? JSON.stringify({ Authorization: opts.demoAuthorization }, null, 2) : undefined,
        }
      : false,
    context: ({ request }) => createContext(opts.client, request, opts.forwardHeaders ?? []),
    plugins: [
      useCsrfPrevention(),
      useErrorCodes(),
      useOperationLimits(opts.limits ?? DEFAULT_LIMITS),
      ...(opts.introspection ? [] : [useHideSuggestions()]),
      ...(opts.jit ? [useHotJit()] : []),
      ...(opts.metrics ? [useMetrics(opts.metrics)] : []),
      useUpstreamCount(opts.logger),
      useReadinessCheck({ endpoint: '/ready', check: ({ request }) => opts.client.probe(request.signal) }),
      ...(opts.introspection ? [] : [{ onValidate: ({ addValidationRule }: { addValidationRule: (r: typeof NoSchemaIntrospectionCustomRule) => void }) => addValidationRule(NoSchemaIntrospectionCustomRule) }]),
    ],
  });
}
