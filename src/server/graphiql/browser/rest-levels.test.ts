import { describe, expect, it } from 'vitest';
import type { UpstreamCall } from '../../plugins/use-upstream-trace.js';
import { levels, queryText, routeOf } from './rest-levels.js';

const U = ['067ffe11-a51f-4dec-9c38-2791bf2c43e0', '3e101037a51f4dec9c382791bf2c43e0'] as const;
const call = (method: string, path: string, startedAtMs: number, ms: number, query: UpstreamCall['query'] = {}): UpstreamCall => ({
  method,
  path,
  query,
  status: 200,
  ms,
  startedAtMs,
  attempt: 0,
  askedBy: 1,
});
const shape = (calls: UpstreamCall[]) => levels(calls).map((level) => level.map((g) => `${g.method} ${g.path} ×${g.calls.length} ${g.start}-${g.end}`));

describe('the REST calls panel: groups and levels', () => {
  it("names routes with {uuid} in both of Waldur's spellings and writes repeated parameters once each", () => {
    expect(routeOf(`/api/marketplace-service-providers/${U[0]}/stat/`)).toBe('/api/marketplace-service-providers/{uuid}/stat/');
    expect(routeOf(`/api/marketplace-offering-users/${U[1]}/`)).toBe('/api/marketplace-offering-users/{uuid}/');
    expect(queryText({ state: ['Requested', 'Creating'], page: '1' })).toBe('state=Requested&state=Creating&page=1');
  });

  it('the provider dashboard: reads at once, then the page, then per-row reads as one bar per route, however the limit queued them', () => {
    const sp = `/api/marketplace-service-providers/${U[0]}`;
    const calls = [
      call('GET', `${sp}/stat/`, 1, 10),
      call('GET', `${sp}/`, 2, 10),
      call('GET', '/api/marketplace-offering-users/', 13, 5),
      // Queued: later consents went out after earlier ones answered; still one bar.
      ...[0, 1, 2, 3].map((i) => call('GET', '/api/marketplace-user-offering-consents/', 19 + i * 6, 5)),
      call('GET', `/api/marketplace-offering-users/${U[1]}/completion_status/`, 20, 8),
    ];
    expect(shape(calls)).toEqual([
      [`GET /api/marketplace-service-providers/{uuid}/stat/ ×1 1-11`, `GET /api/marketplace-service-providers/{uuid}/ ×1 2-12`],
      ['GET /api/marketplace-offering-users/ ×1 13-18'],
      ['GET /api/marketplace-user-offering-consents/ ×4 19-42', 'GET /api/marketplace-offering-users/{uuid}/completion_status/ ×1 20-28'],
    ]);
  });

  it('a transition pair: the same read after each write is a level of its own, not one bar', () => {
    const ou = `/api/marketplace-offering-users/${U[0]}`;
    const calls = [
      call('POST', `${ou}/set_pending_additional_validation/`, 0, 2),
      call('GET', `${ou}/`, 3, 2),
      call('POST', `${ou}/set_pending_account_linking/`, 6, 2),
      call('GET', `${ou}/`, 9, 2),
    ];
    expect(shape(calls).map((l) => l.length)).toEqual([1, 1, 1, 1]);
    expect(shape(calls)[3]).toEqual(['GET /api/marketplace-offering-users/{uuid}/ ×1 9-11']);
  });

  it('takes calls in any order and answers nothing for none', () => {
    const calls = [call('GET', '/b/', 10, 1), call('GET', '/a/', 0, 5)];
    expect(shape(calls)).toEqual([['GET /a/ ×1 0-5'], ['GET /b/ ×1 10-11']]);
    expect(levels([])).toEqual([]);
  });
});
