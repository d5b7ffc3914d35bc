import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TOKENS, parsePath, useStack, type GqlResult, type Stack, dashed, expectEach } from './helpers/stack.js';

const use = useStack({ inProcess: true });
let stack: Stack;
beforeEach(() => {
  stack = use();
});

const LIST = /* GraphQL */ `
  query List($first: Int, $after: String, $filter: OfferingUserFilter, $orderBy: [OfferingUserOrderBy!]) {
    offeringUsers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      nodes {
        uuid
        state
        username
        user {
          uuid
          username
          fullName
          email
        }
        offering {
          uuid
          name
        }
        customer {
          uuid
          name
        }
        allowedTransitions
      }
    }
  }
`;

describe('offeringUsers', () => {
  it('lists 50 rows with embedded fields in exactly one REST call', async () => {
    const r = await stack.gql(LIST, { first: 50 }, 'staff');
    expect(r.errors).toBeUndefined();
    expect(r.data.offeringUsers.nodes).toHaveLength(50);
    expect(r.data.offeringUsers.totalCount).toBe(stack.sim.store.offeringUsers.size);
    expect(r.upstreamCount).toBe(1);
    const calls = stack.upstream();
    expect(calls).toHaveLength(1);
    const { pathname, params } = parsePath(calls[0].path);
    expect(pathname).toBe('/api/marketplace-offering-users/');
    expect(params.get('page')).toBe('1');
    expect(params.get('page_size')).toBe('50');
    const first = r.data.offeringUsers.nodes[0];
    const dto = stack.sim.store.offeringUsers.get(first.uuid)!;
    expect(first.user.uuid).toBe(dto.user_uuid);
    expect(first.offering.uuid).toBe(dto.offering_uuid);
  });

  it('pages through every row with stable totals and one request per page', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    let total: unknown;
    do {
      const r: GqlResult = await stack.gql(LIST, { first: 70, after }, 'staff');
      expect(r.errors).toBeUndefined();
      expect(r.upstreamCount).toBe(1);
      total ??= r.data.offeringUsers.totalCount;
      expect(r.data.offeringUsers.totalCount).toBe(total);
      expect(r.data.offeringUsers.pageInfo.hasPreviousPage).toBe(pages > 0);
      for (const n of r.data.offeringUsers.nodes) seen.add(n.uuid);
      after = r.data.offeringUsers.pageInfo.hasNextPage ? r.data.offeringUsers.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(Number(total) / 70));
  });

  it('passes every filter and the ordering to Waldur in its own encoding', async () => {
    const store = stack.sim.store;
    const off = [...store.offerings.values()].filter((o) => o.can_create_offering_user);
    const filter = {
      offeringUuid: [off[0].uuid, off[1].uuid],
      offeringSlug: [off[0].slug, off[1].slug],
      offering: `${stack.sim.apiRoot}marketplace-provider-offerings/${off[0].uuid}/`,
      parentOfferingUuid: off[2].uuid,
      userUuid: [...store.users.values()][3].uuid,
      userUsername: 'uma.user',
      providerUuid: off[0].customer_uuid,
      isRestricted: false,
      state: ['OK', 'PENDING_ACCOUNT_LINKING'],
      hasConsent: true,
      hasCompleteProfile: true,
      createdAfter: '2025-01-01T00:00:00Z',
      modifiedAfter: '2025-01-02T00:00:00Z',
      query: 'uma',
    };
    const r = await stack.gql(LIST, { first: 5, filter, orderBy: ['CREATED_DESC', 'USERNAME_ASC'] }, 'staff');
    expect(r.errors).toBeUndefined();
    const { params } = parsePath(stack.upstream()[0].path);
    expect(params.get('offering_uuid')).toBe(`${dashed(off[0].uuid)},${dashed(off[1].uuid)}`);
    expect(params.get('offering_slug')).toBe(`${off[0].slug},${off[1].slug}`);
    expect(params.get('offering')).toBe(filter.offering);
    expect(params.get('parent_offering_uuid')).toBe(dashed(filter.parentOfferingUuid));
    expect(params.get('user_uuid')).toBe(dashed(filter.userUuid));
    expect(params.get('user_username')).toBe('uma.user');
    expect(params.get('provider_uuid')).toBe(dashed(filter.providerUuid));
    expect(params.get('is_restricted')).toBe('false');
    expect(params.getAll('state')).toEqual(['OK', 'Pending account linking']);
    expect(params.get('has_consent')).toBe('true');
    expect(params.get('has_complete_profile')).toBe('true');
    expect(params.get('created')).toBe('2025-01-01T00:00:00.000Z');
    expect(params.get('modified')).toBe('2025-01-02T00:00:00.000Z');
    expect(params.get('query')).toBe('uma');
    expect(params.get('o')).toBe('-created,username');
  });

  it('filters by state and sorts as asked', async () => {
    const r = await stack.gql(LIST, { first: 100, filter: { state: ['PENDING_ACCOUNT_LINKING'] }, orderBy: ['CREATED_DESC'] }, 'staff');
    const nodes = r.data.offeringUsers.nodes;
    expect(nodes.length).toBeGreaterThan(3);
    expect(new Set(nodes.map((n) => n.state))).toEqual(new Set(['PENDING_ACCOUNT_LINKING']));
    const created = nodes.map((n) => stack.sim.store.offeringUsers.get(n.uuid)!.created);
    expect(created).toEqual([...created].sort().reverse());
    expectEach(nodes, (n) => n.allowedTransitions.includes('SET_VALIDATION_COMPLETE'));
  });

  it('first: 0 gives the total only, from a HEAD request', async () => {
    const r = await stack.gql('{ offeringUsers(first: 0, filter: { state: [OK] }) { totalCount nodes { uuid } } }', {}, 'staff');
    expect(r.data.offeringUsers).toEqual({ totalCount: [...stack.sim.store.offeringUsers.values()].filter((o) => o.state === 5).length, nodes: [] });
    expect(r.upstreamCount).toBe(1);
    expect(stack.upstream()[0]).toMatchObject({ method: 'HEAD', bytes: 0 });
  });
});

