import type { Plugin } from 'graphql-yoga';

const PREFLIGHT_HEADERS = ['authorization', 'x-graphql-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * A browser sends GET and "simple" POSTs cross-site without asking. Such requests must carry a
 * header no simple request can have (the Authorization header qualifies), which forces a CORS
 * preflight and so stops cross-site request forgery.
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const isOperation = request.method === 'GET' ? url.searchParams.has('query') : request.method === 'POST' && (type === '' || SIMPLE_TYPES.includes(type));
      if (!isOperation || PREFLIGHT_HEADERS.some((h) => request.headers.has(h))) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: 'This request needs a non-simple header (Authorization, or x-graphql-csrf: 1) to prevent cross-site request forgery.',
                extensions: { code: 'CSRF_PREVENTED' },
              },
            ],
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
      );
    },
  };
}
