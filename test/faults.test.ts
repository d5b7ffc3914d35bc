import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from 'waldur-simulator/faults';
import { parsePath, useStack, type Stack } from './helpers/stack.js';

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const use = useStack({ size: 80, upstreamTimeoutMs: 400, client: { retries: 2, circuitFailureThreshold: 1000, circuitResetMs: 300 } });
let stack: Stack;
beforeEach(() => {
  stack = use();
  stack.sim.setFaults([]);
});

const LIST = '{ offeringUsers(first: 2) { totalCount } }';
const listCalls = () => stack.upstream().filter((c) => c.path.startsWith('/api/marketplace-offering-users/'));

describe('fault matrix: what a client sees, and how often Waldur was asked', () => {
  const cases: Array<[string, FaultSpec, string, number]> = [
    ['500', { kind: 'status', status: 500 }, 'UPSTREAM_ERROR', 1],
    ['502', { kind: 'status', status: 502 }, 'UPSTREAM_UNAVAILABLE', 3],
    ['503', { kind: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE', 3],
    ['504', { kind: 'status', status: 504 }, 'UPSTREAM_UNAVAILABLE', 3],
    ['connection reset', { kind: 'reset' }, 'UPSTREAM_UNAVAILABLE', 3],
    ['truncated body', { kind: 'truncate' }, 'UPSTREAM_UNAVAILABLE', 3],
    ['non-JSON body', { kind: 'non-json' }, 'UPSTREAM_ERROR', 3],
    ['body that never ends', { kind: 'hang' }, 'UPSTREAM_TIMEOUT', 3],
  ];
  it.each(cases)('%s', async (_name, fault, code, attempts) => {
    stack.sim.setFaults([{ ...fault, match: '^GET /api/marketplace-offering-users/' }]);
    const r = await stack.gql(LIST, {}, 'staff');
    expect(r.data.offeringUsers).toBeNull();
    expect(r.errors![0].extensions!.code).toBe(code);
    expect(r.errors![0].message).not.toMatch(/Traceback|html|Error:/);
    expect(listCalls()).toHaveLength(attempts);
  });

  it('429: never retried at once; the caller backs off for Retry-After (at least 1 s), other callers do not', async () => {
    for (const [who, retryAfter] of [
      ['manager', 0],
      ['support', 60],
    ] as const) {
      stack.sim.clearLog();
      stack.sim.setFaults([{ kind: 'status', status: 429, retryAfter, match: '^GET /api/marketplace-offering-users/' }]);
      const r = await stack.gql(LIST, {}, who);
      expect(r.data.offeringUsers).toBeNull();
      expect(r.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', upstreamStatus: 429 });
      expect(listCalls()).toHaveLength(1);
      // Waldur is not asked again while the caller backs off, even once it stops throttling.
      stack.sim.setFaults([]);
      const again = await stack.gql(LIST, {}, who);
      expect(again.errors![0].extensions!.code).toBe('UPSTREAM_RATE_LIMITED');
      expect(again.errors![0].message).toMatch(/try again in \d+ s/);
      expect(listCalls()).toHaveLength(1);
    }
    // Another caller is not held back, and the breaker learned nothing from the 429s.
    expect((await stack.gql(LIST, {}, 'staff')).data.offeringUsers).not.toBeNull();
    expect(stack.client.breaker.state).toBe('closed');
    // Retry-After 0 still backs off for a second, then the caller is served again.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await stack.gql(LIST, {}, 'manager')).data.offeringUsers).not.toBeNull();
  });

  it('a transient fault is hidden by a retry with backoff', async () => {
    // At rate 0.3 all three attempts fail 2.7% of the time: 7 of 10 succeed but once in a million runs.
    stack.sim.setFaults([{ kind: 'status', status: 503, match: '^GET /api/marketplace-offering-users/', rate: 0.3 }]);
    let ok = 0;
    for (let i = 0; i < 10; i++) if ((await stack.gql(LIST, {}, 'staff')).data.offeringUsers) ok++;
    expect(ok).toBeGreaterThanOrEqual(7);
  });

  it('writes are never retried: a transition is sent exactly once', async () => {
    const nhpc = [...stack.sim.store.customers.values()].find((c) => c.abbreviation === 'NHPC')!;
    const ou = [...stack.sim.store.offeringUsers.values()].find(
      (o) =>
        stack.sim.store.offerings.get(o.offering_uuid)!.customer_uuid === nhpc.uuid && stack.sim.store.offerings.get(o.offering_uuid)!.can_create_offering_user,
    )!;
    ou.state = 1;
    stack.sim.setFaults([{ kind: 'status', status: 503, match: '^POST ' }]);
    const r = await stack.gql('mutation($u: UUID!) { r: beginCreatingOfferingUser(input: { uuid: $u }) { __typename } }', { u: ou.uuid }, 'owner');
    expect(r.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.upstream().filter((c) => c.method === 'POST')).toHaveLength(1);
    // The answer was lost after the change happened: still one POST, and the error says so.
    stack.sim.clearLog();
    stack.sim.setFaults([{ kind: 'reset', match: '^POST ', after: true }]);
    const lost = await stack.gql('mutation($u: UUID!) { r: beginCreatingOfferingUser(input: { uuid: $u }) { __typename } }', { u: ou.uuid }, 'owner');
    expect(lost.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.upstream().filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(stack.sim.store.offeringUsers.get(ou.uuid)!.state).toBe(2);
  });

  it('a failing field is null with a typed error; the rest of the query answers', async () => {
    stack.sim.setFaults([{ kind: 'status', status: 500, match: '^GET /api/marketplace-offering-users/' }]);
    const r = await stack.gql('{ offeringUsers(first: 1) { totalCount } serviceProviders(first: 2) { totalCount } }', {}, 'staff');
    expect(r.data.offeringUsers).toBeNull();
    expect(r.data.serviceProviders.totalCount).toBe(4);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].path).toEqual(['offeringUsers']);
  });

  it('isolation holds under faults: two tokens interleaved never see each other', async () => {
    stack.sim.setFaults([
      { kind: 'status', status: 503, rate: 0.3 },
      { kind: 'reset', rate: 0.1 },
    ]);
    const q = '{ offeringUsers(first: 50) { nodes { user { username } } } }';
    const runs = await Promise.all(
      Array.from({ length: 30 }, (_, i): 'user' | 'otherUser' => (i % 2 ? 'user' : 'otherUser')).map(async (who) => ({ who, r: await stack.gql(q, {}, who) })),
    );
    let answered = 0;
    for (const { who, r } of runs) {
      if (!r.data?.offeringUsers) {
        expect(r.errors![0].extensions!.code).toMatch(/^UPSTREAM_/);
        continue;
      }
      answered++;
      const names = new Set(r.data.offeringUsers.nodes.map((n) => n.user.username));
      expect(names).toEqual(new Set([who === 'user' ? 'uma.user' : 'victor.visitor']));
    }
    expect(answered).toBeGreaterThan(10);
    for (const c of stack.upstream()) if (c.caller) expect(['uma.user', 'victor.visitor']).toContain(c.caller);
  });
});

describe('circuit breaker', () => {
  it('fails fast and reports not ready while Waldur is down, then recovers on its own', async () => {
    const { startStack } = await import('./helpers/stack.js');
    const s = await startStack({ size: 20, client: { retries: 0, circuitFailureThreshold: 3, circuitResetMs: 300 } });
    try {
      s.sim.setFaults([{ kind: 'reset' }]);
      for (let i = 0; i < 3; i++) await s.gql(LIST, {}, 'staff');
      const attempted = s.upstream().length;
      const fast = await s.gql(LIST, {}, 'staff');
      expect(fast.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(fast.errors![0].message).toMatch(/pauses calls/);
      expect(s.upstream().length).toBe(attempted);
      expect((await fetch(`${s.gateway.url}/ready`)).status).toBeGreaterThanOrEqual(500);
      s.sim.setFaults([]);
      await new Promise((r) => setTimeout(r, 350));
      expect((await s.gql(LIST, {}, 'staff')).data.offeringUsers.totalCount).toBeGreaterThan(0);
      expect((await fetch(`${s.gateway.url}/ready`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('no leaked sockets', () => {
  it('after faults, the gateway keeps working over its pool', async () => {
    stack.sim.setFaults([
      { kind: 'hang', rate: 0.5 },
      { kind: 'reset', rate: 0.5 },
    ]);
    await Promise.all(Array.from({ length: 10 }, () => stack.gql(LIST, {}, 'staff')));
    stack.sim.setFaults([]);
    const r = await stack.gql(LIST, {}, 'staff');
    expect(r.data.offeringUsers.totalCount).toBeGreaterThan(0);
    expect(parsePath(listCalls().at(-1)!.path).pathname).toBe('/api/marketplace-offering-users/');
  });
});
