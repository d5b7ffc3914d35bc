import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { listen } from '../src/server/http-server.js';
import { UpstreamClient } from '../src/upstream/client.js';
import { json, startHostileWaldur, type Act } from './helpers/hostile-waldur.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

const U = '0123456789abcdef0123456789abcdef';
const good = {
  uuid: U,
  state: 'OK',
  offering_uuid: U,
  user_uuid: U,
  customer_uuid: U,
  username: 'u',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
  url: 'http://x/',
  offering: 'http://x/',
  user: 'http://x/',
};

/** A gateway (graphql-jit on or off) in front of a Waldur whose every answer is `act`. */
async function against(act: Act, jit: boolean) {
  const waldur = await startHostileWaldur(() => act);
  const logger = createLogger('silent');
  const client = new UpstreamClient({
    apiUrl: waldur.apiRoot,
    connectTimeoutMs: 500,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    connections: 4,
    maxConcurrencyPerOperation: 4,
    retries: 0,
    logger,
  });
  const server = await listen(createGateway({ client, logger, graphiql: false, introspection: true, jit }), 0, '127.0.0.1');
  closers.push(
    waldur.close,
    () => client.close(),
    () => server.close(100),
  );
  return async (query: string) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${'a'.repeat(40)}` },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data: Record<string, unknown> | null; errors?: Array<{ message: string; extensions: { code: string } }> };
  };
}

const LIST = '{ offeringUsers(first: 5) { totalCount nodes { uuid state } } }';
const ONE = `{ offeringUser(uuid: "${U}") { uuid state username } }`;

describe('a Waldur answer of the wrong status or shape is one UPSTREAM_ERROR, never a success or an empty list', () => {
  it.each([
    [
      '302 to DELETE',
      json(302, '', { location: 'http://elsewhere/' }),
      `mutation { r: deleteOfferingUser(input: { uuid: "${U}" }) { __typename } }`,
      /HTTP 302, which the gateway does not expect/,
    ],
    [
      '302 to PATCH',
      json(302, '', { location: 'http://elsewhere/' }),
      `mutation { r: updateOfferingUser(input: { uuid: "${U}", username: "x" }) { __typename } }`,
      /HTTP 302/,
    ],
    ['302 to a list', json(302, '', { location: 'http://elsewhere/' }), LIST, /HTTP 302/],
    ['null for a list', json(200, null, { 'x-result-count': '5' }), LIST, /with null where a list of rows was expected/],
    ['an envelope for a list', json(200, { results: [good] }, { 'x-result-count': '5' }), LIST, /with object where a list of rows was expected/],
    [
      'state 42',
      json(200, [{ ...good, state: 42 }], { 'x-result-count': '1' }),
      LIST,
      /marketplace_offering_users_list does not have the expected shape: row 0 field "state" is number, not string/,
    ],
    [
      'a row without uuid',
      json(200, [{ ...good, uuid: undefined }], { 'x-result-count': '1' }),
      LIST,
      /marketplace_offering_users_list does not have the expected shape: row 0 field "uuid" is missing/,
    ],
    [
      'an unknown state label',
      json(200, { ...good, state: 'Frozen' }),
      ONE,
      /marketplace_offering_users_retrieve does not have the expected shape: field "state" is not one of the values Waldur documents/,
    ],
    [
      'a provider without customer_uuid',
      json(200, { uuid: U, customer_name: 'x' }),
      `{ serviceProvider(uuid: "${U}") { customerName } }`,
      /marketplace_service_providers_retrieve does not have the expected shape: field "customer_uuid" is missing/,
    ],
    [
      'a consent with a numeric version',
      json(200, [{ uuid: U, user_uuid: U, offering_uuid: U, version: 3 }], { 'x-result-count': '1' }),
      '{ consents(first: 2) { nodes { version } } }',
      /marketplace_user_offering_consents_list does not have the expected shape: row 0 field "version" is number, not string/,
    ],
  ])('%s', async (_name, act, query, message) => {
    for (const jit of [false, true]) {
      const ask = await against(act, jit);
      // Four times: graphql-jit compiles a document on its third sighting.
      for (let i = 0; i < 4; i++) {
        const r = await ask(query);
        expect(r.errors, `jit ${jit}, run ${i + 1}`).toHaveLength(1);
        expect(r.errors![0].extensions.code).toBe('UPSTREAM_ERROR');
        expect(r.errors![0].message).toMatch(message);
        // The row's data never appears in the message.
        expect(r.errors![0].message).not.toContain(U);
        expect(r.errors![0].message).not.toContain('elsewhere');
        expect(JSON.stringify(r.data ?? {})).not.toMatch(/Success/);
      }
    }
  });

  it('extra fields and nulls the schema allows pass', async () => {
    const ask = await against(json(200, [{ ...good, username: null, brand_new_field: { a: 1 } }], { 'x-result-count': '1' }), true);
    expect(await ask('{ offeringUsers(first: 5) { totalCount nodes { uuid username } } }')).toEqual({
      data: { offeringUsers: { totalCount: 1, nodes: [{ uuid: U, username: null }] } },
    });
  });
});
