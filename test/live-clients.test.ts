import { ApolloClient, ApolloLink, InMemoryCache, gql } from '@apollo/client';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { EventSource } from 'eventsource';
import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import { Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKENS, startStack, type Stack } from './helpers/stack.js';

/** Each client a frontend may use, connecting the way the README shows. */
const SUB = 'subscription Watch($uuid: UUID) { offeringUserChanged(uuid: $uuid) { kind uuid changedFields offeringUser { isRestricted } } }';
const auth = { authorization: `Token ${DEMO_TOKENS.staff}` };

describe('clients of offeringUserChanged', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ size: 30, live: { pollIntervalMs: 100 } });
  });
  afterAll(() => stack.close());

  const account = (i: number) => [...stack.sim.store.offeringUsers.values()][i];
  /** Flips is_restricted at Waldur, again and again until the subscriber has seen it. */
  const touchUntil = async (uuid: string, seen: () => boolean) => {
    for (let i = 0; i < 50 && !seen(); i++) {
      const ou = stack.sim.store.offeringUsers.get(uuid)!;
      ou.is_restricted = !ou.is_restricted;
      ou.modified = new Date().toISOString().replace('Z', '000Z');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const expected = (uuid: string) => ({ kind: 'UPDATED', uuid, changedFields: ['isRestricted'], offeringUser: { isRestricted: expect.any(Boolean) } });

  it('graphql-sse (distinct connections mode)', async () => {
    const client = createClient({ url: `${stack.gateway.url}/graphql`, headers: auth });
    const uuid = account(1).uuid;
    const got: unknown[] = [];
    const stop = client.subscribe(
      { query: SUB, variables: { uuid } },
      { next: (v) => void got.push(v.data), error: () => undefined, complete: () => undefined },
    );
    await touchUntil(uuid, () => got.length > 0);
    stop();
    client.dispose();
    expect(got[0]).toEqual({ offeringUserChanged: expected(uuid) });
  });

  it('a plain EventSource GET, which carries lastEventId', async () => {
    const uuid = account(2).uuid;
    const url = `${stack.gateway.url}/graphql?${new URLSearchParams({ query: SUB, variables: JSON.stringify({ uuid }) })}`;
    const es = new EventSource(url, { fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...auth } }) });
    const got: MessageEvent[] = [];
    es.addEventListener('next', (e) => got.push(e));
    await touchUntil(uuid, () => got.length > 0);
    es.close();
    expect(got[0].lastEventId).toMatch(/^\d+-\d+$/);
    expect(JSON.parse(got[0].data as string)).toEqual({ data: { offeringUserChanged: expected(uuid) }, extensions: { eventId: got[0].lastEventId } });
  });

  it('Apollo Client 4 through a graphql-sse link', async () => {
    const sse = createClient({ url: `${stack.gateway.url}/graphql`, headers: auth });
    // The link the README shows: every operation over graphql-sse.
    const link = new ApolloLink(
      (operation) =>
        new Observable((observer) =>
          sse.subscribe<any>(
            { query: print(operation.query), variables: operation.variables, operationName: operation.operationName },
            { next: (v) => observer.next(v as ApolloLink.Result), error: (e) => observer.error(e), complete: () => observer.complete() },
          ),
        ),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const uuid = account(3).uuid;
    const got: unknown[] = [];
    const sub = client.subscribe({ query: gql(SUB), variables: { uuid } }).subscribe({ next: (r) => void got.push(r.data) });
    await touchUntil(uuid, () => got.length > 0);
    sub.unsubscribe();
    sse.dispose();
    expect(got[0]).toEqual({
      offeringUserChanged: {
        __typename: 'OfferingUserChange',
        ...expected(uuid),
        offeringUser: { __typename: 'OfferingUser', isRestricted: expect.any(Boolean) },
      },
    });
  });

  it('urql with fetchSubscriptions', async () => {
    const client = new UrqlClient({
      url: `${stack.gateway.url}/graphql`,
      exchanges: [fetchExchange],
      fetchSubscriptions: true,
      fetchOptions: { headers: auth },
    });
    const uuid = account(4).uuid;
    const got: unknown[] = [];
    const sub = client.subscription(SUB, { uuid }).subscribe((r) => void got.push(r.data));
    await touchUntil(uuid, () => got.length > 0);
    sub.unsubscribe();
    expect(got[0]).toEqual({ offeringUserChanged: expected(uuid) });
  });
});
