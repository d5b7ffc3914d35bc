import { trace, type Tracer } from '@opentelemetry/api';

export const TRACER_NAME = 'waldur-graphql-gateway';

export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces, exported with OTLP over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the
 * exporter also reads the standard OTEL_* variables); otherwise a no-op tracer that costs nothing.
 * The SDK is imported only when tracing is on.
 */
export async function setupTracing(env: Record<string, string | undefined> = process.env): Promise<Tracing> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return { tracer: trace.getTracer(TRACER_NAME), shutdown: async () => {} };
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? TRACER_NAME }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return { tracer: provider.getTracer(TRACER_NAME), shutdown: () => provider.shutdown() };
}
