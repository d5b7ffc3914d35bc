import { SpanKind, SpanStatusCode, context as otelContext, defaultTextMapSetter, isSpanContextValid, trace as otelTrace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { UpstreamError } from '../errors.js';
import { loggablePath, routeTemplate } from '../loggable-path.js';
import type { OperationState, RecordedRequest, Step } from '../types.js';

const W3C = new W3CTraceContextPropagator();

/**
 * Every attempt that goes out is recorded (the operation's `upstreamCalls`, the metrics callback, a
 * debug line) and is a client span, child of the operation's, whose context travels as `traceparent`.
 */
export function trace(op: Pick<OperationState, 'deps' | 'requests' | 'opened' | 'traceContext' | 'credentials'>): Step {
  const { options, transport } = op.deps;
  const tracer = options.tracer ?? otelTrace.getTracer('waldur-graphql-gateway');
  /** The tracer made a span that records nothing and carries no context: tracing is off for this operation. */
  let off = false;
  return async (call, next) => {
    const { req } = call;
    const started = performance.now();
    const entry: RecordedRequest = {
      method: req.method,
      path: (call.path = transport.resolvePath(req.path, req.query)),
      status: 'pending',
      ms: 0,
      startedAtMs: Math.round((started - op.opened) * 10) / 10,
      attempt: call.attempt,
      ...(call.read ? { read: call.read } : {}),
    };
    op.requests.push(entry);
    const route = routeTemplate(entry.path);
    const parent = off ? undefined : (op.traceContext ?? otelContext.active());
    const span =
      parent &&
      tracer.startSpan(
        `${req.method} ${route}`,
        { kind: SpanKind.CLIENT, attributes: { 'http.request.method': req.method, 'url.template': route, 'server.address': transport.hostname } },
        parent,
      );
    call.headers = {};
    if (span && parent && isSpanContextValid(span.spanContext())) W3C.inject(otelTrace.setSpan(parent, span), call.headers, defaultTextMapSetter);
    // Spans that record nothing and carry no context cost every later call of the operation for nothing.
    else if (span && !span.isRecording()) off = true;
    try {
      const res = await next(call);
      entry.status = res.status;
      span?.setAttribute('http.response.status_code', res.status);
      return res;
    } catch (err) {
      entry.status = err instanceof UpstreamError ? (err.status ?? err.code) : 'error';
      if (err instanceof UpstreamError && err.status) span?.setAttribute('http.response.status_code', err.status);
      span?.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof UpstreamError ? err.code : 'error' });
      throw err;
    } finally {
      span?.end();
      entry.ms = Math.round((performance.now() - started) * 10) / 10;
      const log = op.credentials.logger ?? options.logger;
      if (log.isEnabled('debug')) log.debug('upstream request', { method: entry.method, path: loggablePath(entry.path), status: entry.status, ms: entry.ms });
      options.onRequestDone?.(entry, route);
    }
  };
}
