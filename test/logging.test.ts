import { expectEach } from './helpers/stack.js';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { createGateway } from '../src/server/create-gateway.js';
import { listen } from '../src/server/http-server.js';
import { UpstreamClient } from '../src/upstream/client.js';
import { json, startHostileWaldur } from './helpers/hostile-waldur.js';

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

it('one access line per request, the request id on every line and forwarded to Waldur, no token anywhere', async () => {
  const token = '9f'.repeat(20);
  const secret = 'S3cr3tC0de'.repeat(4);
  const waldur = await startHostileWaldur((r) =>
    r.path.includes('api_secret_code')
      ? json(200, { api_secret_code: secret })
      : r.path.startsWith('/api/marketplace-offering-users/')
        ? json(200, [], { 'x-result-count': '0' })
        : (req, res) => void setTimeout(() => json(401, { detail: `Invalid token ${token}` })(req, res), 100),
  );
  closers.push(waldur.close);
  const lines: string[] = [];
  const logger = createLogger('debug', (l) => lines.push(l));
  const client = new UpstreamClient({
    apiUrl: waldur.apiRoot,
    connectTimeoutMs: 500,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    connections: 4,
    maxConcurrencyPerOperation: 4,
    logger,
  });
  const server = await listen(createGateway({ client, logger, graphiql: false, introspection: true }), 0, '127.0.0.1');
  closers.push(
    () => client.close(),
    () => server.close(100),
  );
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${token}`, 'x-request-id': 'req-42', cookie: `sessionid=${token}` },
    body: JSON.stringify({
      query: `query Mine { offeringUsers(first: 3) { totalCount } sp: serviceProvider(uuid: "${'1'.repeat(32)}") { apiSecretCode } consents(first: 1) { totalCount } }`,
    }),
  });
  const body = await res.text();
  expect(res.headers.get('x-request-id')).toBe('req-42');
  expectEach(waldur.received, (r) => r.headers['x-request-id'] === 'req-42');
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const access = parsed.filter((l) => l.msg === 'request');
  expect(access).toEqual([
    {
      level: 'info',
      time: expect.any(String),
      msg: 'request',
      requestId: 'req-42',
      method: 'POST',
      status: 200,
      operation: 'Mine',
      ms: expect.any(Number),
      upstreamRequests: 3,
      outcome: 'error',
      errorCodes: ['UNAUTHENTICATED'],
      bytes: Buffer.byteLength(body),
    },
  ]);
  // Per-call debug lines come from the request's child logger: they carry its id too.
  const calls = parsed.filter((l) => l.msg === 'upstream request');
  expect(calls).toHaveLength(3);
  expectEach(calls, (l) => l.requestId === 'req-42');
  const all = lines.join('\n');
  expect(all).not.toContain(token);
  expect(all).not.toContain(secret);
  expect(body).not.toContain(token);
});
