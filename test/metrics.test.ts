import { beforeEach, expect, it } from 'vitest';
import { useStack, type Stack } from './helpers/stack.js';

const use = useStack({ size: 50 });
let stack: Stack;
beforeEach(() => {
  stack = use();
});

it('/metrics reports operations by name and outcome, and upstream requests by route template', async () => {
  await stack.gql('query ListSome { offeringUsers(first: 3) { totalCount } }', {}, 'staff');
  await stack.gql('query ListSome { offeringUsers(first: 3) { totalCount } }', {}, null);
  const ou = [...stack.sim.store.offeringUsers.values()][0];
  await stack.gql('query One($u: UUID!) { offeringUser(uuid: $u) { uuid } }', { u: ou.uuid }, 'staff');
  const res = await fetch(`${stack.gateway.url}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  const text = await res.text();
  expect(text).toMatch(/graphql_operations_total\{operation="ListSome",type="query",outcome="success"\} 1/);
  expect(text).toMatch(/graphql_operations_total\{operation="ListSome",type="query",outcome="error"\} 1/);
  expect(text).toMatch(/upstream_requests_total\{method="GET",route="\/api\/marketplace-offering-users\/",status="200"\} 1/);
  expect(text).toMatch(/upstream_requests_total\{method="GET",route="\/api\/marketplace-offering-users\/",status="UNAUTHENTICATED"\} 1|status="401"\} 1/);
  expect(text).toMatch(/upstream_requests_total\{method="GET",route="\/api\/marketplace-offering-users\/\{uuid\}\/",status="200"\} 1/);
  expect(text).toMatch(/upstream_request_duration_seconds_bucket\{/);
  expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
  // No UUIDs and no credentials in label values.
  expect(text).not.toContain(ou.uuid);
  expect(text).not.toMatch(/[0-9a-f]{40}/);
});
