import { describe, expect, it } from 'vitest';
import { routeTemplate } from './loggable-path.js';
import { retryDelay } from './retry.js';
import { UpstreamError, errorFromResponse } from './errors.js';

const req = { method: 'GET', path: 'x/' };
const status = (s: number, retryAfter?: number) => {
  const e = errorFromResponse(s, { detail: 'x' }, req);
  if (retryAfter !== undefined) e.retryAfter = retryAfter;
  return e;
};

describe('retryDelay', () => {
  it('backs off with full jitter for transient failures, within the attempts allowed', () => {
    const half = () => 0.5;
    expect(retryDelay(status(503), 0, 2, undefined, half)).toBe(50);
    expect(retryDelay(status(502), 1, 2, undefined, half)).toBe(100);
    expect(retryDelay(status(504), 2, 2, undefined, half)).toBeUndefined();
    expect(retryDelay(new UpstreamError('UPSTREAM_TIMEOUT', 't', req), 0, 1, undefined, half)).toBe(50);
  });

  it("honours a 503's Retry-After up to 2 s and gives up beyond", () => {
    expect(retryDelay(status(503, 1), 0, 2)).toBe(1000);
    expect(retryDelay(status(503, 60), 0, 2)).toBeUndefined();
  });

  it('never retries a 429 within the operation, whatever Retry-After says (the caller backs off instead)', () => {
    for (const wait of [undefined, 0, 1, 60]) expect(retryDelay(status(429, wait), 0, 2)).toBeUndefined();
  });

  it('never retries answers that will not change, writes (0 retries), or cancelled callers', () => {
    for (const s of [400, 401, 403, 404, 409, 500]) expect(retryDelay(status(s), 0, 2)).toBeUndefined();
    expect(retryDelay(status(503), 0, 0)).toBeUndefined();
    const aborted = AbortSignal.abort();
    expect(retryDelay(status(503), 0, 2, aborted)).toBeUndefined();
    expect(retryDelay(new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur is failing; the gateway pauses calls to it for a moment.', req), 0, 2)).toBeUndefined();
  });
});

describe('routeTemplate', () => {
  it('replaces UUIDs and drops the query, so metrics labels stay few', () => {
    expect(routeTemplate('/api/marketplace-offering-users/0f3c9d7a5b6e4c1d8e2f3a4b5c6d7e8f/set_ok/?x=1')).toBe(
      '/api/marketplace-offering-users/{uuid}/set_ok/',
    );
    expect(routeTemplate('/api/marketplace-service-providers/0f3c9d7a-5b6e-4c1d-8e2f-3a4b5c6d7e8f/offerings/')).toBe(
      '/api/marketplace-service-providers/{uuid}/offerings/',
    );
  });
});
