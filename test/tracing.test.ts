import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exampleTabs } from '../src/server/graphiql/examples.js';
import { demoFor } from 'waldur-simulator/demo';
import { startStack, type Stack } from './helpers/stack.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ size: 60, gateway: { tracer }, client: { tracer } });
});
afterAll(() => stack.close());

it('the provider dashboard is one operation span with a child span per REST call; Waldur receives each traceparent', async () => {
  const dashboard = exampleTabs(demoFor(stack.sim).examples)[3];
  exporter.reset();
  const r = await stack.gql(dashboard.query, JSON.parse(dashboard.variables!), 'owner');
  expect(r.errors).toBeUndefined();
  const spans = exporter.getFinishedSpans();
  const [op, ...others] = [...spans].sort((a, b) => (a.kind === SpanKind.SERVER ? -1 : b.kind === SpanKind.SERVER ? 1 : 0));
  expect(op.name).toBe('query ProviderDashboard');
  expect(op.kind).toBe(SpanKind.SERVER);
  expect(op.attributes['graphql.upstream_requests']).toBe(r.upstreamCount);
  expect(others).toHaveLength(r.upstreamCount);
  const traceId = op.spanContext().traceId;
  for (const s of others) {
    expect(s.kind).toBe(SpanKind.CLIENT);
    expect(s.name).toMatch(/^GET \/api\/marketplace-/);
    expect(s.spanContext().traceId).toBe(traceId);
    expect(s.parentSpanContext?.spanId).toBe(op.spanContext().spanId);
    expect(s.attributes['http.response.status_code']).toBe(200);
  }
  // What Waldur saw: the operation's trace, each call's own span as parent.
  const seen = stack.upstream().map((x) => x.traceparent);
  expect(seen).toHaveLength(r.upstreamCount);
  expect(new Set(seen)).toEqual(new Set(others.map((s) => `00-${traceId}-${s.spanContext().spanId}-01`)));
});

it("joins the caller's trace when it sends a traceparent", async () => {
  exporter.reset();
  const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  await stack.gql('query Count { offeringUsers(first: 1) { totalCount } }', {}, 'staff', { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` });
  const op = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
  expect(op.spanContext().traceId).toBe(callerTrace);
  expect(op.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
});

/** Span times are [seconds, nanoseconds]: compared exactly (as numbers they would lose the nanoseconds). */
const ns = (t: readonly [number, number]) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);

it('reads keyed by the arguments start with their parent: statistics, revenue and the compliance overview beside the provider, each sent once', async () => {
  exporter.reset();
  stack.sim.setLatency(30);
  try {
    const query = `query($u: UUID!) { serviceProvider(uuid: $u) { customerName statistics { activeResources } revenue { total } a: statistics { pendingOrders }
      compliance { overview(first: 5) { totalCount } } offeringUsers(first: 2) { totalCount } } }`;
    const r = await stack.gql(query, { u: demoFor(stack.sim).examples.serviceProvider }, 'owner');
    expect(r.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
    const byRoute = (re: RegExp) => spans.filter((s) => re.test(String(s.attributes['url.template'])));
    const [providerRead] = byRoute(/service-providers\/\{uuid\}\/$/);
    const early = [/\/stat\/$/, /\/revenue\/$/, /compliance_overview\/$/].map((re) => byRoute(re));
    // Each once (the aliased statistics read is the same request), started before the provider answered.
    expect(early.map((x) => x.length)).toEqual([1, 1, 1]);
    for (const [s] of early) expect(ns(s.startTime) < ns(providerRead.endTime)).toBe(true);
    // The offering-user list needs the provider's customer: it starts after the provider answered
    // (span start times have millisecond resolution here, end times do not: 1 ms of slack; the
    // provider read itself takes the simulator's 30 ms).
    const [list] = byRoute(/marketplace-offering-users\/$/);
    expect(ns(list.startTime) + 1_000_000n >= ns(providerRead.endTime)).toBe(true);
    expect(r.upstreamCount).toBe(5);
  } finally {
    stack.sim.setLatency(0);
  }
});

it('each live poll is a span (live.poll) with its REST calls as children', async () => {
  const live = await startStack({ size: 30, client: { tracer }, live: { pollIntervalMs: 150, tracer } });
  try {
    const res = await fetch(`${live.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001' },
      body: JSON.stringify({ query: 'subscription { offeringUserChanged { kind uuid offeringUser { state } } }' }),
    });
    await new Promise((r) => setTimeout(r, 500));
    exporter.reset();
    await new Promise((r) => setTimeout(r, 400));
    await res.body?.cancel();
    const spans = exporter.getFinishedSpans();
    const poll = spans.find((s) => s.name === 'live.poll')!;
    expect(poll.attributes).toMatchObject({ 'live.cohort': expect.stringMatching(/^[0-9a-f]{12}$/), 'live.took_over': false, 'live.events': 0 });
    const calls = spans.filter((s) => s.parentSpanContext?.spanId === poll.spanContext().spanId);
    expect(calls.map((s) => s.name)).toEqual(['GET /api/marketplace-offering-users/']);
    expect(calls[0].spanContext().traceId).toBe(poll.spanContext().traceId);
    if (process.env.PRINT_POLL_TRACE)
      console.log(
        JSON.stringify(
          [poll, ...calls].map((s) => ({
            name: s.name,
            traceId: s.spanContext().traceId,
            spanId: s.spanContext().spanId,
            parent: s.parentSpanContext?.spanId,
            attributes: s.attributes,
          })),
          null,
          1,
        ),
      );
  } finally {
    await live.close();
  }
});
