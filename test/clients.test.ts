import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { buildClientSchema, getIntrospectionQuery, isAbstractType, type IntrospectionQuery } from 'graphql';
import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS, seedLookups, useStack } from './helpers/stack.js';

const use = useStack({ size: 120 });
const seed = seedLookups(use);

const LIST = gql`
  query Pending($first: Int!) {
    offeringUsers(first: $first, filter: { state: [CREATING, PENDING_ACCOUNT_LINKING, PENDING_ADDITIONAL_VALIDATION] }, orderBy: [CREATED_DESC]) {
      nodes {
        id
        uuid
        state
        allowedTransitions
      }
    }
  }
`;

// The selection the README recommends for transitions: `offeringUser { id state allowedTransitions }`.
const ASK = gql`
  mutation Ask($uuid: UUID!) {
    setOfferingUserPendingAdditionalValidation(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserPendingAdditionalValidationSuccess {
        offeringUser {
          id
          state
          allowedTransitions
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

const NODE = gql`
  query Node($id: ID!) {
    node(id: $id) {
      id
      ... on OfferingUser {
        state
        allowedTransitions
      }
    }
  }
`;

describe('Apollo Client (InMemoryCache)', () => {
  it('a transition updates the cached list row without a refetch, and node(id:) is the same cache entry', async () => {
    const stack = use();
    // What a frontend's codegen does: possibleTypes for interfaces and unions, read by introspection.
    const intro = await stack.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, null);
    const schema = buildClientSchema(intro.data);
    const possibleTypes = Object.fromEntries(
      Object.values(schema.getTypeMap())
        .filter(isAbstractType)
        .map((t) => [t.name, schema.getPossibleTypes(t).map((p) => p.name)]),
    );
    expect(possibleTypes.Error).toContain('InvalidTransitionError');
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${stack.gateway.url}/graphql`, headers: { authorization: `Token ${DEMO_TOKENS.owner}` }, fetch }),
      cache: new InMemoryCache({ possibleTypes }),
    });
    const list = await client.query({ query: LIST, variables: { first: 50 } });
    type Row = { id: string; uuid: string; state: string; allowedTransitions: string[] };
    const rows = (list.data as { offeringUsers: { nodes: Row[] } }).offeringUsers.nodes;
    const row = rows.find((r) => r.state === 'PENDING_ACCOUNT_LINKING' && seed.store().offeringUsers.get(r.uuid))!;
    expect(row).toBeDefined();
    expect(row.allowedTransitions).toContain('SET_PENDING_ADDITIONAL_VALIDATION');

    stack.sim.clearLog();
    const m = await client.mutate({ mutation: ASK, variables: { uuid: row.uuid } });
    expect((m.data as { setOfferingUserPendingAdditionalValidation: { __typename: string } }).setOfferingUserPendingAdditionalValidation.__typename).toBe(
      'SetOfferingUserPendingAdditionalValidationSuccess',
    );
    const requestsAfterMutation = stack.upstream().length;

    // Read from the cache only: the list row changed because the mutation returned the same id.
    const cached = client.readQuery({ query: LIST, variables: { first: 50 } }) as { offeringUsers: { nodes: Row[] } };
    const updated = cached.offeringUsers.nodes.find((r) => r.id === row.id)!;
    expect(updated.state).toBe('PENDING_ADDITIONAL_VALIDATION');
    expect(updated.allowedTransitions).toEqual(['SET_PENDING_ACCOUNT_LINKING', 'SET_VALIDATION_COMPLETE', 'SET_OK', 'SET_ERROR_CREATING']);
    expect(stack.upstream()).toHaveLength(requestsAfterMutation);

    const node = await client.query({ query: NODE, variables: { id: row.id }, fetchPolicy: 'network-only' });
    expect(node.data).toEqual({
      node: { __typename: 'OfferingUser', id: row.id, state: 'PENDING_ADDITIONAL_VALIDATION', allowedTransitions: updated.allowedTransitions },
    });
    const cacheId = client.cache.identify({ __typename: 'OfferingUser', id: row.id })!;
    expect(Object.keys(client.cache.extract() as Record<string, unknown>)).toContain(cacheId);
    expect(Object.keys(client.cache.extract() as Record<string, unknown>).filter((k) => k.startsWith('OfferingUser:'))).toHaveLength(rows.length);
    client.stop();
  });
});

describe('GraphQL over HTTP (graphql-http audit)', () => {
  it('passes every MUST and SHOULD; only MAYs about GET are refused, by CSRF prevention', async () => {
    const stack = use();
    const results = await auditServer({ url: `${stack.gateway.url}/graphql` });
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id} ${r.name}`);
    expect(results.filter((r) => r.status === 'error')).toEqual([]);
    expect(results.filter((r) => r.status === 'warn')).toEqual([]);
    // Documented in docs/graphql-over-http.md: a GET without a preflight header is refused (403).
    expect(failed).toEqual([
      'notice 5A70 MAY accept application/x-www-form-urlencoded formatted GET requests',
      'notice D6D5 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
      'notice 6A70 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
    ]);
    // With the header a browser client sends to pass CSRF prevention, every MAY passes too.
    const withHeader = await auditServer({
      url: `${stack.gateway.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-graphql-csrf': '1' } }),
    });
    expect(withHeader.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(results.length).toBeGreaterThan(40);
  });
});
