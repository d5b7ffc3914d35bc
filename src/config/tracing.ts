import type { Tracer } from '@opentelemetry/api';

export const TRACER_NAME = 'waldur-graphql-gateway';

export interface Tracing {
  /** Undefined when tracing is off: then no span is opened and no caller's `traceparent` is read or passed on. */
  tracer: Tracer | undefined;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces, exported with OTLP over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the
 * exporter also reads the standard OTEL_* variables); otherwise no tracer at all:
 * the caller's `traceparent` and `tracestate` then stop at the gateway instead of reaching Waldur verbatim.
 * The SDK is imported only when tracing is on.
 */
export async function setupTracing(env: Record<string, string | undefined> = process.env): Promise<Tracing> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return { tracer: undefined, shutdown: async () => {} };
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? TRACER_NAME }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return { tracer: provider.getTracer(TRACER_NAME), shutdown: () => provider.shutdown() };
}
