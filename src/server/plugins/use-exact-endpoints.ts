import type { Plugin } from 'graphql-yoga';

/**
 * Yoga serves its endpoint under more URLs than `/graphql` (a trailing slash, any URL whose text
 * ends with it), while CSRF prevention, the Authorization check and the access log key on the
 * exact path. One rule for all: a path is served only when it is exactly one of ours (or under an
 * asset prefix); anything else is 404 before any other plugin runs.
 */
export function useExactEndpoints(paths: readonly string[], prefixes: readonly string[] = []): Plugin {
  const exact = new Set(paths);
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (exact.has(url.pathname) || prefixes.some((p) => url.pathname.startsWith(p))) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: `Not found: the GraphQL endpoint is ${paths[0]}.`, extensions: { code: 'NOT_FOUND' } }] }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}

/**
 * `plugin`'s request hook for one exact path only. Yoga's readiness check matches every request
 * against a URLPattern, which cost about 1% of the CPU of a GraphQL request it never answers.
 */
export function onPath(path: string, plugin: Plugin): Plugin {
  const { onRequest } = plugin;
  if (!onRequest) return plugin;
  return {
    ...plugin,
    onRequest(payload) {
      if (payload.url.pathname === path) return onRequest(payload);
    },
  };
}
