import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseValidationBody, UpstreamValidationError } from './errors.js';

const req = { method: 'POST', path: 'marketplace-offering-users/' };

describe('parseValidationBody', () => {
  it('reads field errors and non_field_errors', () => {
    expect(parseValidationBody({ username: ['Too long.'], non_field_errors: ['Both given.'] })).toEqual({
      fieldErrors: { username: ['Too long.'] },
      nonFieldErrors: ['Both given.'],
    });
  });

  it('reads the bare-array form', () => {
    expect(parseValidationBody(['It is not allowed to create users for current offering.']).nonFieldErrors).toEqual([
      'It is not allowed to create users for current offering.',
    ]);
  });

  it('reads the detail form of state validators', () => {
    expect(parseValidationBody({ detail: 'Cannot transition' }).detail).toBe('Cannot transition');
  });

  it('reads per-item errors of many=True serializers', () => {
    const d = parseValidationBody([{}, { non_field_errors: ['Answer value is not valid'] }]);
    expect(d.itemErrors).toEqual([null, { fieldErrors: {}, nonFieldErrors: ['Answer value is not valid'] }]);
  });
});

describe('errorFromResponse', () => {
  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'METHOD_NOT_ALLOWED'],
    [409, 'CONFLICT'],
    [500, 'UPSTREAM_SERVER_ERROR'],
    [502, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
    [504, 'UPSTREAM_UNAVAILABLE'],
  ])('maps %i to %s', (status, code) => {
    expect(errorFromResponse(status, { detail: 'x' }, req).code).toBe(code);
  });

  it('keeps Waldur detail text for 4xx and writes its own for 5xx', () => {
    expect(errorFromResponse(403, { detail: 'No way.' }, req).message).toBe('No way.');
    expect(errorFromResponse(500, { detail: 'Traceback...' }, req).message).toBe('Waldur answered HTTP 500.');
  });

  it('turns 400 into a validation error with a readable summary', () => {
    const e = errorFromResponse(400, { username: ['Too long.'] }, req);
    expect(e).toBeInstanceOf(UpstreamValidationError);
    expect(e.message).toBe('username: Too long.');
  });
});
