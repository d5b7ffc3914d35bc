import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { listen } from '../src/server/http-server.js';
import { UpstreamClient } from '../src/upstream/client.js';
import { startStack, type Json } from './helpers/stack.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

async function gatewayFor(apiUrl: string, timeoutMs = 2_000) {
  const logger = createLogger('silent');
  const client = new UpstreamClient({
    apiUrl,
    connectTimeoutMs: 500,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
    connections: 4,
    maxConcurrencyPerOperation: 4,
    logger,
  });
  const server = await listen(createGateway({ client, logger, graphiql: false, introspection: true }), 0, '127.0.0.1');
  closers.push(
    () => client.close(),
    () => server.close(500),
  );
  const ask = async (query: string) => {
    const r = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Token x' },
      body: JSON.stringify({ query }),
    });
    return (await r.json()) as { data: Json; errors?: Array<{ message: string; extensions: { code: string } }> };
  };
  return { server, ask };
}

describe('upstream faults', () => {
  it('a Waldur that is down gives UPSTREAM_UNAVAILABLE and not-ready', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const { server, ask } = await gatewayFor(`http://127.0.0.1:${port}/api/`);
    const r = await ask('{ offeringUsers { totalCount } }');
    expect(r.errors![0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(r.errors![0].message).toBe('Waldur could not be reached.');
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBeGreaterThanOrEqual(500);
  });

  it('a slow Waldur gives UPSTREAM_TIMEOUT', async () => {
    const stack = await startStack({ size: 20, latencyMs: 3_000 });
    closers.push(() => stack.close());
    const { ask } = await gatewayFor(stack.sim.apiRoot, 200);
    const r = await ask('{ offeringUsers { totalCount } }');
    expect(r.errors![0].extensions.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('a 500 or a non-JSON body is reported without Waldur internals', async () => {
    const bad = createServer((req, res) => {
      if (req.url?.includes('offering-users/')) {
        res.writeHead(req.url.includes('page') ? 500 : 200, { 'content-type': 'text/html' });
        res.end('<html>Traceback (most recent call last) secret</html>');
      } else res.end('{}');
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => bad.close(r)));
    const { ask } = await gatewayFor(`http://127.0.0.1:${(bad.address() as AddressInfo).port}/api/`);
    const list = await ask('{ offeringUsers { totalCount } }');
    expect(list.errors![0]).toMatchObject({ message: 'Waldur answered HTTP 500.', extensions: { code: 'UPSTREAM_ERROR' } });
    const one = await ask('{ offeringUser(uuid: "00000000000000000000000000000001") { uuid } }');
    expect(one.errors![0].extensions.code).toBe('UPSTREAM_ERROR');
    expect(JSON.stringify([list, one])).not.toContain('secret');
  });

  it('the readiness check passes when Waldur answers', async () => {
    const stack = await startStack({ size: 20 });
    closers.push(() => stack.close());
    expect((await fetch(`${stack.gateway.url}/ready`)).status).toBe(200);
    expect((await fetch(`${stack.gateway.url}/health`)).status).toBe(200);
  });
});
