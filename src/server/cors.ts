import type { Plugin, YogaServerOptions } from 'graphql-yoga';

const EXPOSED = ['x-request-id', 'x-upstream-requests'];

type CorsOption = NonNullable<YogaServerOptions<Record<string, unknown>, Record<string, unknown>>['cors']>;

/**
 * CORS for exactly the listed origins: a listed origin gets its own name back, any other origin
 * (`null` included: sandboxed frames and file pages send it) gets no CORS headers at all. Yoga's
 * list handling answers `Access-Control-Allow-Origin: null` to unlisted origins, which lets
 * `Origin: null` pages through. Credentials are never allowed (the gateway uses Authorization).
 */
export function corsFor(origins: readonly string[]): CorsOption {
  if (!origins.length) return false;
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && allowed.has(origin) ? { origin, credentials: false, exposedHeaders: EXPOSED } : false;
  };
}

/** The answer depends on Origin whenever origins are configured: caches must keep them apart. */
export function useVaryOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary?.split(',').some((v) => v.trim().toLowerCase() === 'origin')) response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
