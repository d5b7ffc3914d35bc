import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { listen } from '../src/server/http-server.js';
import { UpstreamClient } from '../src/upstream/client.js';
import { DEMO_TOKENS, startStack } from './helpers/stack.js';

describe('credentials and data', () => {
  it('tokens and the API secret code never reach logs or error messages, even at debug level', async () => {
    const stack = await startStack({ size: 30 });
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l));
    const client = new UpstreamClient({
      apiUrl: stack.sim.apiRoot,
      connectTimeoutMs: 1000,
      headersTimeoutMs: 2000,
      bodyTimeoutMs: 2000,
      connections: 4,
      maxConcurrencyPerOperation: 4,
      logger,
    });
    const gw = await listen(createGateway({ client, logger, graphiql: false, introspection: true }), 0, '127.0.0.1');
    try {
      const sp = [...stack.sim.store.serviceProviders.values()][0];
      const ask = async (query: string, token: string) =>
        await (
          await fetch(`${gw.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
            body: JSON.stringify({ query }),
          })
        ).text();
      const bodies = [
        await ask(`{ serviceProvider(uuid: "${sp.uuid}") { apiSecretCode } }`, DEMO_TOKENS.staff),
        await ask(`mutation { generateServiceProviderApiSecretCode(input: { uuid: "${sp.uuid}" }) { __typename } }`, DEMO_TOKENS.staff),
        await ask('{ offeringUsers { totalCount } }', 'f'.repeat(40)),
        await ask(`{ serviceProvider(uuid: "${sp.uuid}") { apiSecretCode } }`, DEMO_TOKENS.user),
      ];
      const secret = stack.sim.store.serviceProviders.get(sp.uuid)!.api_secret_code;
      const logs = lines.join('');
      expect(logs).toContain('upstream request');
      for (const needle of [DEMO_TOKENS.staff, DEMO_TOKENS.user, 'f'.repeat(40), secret]) expect(logs).not.toContain(needle);
      for (const b of bodies.slice(2)) for (const needle of [DEMO_TOKENS.user, 'f'.repeat(40)]) expect(b).not.toContain(needle);
    } finally {
      await gw.close(500);
      await client.close();
      await stack.close();
    }
  });

  it('the caller’s Authorization goes only to the configured Waldur origin', async () => {
    const stack = await startStack({ size: 30 });
    const seen: string[] = [];
    const evil = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.end('[]');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    try {
      // URLs from clients are sent to Waldur as filter values, never fetched.
      const r = await stack.gql(
        `{ offeringUsers(filter: { offering: "${evilUrl}/api/marketplace-provider-offerings/${'a'.repeat(32)}/" }) { totalCount } consents(filter: { user: "${evilUrl}/x/" }) { totalCount } }`,
        {},
        'staff',
      );
      expect(r.errors).toBeUndefined();
      // A hyperlink such as the next-page Link header is never followed: pages are computed.
      await stack.gql('{ offeringUsers(first: 3, after: "b2Zmc2V0OjI") { totalCount } }', {}, 'staff');
      expect(seen).toEqual([]);
      expect(() => stack.client.transport.resolvePath(`${evilUrl}/api/`)).toThrow(/relative/);
      expect(() => stack.client.transport.resolvePath('//evil.example.org/api/')).toThrow(/relative/);
    } finally {
      await new Promise((r) => evil.close(r));
      await stack.close();
    }
  });

  it('no caller header other than Authorization is forwarded unless configured', async () => {
    const stack = await startStack({ size: 20 });
    const headers: Array<Record<string, unknown>> = [];
    const spy = createServer((req, res) => {
      headers.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json', 'x-result-count': '0' });
      res.end('[]');
    });
    await new Promise<void>((r) => spy.listen(0, '127.0.0.1', r));
    const logger = createLogger('silent');
    const client = new UpstreamClient({
      apiUrl: `http://127.0.0.1:${(spy.address() as AddressInfo).port}/api/`,
      connectTimeoutMs: 1000,
      headersTimeoutMs: 2000,
      bodyTimeoutMs: 2000,
      connections: 2,
      maxConcurrencyPerOperation: 2,
      logger,
    });
    const gw = await listen(createGateway({ client, logger, graphiql: false, introspection: true, forwardHeaders: ['x-request-id'] }), 0, '127.0.0.1');
    try {
      await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer abc', cookie: 'sessionid=secret', 'x-request-id': 'r-1', 'x-other': 'no' },
        body: JSON.stringify({ query: '{ offeringUsers { totalCount } }' }),
      });
      expect(headers).toHaveLength(1);
      expect(headers[0]).toMatchObject({ authorization: 'Bearer abc', 'x-request-id': 'r-1' });
      expect(headers[0].cookie).toBeUndefined();
      expect(headers[0]['x-other']).toBeUndefined();
    } finally {
      await gw.close(500);
      await client.close();
      await new Promise((r) => spy.close(r));
      await stack.close();
    }
  });
});

describe('a malformed Authorization header', () => {
  it('is refused before any upstream call with a message that says how to send it', async () => {
    const stack = await startStack({ size: 10 });
    try {
      const send = async (authorization: string) => {
        const res = await fetch(`${stack.gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: '{ offeringUsers { totalCount } }' }),
        });
        return { status: res.status, body: (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> } };
      };
      const bare = await send(DEMO_TOKENS.owner);
      expect(bare.status).toBe(401);
      expect(bare.body.errors).toEqual([
        {
          message:
            'The Authorization header must be "Token <key>" (a Waldur API token) or "Bearer <jwt>" (an OIDC access token). It looks like a bare Waldur API token; send it as: Authorization: Token <key>',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
      const basic = await send('Basic dXNlcjpwYXNz');
      expect(basic.status).toBe(401);
      expect(basic.body.errors[0].message).toMatch(/^The Authorization header must be "Token <key>".*send it as: Authorization: Token <key>$/);
      expect(stack.upstream()).toHaveLength(0);
      // Both documented schemes pass, whatever their case.
      expect((await send(`token ${DEMO_TOKENS.owner}`)).status).toBe(200);
      expect((await send('Bearer abc.def.ghi')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});
