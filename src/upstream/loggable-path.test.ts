import { expect, it } from 'vitest';
import { loggablePath, routeTemplate } from './loggable-path.js';

it('debug logs keep 32 characters of each query value: search text is user data', () => {
  const path = `/api/marketplace-offering-users/?query=${'secret search '.repeat(10)}&page=1&o=-created`;
  expect(loggablePath(path)).toBe('/api/marketplace-offering-users/?query=secret search secret search secr…(140 chars)&page=1&o=-created');
  expect(loggablePath('/api/marketplace-offering-users/')).toBe('/api/marketplace-offering-users/');
  expect(routeTemplate('/api/marketplace-offering-users/01234567-89ab-cdef-0123-456789abcdef/set_ok/?x=1')).toBe(
    '/api/marketplace-offering-users/{uuid}/set_ok/',
  );
  expect(routeTemplate('/api/marketplace-service-providers/0123456789abcdef0123456789ABCDEF/stat/')).toBe('/api/marketplace-service-providers/{uuid}/stat/');
  // A UUID segment is one followed by a slash; other segments stay.
  expect(routeTemplate('/api/users/01234567-89ab-cdef-0123-456789abcdef')).toBe('/api/users/01234567-89ab-cdef-0123-456789abcdef');
  expect(routeTemplate('/api/x/0123456789abcdef0123456789abcdeg/')).toBe('/api/x/0123456789abcdef0123456789abcdeg/');
});
