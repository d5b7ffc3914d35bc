import { describe, expect, it } from 'vitest';
import { exampleTabs } from '../src/server/graphiql/examples.js';
import { demoFor } from 'waldur-simulator/demo';
import type { UpstreamCall } from '../src/server/plugins/use-upstream-trace.js';
import { DEMO_TOKENS, startStack, useStack } from './helpers/stack.js';

const stack = useStack({ size: 60 });

interface Traced {
  data?: unknown;
  errors?: unknown[];
  extensions?: { upstreamCalls?: UpstreamCall[]; upstreamCallsOmitted?: number };
}

async function traced(url: string, query: string, variables: unknown, headers: Record<string, string> = { 'x-upstream-trace': '1' }): Promise<Traced> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.owner}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Traced;
}

/** Times vary from run to run; everything else is the seed's. */
const timeless = (calls: UpstreamCall[] | undefined) => calls?.map(({ ms, startedAtMs, ...c }) => ({ ...c, ms: typeof ms, startedAtMs: typeof startedAtMs }));

describe('extensions.upstreamCalls (x-upstream-trace: 1)', () => {
  it("lists the provider dashboard's REST calls in order: route with real uuids, query as sent, status, attempt, fields per read", async () => {
    const tab = exampleTabs(demoFor(stack().sim).examples).find((t) => t.query.includes('ProviderDashboard'))!;
    const r = await traced(stack().gateway.url, tab.query, JSON.parse(tab.variables!));
    expect(r.errors).toBeUndefined();
    const calls = r.extensions!.upstreamCalls!;
    expect(calls.length).toBe(stack().upstream().length);
    expect(calls.map((c) => c.startedAtMs)).toEqual([...calls.map((c) => c.startedAtMs)].sort((a, b) => a - b));
    expect(timeless(calls)).toMatchInlineSnapshot(`
      [
        {
          "askedBy": 2,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-service-providers/067ffe11-a51f-4dec-9c38-2791bf2c43e0/stat/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 2,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-service-providers/067ffe11-a51f-4dec-9c38-2791bf2c43e0/revenue/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 2,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-service-providers/067ffe11-a51f-4dec-9c38-2791bf2c43e0/compliance/compliance_overview/",
          "query": {
            "page": "1",
            "page_size": "20",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-service-providers/067ffe11-a51f-4dec-9c38-2791bf2c43e0/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/",
          "query": {
            "field": [
              "has_compliance_checklist",
              "offering_uuid",
              "state",
              "user",
              "user_active_isds",
              "user_affiliations",
              "user_birth_date",
              "user_civil_number",
              "user_country_of_residence",
              "user_eduperson_assurance",
              "user_email",
              "user_first_name",
              "user_full_name",
              "user_gender",
              "user_identity_source",
              "user_job_title",
              "user_last_name",
              "user_nationalities",
              "user_nationality",
              "user_organization",
              "user_organization_country",
              "user_organization_registry_code",
              "user_organization_type",
              "user_personal_title",
              "user_phone_number",
              "user_place_of_birth",
              "user_username",
              "user_uuid",
              "uuid",
            ],
            "o": "-created",
            "page": "1",
            "page_size": "20",
            "provider_uuid": "3e101037-45a2-4c84-b143-afbaca00fb24",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "42a8a609-75bc-4eb1-aaeb-c4a273469b18",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "b8e326f3-146e-4de6-9d5f-e7af55be8d3f",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "0d8648b6-1acc-4765-9b86-5509bc5d2497",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "8da380f3-07e5-47c8-ab6d-a256a18957a0",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "c9555b31-caaf-4e21-9dfd-68864d78b600",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "d0d41761-5a62-49fa-b0f7-029ffc11689f",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "77c2440b-1059-4587-993d-0d5247edd33a",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "9398bb3d-1163-4d7a-8f62-04543ed5c084",
            "page": "1",
            "page_size": "1",
            "user_uuid": "5673894f-2ae7-463c-a2ba-3e3587927815",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "9adc5a9c-cddc-48a0-ad8a-b041fde3241c",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "f367a7a0-9b6b-404c-bfd3-3044fb2c80ac",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "382a4445-8c5b-4951-85ed-f67629e60147",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "1319c15a-d8be-48d5-9149-53823110e269",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "3cc16c99-ac55-4362-b952-68dd6be90ee8",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "3834f303-ae90-4a61-89c8-184814d79079",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "page": "1",
            "page_size": "300",
            "user_uuid": "d197abbf-40f5-4be6-ae6c-e2b9423630aa",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "cfb5e4a4-1d0f-4674-beca-694fe7c647bc",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "6d3f597b-5dbb-403c-97cb-2f37305a928a",
            "page": "1",
            "page_size": "1",
            "user_uuid": "36ff59a8-5155-46fc-a40b-e644464d4043",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "a05cb685-54fa-407b-a29f-b03b12b1fc07",
            "page": "1",
            "page_size": "1",
            "user_uuid": "04d0ca35-df38-469b-a273-27fcee61c873",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-user-offering-consents/",
          "query": {
            "offering_uuid": "a05cb685-54fa-407b-a29f-b03b12b1fc07",
            "page": "1",
            "page_size": "1",
            "user_uuid": "1a587e04-efa5-488c-8b6d-7ca65141ab5e",
          },
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/5826ea45-b038-41af-956b-20f450030642/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/17523b78-78d4-4763-a850-b312299dd2b4/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/4c315a88-f480-480e-a513-0135c4615f8c/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/82d992fe-3767-4067-9e0d-5b110827dec1/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/c34922de-5a9d-4397-abb3-2a6f5027f0e9/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/6b82bd3d-56d6-4578-a2f9-978ec2c291ad/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/d800f3a1-e32c-4503-acac-04a70e589543/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/807a3044-9779-4635-a42a-66deab14b2c1/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/3097fee3-00ef-43f1-9b63-d639aea3cc75/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/529c8618-f48a-42ea-a821-96edc2435528/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/438255c9-22db-464f-95fc-15c69d4b7f37/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
        {
          "askedBy": 1,
          "attempt": 0,
          "method": "GET",
          "ms": "number",
          "path": "/api/marketplace-offering-users/9c7a363d-90d1-4007-902b-e2094615b3f6/completion_status/",
          "query": {},
          "startedAtMs": "number",
          "status": 200,
        },
      ]
    `);
  });

  it("the other example tabs' REST calls are what their '# REST:' comments say", async () => {
    const out: Record<string, unknown> = {};
    for (const name of ['PendingOfferingUsers', 'OfferingUserDetail', 'AskThenLink']) {
      const tab = exampleTabs(demoFor(stack().sim).examples).find((t) => t.query.includes(`${name}(`))!;
      expect(tab.query.split('\n').filter((l) => l.startsWith('# REST: '))).toHaveLength(1);
      const r = await traced(stack().gateway.url, tab.query, JSON.parse(tab.variables!));
      expect(r.errors).toBeUndefined();
      out[name] = timeless(r.extensions!.upstreamCalls);
    }
    expect(out).toMatchInlineSnapshot(`
      {
        "AskThenLink": [
          {
            "askedBy": 1,
            "attempt": 0,
            "method": "POST",
            "ms": "number",
            "path": "/api/marketplace-offering-users/d03340db-3b83-47a5-b337-6a456918be36/set_pending_additional_validation/",
            "query": {},
            "startedAtMs": "number",
            "status": 200,
          },
          {
            "askedBy": 1,
            "attempt": 0,
            "method": "GET",
            "ms": "number",
            "path": "/api/marketplace-offering-users/d03340db-3b83-47a5-b337-6a456918be36/",
            "query": {},
            "startedAtMs": "number",
            "status": 200,
          },
          {
            "askedBy": 1,
            "attempt": 0,
            "method": "POST",
            "ms": "number",
            "path": "/api/marketplace-offering-users/d03340db-3b83-47a5-b337-6a456918be36/set_pending_account_linking/",
            "query": {},
            "startedAtMs": "number",
            "status": 200,
          },
          {
            "askedBy": 1,
            "attempt": 0,
            "method": "GET",
            "ms": "number",
            "path": "/api/marketplace-offering-users/d03340db-3b83-47a5-b337-6a456918be36/",
            "query": {},
            "startedAtMs": "number",
            "status": 200,
          },
        ],
        "OfferingUserDetail": [
          {
            "askedBy": 1,
            "attempt": 0,
            "method": "GET",
            "ms": "number",
            "path": "/api/marketplace-offering-users/d03340db-3b83-47a5-b337-6a456918be36/",
            "query": {},
            "startedAtMs": "number",
            "status": 200,
          },
        ],
        "PendingOfferingUsers": [
          {
            "askedBy": 1,
            "attempt": 0,
            "method": "GET",
            "ms": "number",
            "path": "/api/marketplace-offering-users/",
            "query": {
              "field": [
                "customer_name",
                "customer_uuid",
                "offering",
                "offering_name",
                "offering_uuid",
                "service_provider_comment",
                "state",
                "user",
                "user_active_isds",
                "user_affiliations",
                "user_birth_date",
                "user_civil_number",
                "user_country_of_residence",
                "user_eduperson_assurance",
                "user_email",
                "user_first_name",
                "user_full_name",
                "user_gender",
                "user_identity_source",
                "user_job_title",
                "user_last_name",
                "user_nationalities",
                "user_nationality",
                "user_organization",
                "user_organization_country",
                "user_organization_registry_code",
                "user_organization_type",
                "user_personal_title",
                "user_phone_number",
                "user_place_of_birth",
                "user_username",
                "user_uuid",
                "uuid",
              ],
              "o": "-created",
              "page": "1",
              "page_size": "10",
              "state": [
                "Requested",
                "Creating",
                "Pending account linking",
                "Pending additional validation",
              ],
            },
            "startedAtMs": "number",
            "status": 200,
          },
        ],
      }
    `);
  });

  it("look-ahead: an account read by UUID starts its checklist reads beside its own read, each the field's own request, once", async () => {
    const sim = stack().sim;
    const ou = [...sim.store.offeringUsers.values()].find((o) => sim.store.offerings.get(o.offering_uuid)?.customer_uuid && o.state !== 1)!;
    const q = `query($u: UUID!) { offeringUser(uuid: $u) { state checklist(includeAll: true) { checklist { uuid } } completionStatus { isCompleted } skipped: completionStatus @skip(if: true) { isCompleted } } }`;
    // Once Waldur has accepted the token (a new token's first call goes alone, by design).
    await traced(stack().gateway.url, '{ offeringUsers(first: 0) { totalCount } }', {}, { authorization: `Token ${DEMO_TOKENS.staff}` });
    const r = await traced(stack().gateway.url, q, { u: ou.uuid }, { 'x-upstream-trace': '1', authorization: `Token ${DEMO_TOKENS.staff}` });
    const calls = r.extensions!.upstreamCalls!;
    expect(calls.map((c) => `${c.path.replace(/[0-9a-f-]{36}/, '<uuid>')} ${JSON.stringify(c.query)} ${c.askedBy}`).sort()).toEqual([
      '/api/marketplace-offering-users/<uuid>/ {} 1',
      '/api/marketplace-offering-users/<uuid>/checklist/ {"include_all":"true"} 2',
      '/api/marketplace-offering-users/<uuid>/completion_status/ {} 2',
    ]);
    // All three went out before the first answer came back: one level, not two.
    const firstAnswer = Math.min(...calls.map((c) => c.startedAtMs + c.ms));
    for (const c of calls) expect(c.startedAtMs).toBeLessThan(firstAnswer);
  });

  it('is absent without the header, and when UPSTREAM_TRACE is off', async () => {
    const q = '{ offeringUsers(first: 2) { totalCount } }';
    expect((await traced(stack().gateway.url, q, {}, {})).extensions).toBeUndefined();
    const off = await startStack({ size: 20, gateway: { upstreamTrace: false } });
    try {
      expect((await traced(off.gateway.url, q, {})).extensions).toBeUndefined();
    } finally {
      await off.close();
    }
  });

  it('redacts a credential passed as a filter value and cuts long values; identical reads show once with their askers', async () => {
    const token = 'ab'.repeat(20);
    const r = await traced(
      stack().gateway.url,
      `{ a: offeringUsers(first: 1, filter: { query: "Token ${token}" }) { totalCount } b: offeringUsers(first: 1, filter: { query: "Token ${token}" }) { totalCount } c: offeringUsers(first: 1, filter: { query: "${'q'.repeat(900)}" }) { totalCount } }`,
      {},
    );
    expect(JSON.stringify(r)).not.toContain(token.slice(0, 12));
    const [shared, long] = r.extensions!.upstreamCalls!;
    expect(r.extensions!.upstreamCalls).toHaveLength(2);
    expect(shared).toMatchObject({ askedBy: 2, query: { query: '[redacted]' } });
    expect(long.query.query).toBe(`${'q'.repeat(200)}…`);
  });

  it('lists at most maxCalls and counts the rest', async () => {
    const capped = await startStack({ size: 20, gateway: { upstreamTrace: { maxCalls: 2 } } });
    try {
      const r = await traced(capped.gateway.url, `{ ${[1, 2, 3, 4, 5].map((n) => `a${n}: offeringUsers(first: ${n}) { totalCount }`).join(' ')} }`, {});
      expect(r.extensions!.upstreamCalls).toHaveLength(2);
      expect(r.extensions!.upstreamCallsOmitted).toBe(3);
    } finally {
      await capped.close();
    }
  });
});
