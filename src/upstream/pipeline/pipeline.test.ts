import { describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import { UpstreamClient } from '../client.js';
import { UpstreamError } from '../errors.js';
import { Query } from '../query.js';
import type { SendOptions, Transport, UpstreamOptions, UpstreamRequest, UpstreamResponse } from '../types.js';
import { compose } from './index.js';

type Answer = UpstreamResponse | UpstreamError | ((req: UpstreamRequest) => UpstreamResponse | UpstreamError | Promise<UpstreamResponse>);

/** A transport that answers from a script and records what it was sent; no socket anywhere. */
class ScriptedTransport implements Transport {
  readonly hostname = 'waldur.test';
  readonly wholeRequestMs = 60_000;
  readonly sent: Array<{ req: UpstreamRequest; o: SendOptions }> = [];
  constructor(private readonly answer: Answer = { status: 200, headers: {}, data: {} }) {}
  resolvePath(path: string, query?: Query): string {
    const qs = query?.toString();
    return `/api/${path}${qs ? `?${qs}` : ''}`;
  }
  absoluteUrl(path: string): string {
    return `https://waldur.test/api/${path}`;
  }
  async send(req: UpstreamRequest, o: SendOptions): Promise<UpstreamResponse> {
    this.sent.push({ req, o });
    await Promise.resolve();
    const a = typeof this.answer === 'function' ? await this.answer(req) : this.answer;
    if (a instanceof Error) throw a;
    return a;
  }
  async close(): Promise<void> {}
}

const OPTIONS: UpstreamOptions = {
  apiUrl: 'https://waldur.test/api/',
  connectTimeoutMs: 1000,
  headersTimeoutMs: 1000,
  bodyTimeoutMs: 1000,
  connections: 8,
  maxConcurrencyPerOperation: 4,
  logger: createLogger('silent'),
  retries: 2,
  maxRequestsPerOperation: 5,
  circuitFailureThreshold: 3,
};
const client = (t: Transport, o: Partial<UpstreamOptions> = {}) => new UpstreamClient({ ...OPTIONS, ...o }, t);
const ok = (data: unknown = {}): UpstreamResponse => ({ status: 200, headers: {}, data });
const get = (path: string, q?: Record<string, string>): UpstreamRequest => {
  const query = new Query();
  for (const [k, v] of Object.entries(q ?? {})) query.set(k, v);
  return { method: 'GET', path, query };
};
const fail = (status: number, code: ConstructorParameters<typeof UpstreamError>[0]) =>
  new UpstreamError(code, `HTTP ${status}`, { method: 'GET', path: 'x/' }, status);
const TOKEN = { authorization: 'Token abc' };

describe('the upstream pipeline, step by step, over a scripted transport', () => {
  it('compose runs the steps in the order given, each around the rest', async () => {
    const seen: string[] = [];
    const run = compose(
      ['a', 'b'].map((name) => async (call, next) => (seen.push(`${name}>`), await next(call).finally(() => seen.push(`<${name}`)))),
      async () => (seen.push('send'), ok()),
    );
    await run({ req: get('x/'), attempt: 0, reserved: 0 });
    expect(seen).toEqual(['a>', 'b>', 'send', '<b', '<a']);
  });

  it('dedupe: identical reads are one call, counted by who asked; a write clears them and calls the listeners', async () => {
    const t = new ScriptedTransport(ok([1]));
    const s = client(t).session(TOKEN);
    let cleared = 0;
    s.onWrite(() => cleared++);
    const [a, b] = await Promise.all([s.request(get('things/', { x: '1' })), s.request(get('things/', { x: '1' }))]);
    expect(a).toBe(b);
    expect(t.sent).toHaveLength(1);
    expect(s.requests[0]!.read).toEqual({ askedBy: 2 });
    await s.request({ method: 'POST', path: 'things/', body: {} });
    await s.request(get('things/', { x: '1' }));
    expect(t.sent.map((c) => c.req.method)).toEqual(['GET', 'POST', 'GET']);
    expect(cleared).toBe(1);
  });

  it('prime: a read the operation holds is answered without a call; a write forgets it too', async () => {
    const t = new ScriptedTransport(ok('fresh'));
    const s = client(t).session(TOKEN);
    s.prime(get('things/1/'), 'primed');
    expect(s.holds(get('things/1/'))).toBe(true);
    expect((await s.request(get('things/1/'))).data).toBe('primed');
    expect(t.sent).toHaveLength(0);
    await s.request({ method: 'DELETE', path: 'things/2/' });
    expect((await s.request(get('things/1/'))).data).toBe('fresh');
  });

  it('budget: every attempt counts, retries included; past the limit REQUEST_LIMIT and nothing is sent', async () => {
    let n = 0;
    const t = new ScriptedTransport(() => (n++ < 2 ? fail(503, 'UPSTREAM_UNAVAILABLE') : ok()));
    const s = client(t, { maxRequestsPerOperation: 4 }).session(TOKEN);
    await s.request(get('a/'));
    expect(t.sent).toHaveLength(3);
    expect(s.requestsLeft()).toBe(1);
    await s.request(get('b/'));
    await expect(s.request(get('c/'))).rejects.toMatchObject({ code: 'REQUEST_LIMIT' });
    expect(t.sent).toHaveLength(4);
  });

  it('retry: transient read failures are retried; writes and 4xx never', async () => {
    const t = new ScriptedTransport(fail(503, 'UPSTREAM_UNAVAILABLE'));
    const s = client(t, { maxRequestsPerOperation: 50, circuitFailureThreshold: 10 }).session(TOKEN);
    await expect(s.request(get('a/'))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(s.requests.map((r) => r.attempt)).toEqual([0, 1, 2]);
    await expect(s.request({ method: 'POST', path: 'a/' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(t.sent).toHaveLength(4);
    const t404 = new ScriptedTransport(fail(404, 'NOT_FOUND'));
    await expect(client(t404).session(TOKEN).request(get('a/'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(t404.sent).toHaveLength(1);
  });

  it("first call: a credential Waldur has not accepted sends one call and waits for its answer; a 401 ends the operation's calls", async () => {
    const t = new ScriptedTransport(fail(401, 'UNAUTHENTICATED'));
    const s = client(t).session({ authorization: 'Token garbage' });
    const results = await Promise.allSettled([1, 2, 3].map((i) => s.request(get(`a/${i}/`))));
    expect(t.sent).toHaveLength(1);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as UpstreamError).code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('first call: once accepted, the next operation fans out at once, within the operation limit', async () => {
    let active = 0;
    let peak = 0;
    const t = new ScriptedTransport(async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return ok();
    });
    const c = client(t, { maxRequestsPerOperation: 50 });
    await c.session(TOKEN).request(get('me/'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.session(TOKEN).request(get(`a/${i}/`))));
    expect(peak).toBe(4); // the caller's share: half of 8 connections
    peak = 0;
    const s = c.session(TOKEN);
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.request(get(`b/${i}/`))));
    expect(peak).toBe(4); // maxConcurrencyPerOperation
  });

  it('caller standing: a 429 backs the caller off (other callers unaffected) and never moves the breaker', async () => {
    const throttled = fail(429, 'RATE_LIMITED');
    throttled.retryAfter = 2;
    const t = new ScriptedTransport((req) => (req.path === 'slow/' ? throttled : ok()));
    const c = client(t);
    await expect(c.session(TOKEN).request(get('slow/'))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(c.session(TOKEN).request(get('other/'))).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfter: 2 });
    await expect(c.session({ authorization: 'Token someone-else' }).request(get('other/'))).resolves.toMatchObject({ status: 200 });
    expect(t.sent.map((x) => x.req.path)).toEqual(['slow/', 'other/']);
    expect(c.breaker.state).toBe('closed');
  });

  it('breaker: outages open it for everyone; then calls fail fast without being sent', async () => {
    const t = new ScriptedTransport(fail(503, 'UPSTREAM_UNAVAILABLE'));
    const c = client(t, { retries: 0 });
    for (let i = 0; i < 3; i++) await expect(c.session(TOKEN).request(get('a/'))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(c.breaker.state).toBe('open');
    await expect(c.session({ authorization: 'Token other' }).request(get('b/'))).rejects.toThrow(/pauses calls/);
    expect(t.sent).toHaveLength(3);
  });

  it('deadline: nothing is sent once the operation answered or its caller left; the error says why', async () => {
    const t = new ScriptedTransport(ok());
    const s = client(t).session(TOKEN);
    s.finish();
    await expect(s.request(get('a/'))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: 'The request was cancelled.' });
    const gone = new AbortController();
    const s2 = client(t, { operationDeadlineMs: 60_000 }).session({ ...TOKEN, signal: gone.signal });
    gone.abort();
    await expect(s2.request(get('a/'))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(t.sent).toHaveLength(0);
  });

  it('deadline: a call still running when the operation deadline passes fails with UPSTREAM_TIMEOUT, and aborts its wire', async () => {
    let aborted: unknown;
    const t = new ScriptedTransport(() => ok());
    t.send = (req, o) => {
      t.sent.push({ req, o });
      return new Promise((_, reject) => o.signal!.addEventListener('abort', () => reject((aborted = o.signal!.reason as Error))));
    };
    const s = client(t, { operationDeadlineMs: 100, retries: 0 }).session(TOKEN);
    await expect(s.request(get('slow/'))).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', message: expect.stringMatching(/deadline of 100 ms/) });
    expect(aborted).toBeInstanceOf(Error);
    await expect(s.request(get('later/'))).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(t.sent).toHaveLength(1);
  });

  it('trace and send: each attempt is recorded with its resolved path and carries a traceparent; the transport gets the operation signal and byte budget', async () => {
    const done: string[] = [];
    const t = new ScriptedTransport(ok());
    const s = client(t, { onRequestDone: (r, route) => done.push(`${r.method} ${route} ${r.status}`) }).session(TOKEN);
    await s.request(get('things/0c6bd5f9-0001-4000-8000-000000000001/', { a: 'b' }));
    expect(s.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/things/0c6bd5f9-0001-4000-8000-000000000001/?a=b', status: 200, attempt: 0, read: { askedBy: 1 } }),
    ]);
    expect(done).toEqual(['GET /api/things/{uuid}/ 200']);
    const o = t.sent[0]!.o;
    expect(o.resolvedPath).toBe('/api/things/0c6bd5f9-0001-4000-8000-000000000001/?a=b');
    expect(o.signal).toBe(s.signal);
    expect(o.credentials.authorization).toBe('Token abc');
    expect(o.budget).toBe(s.bytes);
    expect(Object.keys(o.callHeaders ?? {})).toEqual([]); // no tracer: a non-recording span has no context to send
  });
});
