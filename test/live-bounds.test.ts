import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/server/limits/rules.js';
import { DEMO_TOKENS, startStack, type Stack } from './helpers/stack.js';
import { SseReader } from './helpers/sse.js';

/** Live updates at their limits: costs, caps, slow readers, deletions, heartbeats, shutdown, metrics. */
const SUB = 'subscription { offeringUserChanged { kind uuid changedFields } }';
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('live updates, bounded and safe', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      size: 40,
      live: { pollIntervalMs: 150, reconcileMs: 600, heartbeatMs: 150, maxPerCaller: 3, maxSubscriptions: 5, subscriberBuffer: 3 },
      gateway: { limits: { ...DEFAULT_LIMITS, maxCost: 10 } },
    });
  });
  afterAll(() => stack.close());

  const subscribe = async (token: string = DEMO_TOKENS.staff, query = SUB) =>
    new SseReader(
      await fetch(`${stack.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Token ${token}` },
        body: JSON.stringify({ query }),
      }),
    );
  const touch = (uuid: string) => {
    const ou = stack.sim.store.offeringUsers.get(uuid)!;
    ou.is_restricted = !ou.is_restricted;
    ou.modified = new Date().toISOString().replace('Z', '000Z');
  };
  const errorOf = async (sse: SseReader) => ((await sse.nextResult()).result as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code;

  it('costs the subscription document as it opens, as it does a query', async () => {
    // Cost 12 (two checklists, a completion, a consent per event) against a limit of 10 here.
    const costly = await subscribe(
      DEMO_TOKENS.staff,
      'subscription { offeringUserChanged { offeringUser { a: checklist { questions { uuid } } b: checklist { questions { uuid } } c: completionStatus { isCompleted } consent { uuid } } } }',
    );
    expect(await errorOf(costly)).toBe('OPERATION_LIMIT');
  });

  it('sends a heartbeat comment every LIVE_HEARTBEAT_MS', async () => {
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Token ${DEMO_TOKENS.staff}` },
      body: JSON.stringify({ query: SUB }),
    });
    const reader = res.body!.getReader();
    const text: string[] = [];
    const until = Date.now() + 700;
    while (Date.now() < until) {
      const { value } = await reader.read();
      text.push(new TextDecoder().decode(value));
    }
    await reader.cancel();
    expect(text.join('').match(/^:$/gm)!.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses subscriptions past the limit per caller and per process, with SUBSCRIPTION_LIMIT', async () => {
    await settle();
    const mine = await Promise.all([subscribe(), subscribe(), subscribe()]);
    await settle(200);
    expect(await errorOf(await subscribe())).toBe('SUBSCRIPTION_LIMIT');
    const others = await Promise.all([subscribe(DEMO_TOKENS.owner), subscribe(DEMO_TOKENS.manager)]);
    await settle(200);
    expect(await errorOf(await subscribe(DEMO_TOKENS.user))).toBe('SUBSCRIPTION_LIMIT');
    await Promise.all([...mine, ...others].map((s) => s.close()));
    await settle();
  });

  it('disconnects a subscriber that has more events waiting than LIVE_SUBSCRIBER_BUFFER, saying why', async () => {
    const slow = await subscribe();
    await settle();
    // One poll, ten changes: ten events at once for a reader whose buffer holds three.
    for (const ou of [...stack.sim.store.offeringUsers.values()].slice(0, 10)) touch(ou.uuid);
    const codes: string[] = [];
    for (;;) {
      const e = await slow.next(3_000);
      if (!e || e.event === 'complete') break;
      const r = JSON.parse(e.data) as { errors?: Array<{ extensions: { code: string } }> };
      if (r.errors) codes.push(r.errors[0].extensions.code);
    }
    expect(codes).toEqual(['SLOW_SUBSCRIBER']);
  });

  it('reports a deletion through the gateway at once, and one made behind its back by reconciling', async () => {
    const sse = await subscribe();
    await settle();
    const [viaGateway, behind] = [...stack.sim.store.offeringUsers.values()].slice(20, 22);
    const t0 = Date.now();
    const r = await stack.gql('mutation($u: UUID!) { deleteOfferingUser(input: { uuid: $u }) { __typename } }', { u: viaGateway.uuid }, 'staff');
    expect(r.errors).toBeUndefined();
    expect((await sse.nextResult()).result.data.offeringUserChanged).toEqual({ kind: 'DELETED', uuid: viaGateway.uuid, changedFields: [] });
    expect(Date.now() - t0).toBeLessThan(600);
    stack.sim.store.offeringUsers.delete(behind.uuid);
    expect((await sse.nextResult(2_000)).result.data.offeringUserChanged).toEqual({ kind: 'DELETED', uuid: behind.uuid, changedFields: [] });
    await sse.close();
  });

  it('on shutdown ends open streams with a retry hint and no complete, and refuses new ones', async () => {
    const sse = await subscribe();
    await settle();
    stack.lifecycle.endStreams!();
    const e = await sse.next();
    expect(e).toMatchObject({ retry: 1000 });
    expect(await sse.next()).toBeUndefined();
    expect(await errorOf(await subscribe())).toBe('UNAVAILABLE');
  });

  it('counts subscriptions, cohorts, polls, events and refusals on /metrics', async () => {
    const text = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(text).toMatch(/^live_polls_total\{outcome="quiet"\} [1-9]/m);
    expect(text).toMatch(/^live_polls_total\{outcome="changes"\} [1-9]/m);
    expect(text).toMatch(/^live_events_delivered_total\{kind="DELETED"\} [2-9]$/m);
    expect(text).toMatch(/^live_subscriptions_refused_total\{reason="caller_limit"\} 1$/m);
    expect(text).toMatch(/^live_subscriptions_refused_total\{reason="process_limit"\} 1$/m);
    expect(text).toMatch(/^live_subscriptions_refused_total\{reason="draining"\} 1$/m);
    expect(text).toMatch(/^live_subscriptions \d+$/m);
    expect(text).toMatch(/^live_cohorts \d+$/m);
  });
});
