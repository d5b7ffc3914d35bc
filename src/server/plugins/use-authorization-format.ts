import type { Plugin } from 'graphql-yoga';

const SCHEME = /^(token|bearer)\s+\S+$/i;

/** The hint for a header Waldur would silently ignore (it tries the next backend and answers 401). */
export function authorizationProblem(header: string): string | undefined {
  const value = header.trim();
  if (SCHEME.test(value)) return undefined;
  const bare = /^[0-9a-f]{40}$/i.test(value) ? ' It looks like a bare Waldur API token;' : '';
  return `The Authorization header must be "Token <key>" (a Waldur API token) or "Bearer <jwt>" (an OIDC access token).${bare} send it as: Authorization: Token <key>`;
}

/**
 * A malformed Authorization header is refused before any upstream call with a message that says how
 * to send it; otherwise Waldur's answer would be a bare "credentials were not provided".
 */
export function useAuthorizationFormat(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql' || request.method === 'OPTIONS') return;
      const header = request.headers.get('authorization');
      const problem = header === null ? undefined : authorizationProblem(header);
      if (!problem) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: problem, extensions: { code: 'UNAUTHENTICATED' } }] }), {
          status: 401,
          headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Token' },
        }),
      );
    },
  };
}
