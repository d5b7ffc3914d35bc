import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { UpstreamError } from '../upstream/errors.js';
import type { Logger } from '../config/logger.js';
import { DEFAULTS } from '../config/defaults.js';
import { schema } from '../schema/index.js';
import type { GatewayContext } from '../schema/context.js';
import type { UpstreamClient } from '../upstream/client.js';
import { createContext } from './create-context.js';
import type { LiveFeed } from '../live/feed.js';
import { useLiveStream } from './plugins/use-live-stream.js';
import { exampleTabs, type ExampleIds } from './graphiql/examples.js';
import { renderPage } from './graphiql/page.js';
import { useGraphiQLAssets } from './graphiql/use-graphiql-assets.js';
import { maskError } from './mask-error.js';
import { DEFAULT_LIMITS, type OperationLimits } from './limits/rules.js';
import type { Metrics } from './metrics.js';
import { useAuthorizationFormat } from './plugins/use-authorization-format.js';
import { useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { useErrorCodes } from './plugins/use-error-codes.js';
import { useHideSuggestions } from './plugins/use-hide-suggestions.js';
import { useHotJit } from './plugins/use-hot-jit.js';
import { useOperationLimits } from './plugins/use-operation-limits.js';
import { useMetrics } from './plugins/use-metrics.js';
import type { Tracer } from '@opentelemetry/api';
import { useAccessLog } from './plugins/use-access-log.js';
import { useTracing } from './plugins/use-tracing.js';
import { useVariablesDepth } from './plugins/use-variables-depth.js';
import { onPath, useExactEndpoints } from './plugins/use-exact-endpoints.js';
import { useUpstreamTrace, type UpstreamTraceOptions } from './plugins/use-upstream-trace.js';
import { useRequestBody } from './plugins/use-request-body.js';
import { corsFor, useVaryOrigin } from './cors.js';
import { useTrustedDocuments, type TrustedDocumentsOptions } from './trusted/use-trusted-documents.js';

export interface GatewayOptions {
  client: UpstreamClient;
  logger: Logger;
  graphiql: boolean;
  introspection: boolean;
  forwardHeaders?: readonly string[];
  /** Simulator mode: GraphiQL's pre-filled Authorization header and the objects its examples open. */
  demo?: { authorization: string; examples: ExampleIds };
  /** Counts operations and refusals when given. */
  metrics?: Metrics;
  /** Also serve the metrics at this path of the GraphQL port (tests; production uses METRICS_PORT). */
  metricsPath?: string;
  /** Compile operations with graphql-jit (experimental; see docs/performance.md). */
  jit?: boolean;
  limits?: OperationLimits;
  /** Largest JSON request body (a document and its variables). */
  maxRequestBodyBytes?: number;
  /** Largest multipart request body (file uploads). */
  maxUploadBytes?: number;
  /** 0 turns batching off; otherwise the most operations one request may carry. */
  batchingLimit?: number;
  /** Origins allowed to call cross-site (exact matches); none by default, and never with credentials. */
  corsOrigins?: readonly string[];
  /** Spans per operation (OpenTelemetry); none by default. */
  tracer?: Tracer;
  /** `extensions.upstreamCalls` for requests with `x-upstream-trace: 1` (UPSTREAM_TRACE); on by default. */
  upstreamTrace?: false | UpstreamTraceOptions;
  /** Persisted documents (TRUSTED_DOCUMENTS): off when absent. */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Set by main on SIGTERM: /ready answers 503 while requests are still served and drained. */
  lifecycle?: { draining: boolean; endStreams?: () => void };
  /** Live updates: the feed subscriptions read from, and the SSE heartbeat. */
  live?: { feed: LiveFeed; heartbeatMs: number };
}

export type Gateway = YogaServerInstance<Record<string, unknown>, GatewayContext>;

const GRAPHIQL_ASSETS = '/graphiql';
const GRAPHQL_ENDPOINT = '/graphql';

/** Yoga's errors as fields of their own (type, message, stack, GraphQL path, cause), not one string. */
function errorFields(args: unknown[]): Record<string, unknown> | undefined {
  const e = args.find((x): x is Error => x instanceof Error);
  if (!e) return undefined;
  const original = e instanceof GraphQLError ? e.originalError : undefined;
  return {
    err: {
      type: e.name,
      message: e.message,
      stack: e.stack,
      ...(e instanceof GraphQLError && e.path ? { path: e.path.join('.') } : {}),
      ...(original ? { cause: { type: original.name, message: original.message, stack: original.stack } } : {}),
    },
  };
}

const isExpected = (x: unknown) => x instanceof UpstreamError || (x instanceof GraphQLError && x.originalError instanceof UpstreamError);

function graphiqlOptions(demo: GatewayOptions['demo']) {
  const headers = demo ? JSON.stringify({ Authorization: demo.authorization }, null, 2) : undefined;
  const tabs = exampleTabs(demo?.examples).map((tab) => ({ ...tab, headers }));
  return {
    title: 'Waldur marketplace GraphQL',
    defaultTabs: tabs,
    // GraphiQL opens its first tab from defaultQuery; without it the first tab shows its welcome text.
    defaultQuery: tabs[0]!.query,
    headers,
  };
}

/** Builds the GraphQL app; listening is main.ts's job. */
export function createGateway(opts: GatewayOptions): Gateway {
  const trusted = opts.trustedDocuments ? useTrustedDocuments(opts.trustedDocuments) : undefined;
  const live = opts.live ? useLiveStream(opts.live) : undefined;
  if (live && opts.lifecycle) opts.lifecycle.endStreams = live.drain;
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: {
      debug: (...a: unknown[]) => opts.logger.debug(a.map(String).join(' ')),
      info: (...a: unknown[]) => opts.logger.info(a.map(String).join(' ')),
      warn: (...a: unknown[]) => opts.logger.warn(a.map(String).join(' '), errorFields(a)),
      // Expected failures (Waldur said 401, the request cap, a timeout) are typed and counted in the
      // access line and metrics; `error` is kept for the gateway's own faults.
      error: (...a: unknown[]) => {
        const unexpected = a.filter((x) => !isExpected(x));
        if (unexpected.length) opts.logger.error(unexpected.map((x) => (x instanceof Error ? x.message : String(x))).join(' '), errorFields(unexpected));
      },
    },
    maskedErrors: { maskError },
    // Yoga's default echoes any Origin with credentials; only listed origins get CORS headers here.
    cors: corsFor(opts.corsOrigins ?? []),
    // useRequestBody bounds every body (JSON and uploads) at less cost than yoga's own limit.
    maxRequestBodySize: false,
    batching: opts.batchingLimit ? { limit: opts.batchingLimit } : false,
    // The GraphQL-over-HTTP draft's persisted document requests (Appendix A) carry `documentId`.
    extraParamNames: trusted ? ['documentId'] : [],
    graphiql: opts.graphiql ? graphiqlOptions(opts.demo) : false,
    renderGraphiQL: (o) =>
      renderPage(GRAPHIQL_ASSETS, o, {
        trace: opts.upstreamTrace !== false,
        requestLimit: opts.client.options.maxRequestsPerOperation,
        openExplorer: opts.demo !== undefined,
      }),
    context: ({ request }) => createContext(opts.client, request, opts.forwardHeaders ?? [], opts.logger, opts.live?.feed),
    plugins: [
      // One endpoint, matched exactly, before anything else looks at the path.
      useExactEndpoints([GRAPHQL_ENDPOINT, '/health', '/ready', ...(opts.metricsPath ? [opts.metricsPath] : [])], opts.graphiql ? [`${GRAPHIQL_ASSETS}/`] : []),
      // Then metrics, so that requests the plugins below refuse are counted too.
      ...(opts.metrics ? [useMetrics(opts.metrics, opts.metricsPath, trusted?.labelOf, trusted?.refusalOf)] : []),
      ...(opts.corsOrigins?.length ? [useVaryOrigin()] : []),
      useRequestBody({ jsonBytes: opts.maxRequestBodyBytes ?? DEFAULTS.maxRequestBodyBytes, uploadBytes: opts.maxUploadBytes ?? DEFAULTS.maxUploadBytes }),
      ...(opts.graphiql ? [useGraphiQLAssets(GRAPHIQL_ASSETS)] : []),
      useCsrfPrevention(),
      ...(trusted ? [trusted.plugin] : []),
      useAuthorizationFormat(),
      useVariablesDepth(),
      useErrorCodes(),
      useOperationLimits(opts.limits ?? DEFAULT_LIMITS),
      ...(opts.introspection ? [] : [useHideSuggestions()]),
      ...(opts.jit ? [useHotJit(3, trusted?.compiledFor)] : []),
      useAccessLog(opts.logger, trusted?.labelOf),
      ...(live ? [live] : []),
      ...(opts.upstreamTrace === false ? [] : [useUpstreamTrace(opts.upstreamTrace)]),
      ...(opts.tracer ? [useTracing(opts.tracer)] : []),
      onPath('/ready', useReadinessCheck({ endpoint: '/ready', check: () => !opts.lifecycle?.draining && opts.client.probe() })),
      ...(opts.introspection
        ? []
        : [
            {
              onValidate: ({ addValidationRule }: { addValidationRule: (r: typeof NoSchemaIntrospectionCustomRule) => void }) =>
                addValidationRule(NoSchemaIntrospectionCustomRule),
            },
          ]),
    ],
  });
}
