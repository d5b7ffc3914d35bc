import { expect, it } from 'vitest';
import { exampleTabs } from '../src/server/graphiql-examples.js';
import { DEMO_TOKENS, startStack } from './helpers/stack.js';

it('GraphiQL serves the example tabs with the demo token, and every example answers', async () => {
  const probe = await startStack({ size: 60 });
  const nhpc = [...probe.sim.store.customers.values()].find((c) => c.abbreviation === 'NHPC')!;
  const uuid = [...probe.sim.store.offeringUsers.values()].find((o) => o.state === 1 && probe.sim.store.offerings.get(o.offering_uuid)!.customer_uuid === nhpc.uuid)!.uuid;
  await probe.close();
  const stack = await startStack({ size: 60, gateway: { demoAuthorization: `Token ${DEMO_TOKENS.owner}`, exampleOfferingUserUuid: uuid } });
  try {
    const page = await (await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('Waldur marketplace GraphQL');
    expect(page).toContain('PendingOfferingUsers');
    expect(page).toContain(DEMO_TOKENS.owner);
    expect(page).toContain(uuid);
    for (const tab of exampleTabs(uuid)) {
      const r = await stack.gql(tab.query, 'variables' in tab ? JSON.parse(tab.variables as string) : {}, 'owner');
      expect(r.errors, tab.query.split('\n')[0]).toBeUndefined();
    }
  } finally {
    await stack.close();
  }
});
