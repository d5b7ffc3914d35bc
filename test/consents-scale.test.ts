import { expect, it } from 'vitest';
import { parsePath, useStack, expectEach } from './helpers/stack.js';

const use = useStack({ size: 30_000, inProcess: true });

it('with 30,000 offering users, the consent link of a 2-row page costs 2 exact reads, not the offering', async () => {
  const stack = use();
  const r = await stack.gql('{ offeringUsers(first: 2, orderBy: [CREATED_DESC]) { nodes { uuid consent { uuid hasConsent } } } }', {}, 'staff');
  expect(r.errors).toBeUndefined();
  const consentCalls = stack.upstream().filter((c) => c.path.startsWith('/api/marketplace-user-offering-consents/'));
  expect(r.upstreamCount).toBe(1 + consentCalls.length);
  expect(consentCalls.length).toBeLessThanOrEqual(2);
  // Each names its exact pair and asks for one row: what it reads does not grow with the offering.
  for (const c of consentCalls) {
    const p = parsePath(c.path).params;
    expect([p.has('user_uuid'), p.has('offering_uuid'), p.get('page_size')]).toEqual([true, true, '1']);
    expect(c.bytes).toBeLessThan(2_000);
  }
  for (const n of r.data.offeringUsers.nodes) {
    const ou = stack.sim.store.offeringUsers.get(n.uuid)!;
    expect(n.consent?.uuid ?? null).toBe(stack.sim.store.consentOf(ou.user_uuid, ou.offering_uuid)?.uuid ?? null);
  }
});

it('with 30,000 offering users, 50 rows cost at most one call per row and group, never a page per 300 consents', async () => {
  const stack = use();
  const r = await stack.gql('{ offeringUsers(first: 50, orderBy: [CREATED_DESC]) { nodes { uuid consent { uuid } } } }', {}, 'staff');
  expect(r.errors).toBeUndefined();
  const consentCalls = stack.upstream().filter((c) => c.path.startsWith('/api/marketplace-user-offering-consents/'));
  const offerings = new Set(r.data.offeringUsers.nodes.map((n) => stack.sim.store.offeringUsers.get(n.uuid)!.offering_uuid));
  expect(consentCalls.length).toBeLessThanOrEqual(offerings.size + 50);
  // Never a second page of any group: the cost does not follow the size of the offering.
  expectEach(consentCalls, (c) => (parsePath(c.path).params.get('page') ?? '1') === '1');
});