describe('offeringUser and node', () => {
  const DETAIL = 'query($uuid: UUID!) { offeringUser(uuid: $uuid) { id uuid state created modified url hasConsent requiresReconsent user { username } } }';

  it('reads one by hex or dashed UUID, returning Waldur hex', async () => {
    const ou = [...stack.sim.store.offeringUsers.values()][10];
    const r = await stack.gql(DETAIL, { uuid: ou.uuid.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5') }, 'staff');
    expect(r.data.offeringUser.uuid).toBe(ou.uuid);
    expect(r.data.offeringUser.created).toBe(ou.created);
    expect(r.upstreamCount).toBe(1);
    expect(parsePath(stack.upstream()[0].path).pathname).toBe(`/api/marketplace-offering-users/${dashed(ou.uuid)}/`);

    const n = await stack.gql('query($id: ID!) { node(id: $id) { __typename ... on OfferingUser { uuid } } }', { id: r.data.offeringUser.id }, 'staff');
    expect(n.data.node).toEqual({ __typename: 'OfferingUser', uuid: ou.uuid });
  });

  it('gives null for a missing object', async () => {
    const r = await stack.gql(DETAIL, { uuid: '0'.repeat(32) }, 'staff');
    expect(r.errors).toBeUndefined();
    expect(r.data.offeringUser).toBeNull();
  });

  it('dedupes the same object asked twice in one operation', async () => {
    const ou = [...stack.sim.store.offeringUsers.values()][5];
    const r = await stack.gql(`query($u: UUID!) { a: offeringUser(uuid: $u) { uuid } b: offeringUser(uuid: $u) { state } }`, { u: ou.uuid }, 'staff');
    expect(r.data.a.uuid).toBe(ou.uuid);
    expect(r.upstreamCount).toBe(1);
  });
});

describe('visibility and isolation', () => {
  it('a plain user sees only their own accounts, others are null', async () => {
    const r = await stack.gql(LIST, { first: 100 }, 'user');
    const me = [...stack.sim.store.users.values()].find((u) => u.username === 'uma.user')!;
    expect(r.data.offeringUsers.nodes.length).toBeGreaterThan(0);
    expectEach(r.data.offeringUsers.nodes, (n) => n.user.uuid === me.uuid);
    const foreign = [...stack.sim.store.offeringUsers.values()].find((o) => o.user_uuid !== me.uuid)!;
    const d = await stack.gql('query($u: UUID!) { offeringUser(uuid: $u) { uuid } }', { u: foreign.uuid }, 'user');
    expect(d.data.offeringUser).toBeNull();
  });

  it("two callers in parallel never see each other's data", async () => {
    const q = '{ offeringUsers(first: 50) { totalCount nodes { user { username } } } }';
    const runs = await Promise.all(
      Array.from({ length: 24 }, (_, i): 'user' | 'otherUser' => (i % 2 === 0 ? 'user' : 'otherUser')).map(async (who) => ({
        who,
        r: await stack.gql(q, {}, who),
      })),
    );
    for (const { who, r } of runs) {
      const expected = who === 'user' ? 'uma.user' : 'victor.visitor';
      const names = new Set(r.data.offeringUsers.nodes.map((n) => n.user.username));
      expect(names).toEqual(new Set([expected]));
    }
    // Every upstream call carried the token of the caller it was made for.
    const callers = new Set(stack.upstream().map((c) => c.caller));
    expect(callers).toEqual(new Set(['uma.user', 'victor.visitor']));
  });
});

describe('errors', () => {
  it('rejects bad input before any upstream call', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      [LIST, { first: 301 }],
      [LIST, { first: -1 }],
      [LIST, { after: 'not-a-cursor' }],
      [LIST, { filter: { offeringUuid: ['nope'] } }],
      [LIST, { filter: { state: ['SLEEPING'] } }],
      [LIST, { filter: { createdAfter: 'yesterday' } }],
      [LIST, { filter: { offering: 'not a url' } }],
      ['query($u: UUID!) { offeringUser(uuid: $u) { uuid } }', { u: '1234' }],
    ];
    for (const [q, v] of cases) {
      const r = await stack.gql(q, v, 'staff');
      expect(r.errors?.[0]?.message, JSON.stringify(v)).toBeTruthy();
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(v)).toBe('BAD_USER_INPUT');
      // Whichever root field the case reads, it holds nothing.
      expect(r.data?.offeringUsers ?? r.data?.offeringUser ?? null, JSON.stringify(v)).toBeNull();
    }
    expect(stack.upstream()).toHaveLength(0);
    const r = await stack.gql(LIST, { first: 301 }, 'staff');
    expect(r.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/between 0 and 300/);
  });

  it('maps 401 to UNAUTHENTICATED with and without a token', async () => {
    const none = await stack.gql(LIST, {}, null);
    expect(none.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const bad = await stack.gql(LIST, {}, null, { authorization: 'Token 0000000000000000000000000000000000000000' });
    expect(bad.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(bad.errors![0].message).toBe('Invalid token.');
  });

  it('forwards Bearer tokens unchanged', async () => {
    const r = await stack.gql('{ offeringUsers(first: 1) { totalCount } }', {}, null, { authorization: `Bearer ${DEMO_TOKENS.staff}` });
    expect(r.data.offeringUsers.totalCount).toBe(stack.sim.store.offeringUsers.size);
    expect(stack.upstream()[0].caller).toBe('staff');
  });
});

describe('sparse fieldsets', () => {
  it('pushes the selection down to Waldur field= and ships fewer bytes', async () => {
    const full = await stack.gql('{ offeringUsers(first: 50) { nodes { uuid state user { username } } pageInfo { hasNextPage } } }', {}, 'staff');
    const sparse = stack.upstream()[0];
    const { params } = parsePath(sparse.path);
    expect(params.getAll('field').sort()).toEqual(expect.arrayContaining(['offering_uuid', 'state', 'uuid', 'user_username']));
    expect(params.getAll('field')).not.toContain('customer_name');
    expect(full.data.offeringUsers.nodes[0].user.username).toBeTruthy();
    stack.sim.clearLog();
    // `__typename` only asks nothing extra; an unmapped selection would fall back to every field.
    await stack.gql(
      '{ offeringUsers(first: 50) { nodes { uuid state user { username } customer { name } offering { name } created modified hasConsent requiresReconsent isRestricted username url serviceProviderComment missingProfileAttributes isProfileComplete } } }',
      {},
      'staff',
    );
    const wide = stack.upstream()[0];
    expect(sparse.bytes).toBeLessThan(wide.bytes / 2);
  });

  it('fields reached through fragments are pushed down too', async () => {
    await stack.gql(
      'query { offeringUsers(first: 5) { edges { node { ...F } } } } fragment F on OfferingUser { ... on OfferingUser { hasConsent } serviceProvider { uuid } }',
      {},
      'staff',
    );
    const { params } = parsePath(stack.upstream()[0].path);
    expect(params.getAll('field').sort()).toEqual(['customer_uuid', 'has_consent', 'offering_uuid', 'uuid']);
  });
});
