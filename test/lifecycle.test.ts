import { describe, expect, it } from 'vitest';
import { startGatewayProcess } from './helpers/gateway-process.js';
import { startStack } from './helpers/stack.js';

describe('safe defaults', () => {
  it('on SIGTERM /ready turns 503 first while requests are still served, then the process drains and exits 0', async () => {
    const gw = await startGatewayProcess({ SIMULATOR_SIZE: '20', SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_GRACE_MS: '1000' });
    expect((await fetch(`${gw.url}/ready`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => gw.proc.once('exit', resolve));
    gw.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${gw.url}/ready`)).status).toBe(503);
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
    const q = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001' },
      body: JSON.stringify({ query: '{ offeringUsers(first: 1) { totalCount } }' }),
    });
    expect(((await q.json()) as { data: unknown }).data).toEqual({ offeringUsers: { totalCount: expect.any(Number) } });
    expect(await exited).toBe(0);
    expect(gw.output()).toMatch(/not ready, still serving[\s\S]*draining requests[\s\S]*stopped/);
  }, 30_000);

  it('CORS: no headers by default; listed origins only, never with credentials', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const closed = await startStack({ size: 10 });
    const open = await startStack({ size: 10, gateway: { corsOrigins: ['https://app.example.org'] } });
    try {
      const none = await preflight(closed.gateway.url, 'https://evil.example');
      expect(none.headers.get('access-control-allow-origin')).toBeNull();
      expect(none.headers.get('access-control-allow-credentials')).toBeNull();
      const ok = await preflight(open.gateway.url, 'https://app.example.org');
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
      expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight(open.gateway.url, 'https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    } finally {
      await closed.close();
      await open.close();
    }
  });
});
