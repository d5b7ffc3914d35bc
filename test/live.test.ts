import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKENS, startStack, type Stack } from './helpers/stack.js';
import { SseReader } from './helpers/sse.js';

const SUB =
  'subscription Live($filter: OfferingUserFilter, $uuid: UUID) { offeringUserChanged(filter: $filter, uuid: $uuid) { kind uuid changedFields offeringUser { uuid state isRestricted } } }';

describe('offeringUserChanged over SSE (one replica, in-process feed)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ size: 40, live: { pollIntervalMs: 150, heartbeatMs: 60_000 } });
  });
  afterAll(() => stack.close());

  const subscribe = async (variables: Record<string, unknown> = {}, token: string | null = DEMO_TOKENS.staff, headers: Record<string, string> = {}) => {
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Token ${token}` } : {}), ...headers },
      body: JSON.stringify({ query: SUB, variables }),
    });
    return new SseReader(res);
  };
  const anyAccount = (state: number) => [...stack.sim.store.offeringUsers.values()].find((o) => o.state === state)!;
  /** A change made at Waldur behind the gateway's back (what a site agent does). */
  const restrict = (uuid: string, value: boolean) => {
    const ou = stack.sim.store.offeringUsers.get(uuid)!;
    ou.is_restricted = value;
    ou.modified = new Date().toISOString().replace('Z', '000Z');
  };
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  it('pushes a change made at Waldur, with an SSE id, no proxy buffering, and the fields that changed', async () => {
    const sse = await subscribe();
    expect(sse.response.headers.get('content-type')).toBe('text/event-stream');
    expect(sse.response.headers.get('x-accel-buffering')).toBe('no');
    await settle();
    const ou = anyAccount(5);
    restrict(ou.uuid, !ou.is_restricted);
    const { id, result } = await sse.nextResult();
    expect(id).toMatch(/^\d+-\d+$/);
    expect(result).toEqual({
      data: {
        offeringUserChanged: {
          kind: 'UPDATED',
          uuid: ou.uuid,
          changedFields: ['isRestricted'],
          offeringUser: { uuid: ou.uuid, state: 'OK', isRestricted: ou.is_restricted },
        },
      },
      extensions: { eventId: id },
    });
    await sse.close();
  });

  it('resumes with Last-Event-ID: exactly the events missed; an id past retention gets RESYNC', async () => {
    const first = await subscribe();
    const keep = await subscribe(); // keeps the cohort polling while the first is away
    await settle();
    const [a, b, c, d] = [...stack.sim.store.offeringUsers.values()].slice(0, 4);
    restrict(a.uuid, !a.is_restricted);
    const seen = await first.nextResult();
    await first.close();
    for (const ou of [b, c, d]) {
      restrict(ou.uuid, !ou.is_restricted);
      await settle(200);
    }
    await settle();
    const again = await subscribe({}, DEMO_TOKENS.staff, { 'last-event-id': seen.id! });
    const missed = [await again.nextResult(), await again.nextResult(), await again.nextResult()];
    expect(missed.map((m) => m.result.data.offeringUserChanged.uuid)).toEqual([b.uuid, c.uuid, d.uuid]);
    await again.close();
    const old = await subscribe({}, DEMO_TOKENS.staff, { 'last-event-id': `${Date.now() - 3_600_000}-0` });
    expect((await old.nextResult()).result.data.offeringUserChanged).toEqual({ kind: 'RESYNC', uuid: null, changedFields: [], offeringUser: null });
    await old.close();
    await keep.close();
  });

  it('one poll per interval for a cohort, whatever its subscribers; a cohort with none stops polling', async () => {
    const subs = await Promise.all([1, 2, 3, 4, 5].map(() => subscribe({ filter: { state: ['OK'] } })));
    await settle(300);
    expect([stack.feed!.subscriptions, stack.feed!.cohortCount]).toEqual([5, 1]);
    stack.sim.clearLog();
    await settle(1_500);
    const polls = stack.upstream().filter((r) => r.path.includes('modified=')).length;
    // 1.5 s at one poll per 150 ms: about 10, never 5 x 10.
    expect(polls).toBeGreaterThanOrEqual(6);
    expect(polls).toBeLessThanOrEqual(12);
    await Promise.all(subs.map((s) => s.close()));
    await settle(400);
    stack.sim.clearLog();
    await settle(600);
    expect(stack.upstream()).toEqual([]);
  });

  it("resolves each event afresh with the subscriber's credentials: what an earlier event read is not served again", async () => {
    const SUB_CONSENT = 'subscription { offeringUserChanged { kind uuid offeringUser { uuid isRestricted hasConsent consent { uuid revocationDate } } } }';
    const rows = await stack.gql<{ offeringUsers: { nodes: Array<{ uuid: string; consent: { uuid: string; revocationDate: string | null } | null }> } }>(
      '{ offeringUsers(first: 40) { nodes { uuid consent { uuid revocationDate } } } }',
      {},
      'staff',
    );
    const ou = rows.data.offeringUsers.nodes.find((n) => n.consent && !n.consent.revocationDate)!;
    const live = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Token ${DEMO_TOKENS.staff}` },
      body: JSON.stringify({ query: SUB_CONSENT }),
    }).then((r) => new SseReader(r));
    await settle();
    restrict(ou.uuid, !stack.sim.store.offeringUsers.get(ou.uuid)!.is_restricted);
    const first = (await live.nextResult()).result.data.offeringUserChanged;
    expect(first.offeringUser).toMatchObject({ uuid: ou.uuid, hasConsent: true, consent: { uuid: ou.consent!.uuid, revocationDate: null } });
    const revoked = await stack.gql('mutation($u: UUID!) { revokeConsent(input: { uuid: $u }) { __typename } }', { u: ou.consent!.uuid }, 'staff');
    expect(revoked.errors).toBeUndefined();
    // Waldur computes has_consent: revoking moves no `modified` of the account, so the next change does.
    restrict(ou.uuid, !stack.sim.store.offeringUsers.get(ou.uuid)!.is_restricted);
    const second = (await live.nextResult()).result.data.offeringUserChanged;
    expect(second.offeringUser).toMatchObject({ uuid: ou.uuid, hasConsent: false, consent: { uuid: ou.consent!.uuid, revocationDate: expect.any(String) } });
    await live.close();
  });

  it('one cohort per filter, however many times the document runs (graphql-jit compiles hot documents, never subscriptions)', async () => {
    const SUB_FILTER = 'subscription($f: OfferingUserFilter) { offeringUserChanged(filter: $f) { kind uuid } }';
    const open = (i: number) =>
      fetch(`${stack.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Token ${DEMO_TOKENS.staff}` },
        body: JSON.stringify({ query: SUB_FILTER, variables: { f: { query: `user-${i}` } } }),
      }).then((r) => new SseReader(r));
    const subs = await Promise.all([0, 1, 2, 3, 4, 5].map(open));
    await settle();
    // (Streams of earlier tests may still be ending: count this test's own cohorts.)
    expect(stack.feed!.cohortCount).toBeGreaterThanOrEqual(6);
    expect(stack.upstream().some((r) => r.path.includes('query=user-5'))).toBe(true);
    await Promise.all(subs.map((s) => s.close()));
  });

  it('refuses anonymous subscriptions, and ends streams when Waldur stops accepting the token', async () => {
    const anon = await subscribe({}, null);
    expect((await anon.nextResult()).result).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await anon.next()).toEqual({ event: 'complete', data: '' });
    const sse = await subscribe({}, DEMO_TOKENS.support);
    await settle();
    stack.sim.store.tokens.delete(DEMO_TOKENS.support);
    expect((await sse.nextResult(3_000)).result).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await sse.next()).toEqual({ event: 'complete', data: '' });
  });

  it('a mutation through the gateway is pushed at once, before the next poll would see it', async () => {
    await stack.close();
    stack = await startStack({ size: 40, live: { pollIntervalMs: 60_000, heartbeatMs: 60_000 } });
    const sse = await subscribe();
    await settle(500);
    const ou = anyAccount(5);
    const t0 = Date.now();
    const r = await stack.gql('mutation($u: UUID!) { requestOfferingUserDeletion(input: { uuid: $u }) { __typename } }', { u: ou.uuid }, 'staff');
    expect(r.errors).toBeUndefined();
    const { result } = await sse.nextResult(3_000);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(result.data.offeringUserChanged).toMatchObject({
      kind: 'UPDATED',
      uuid: ou.uuid,
      changedFields: ['state'],
      offeringUser: { state: 'DELETION_REQUESTED' },
    });
    await sse.close();
  });
});
