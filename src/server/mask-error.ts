import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { UpstreamError, type UpstreamErrorCode } from '../upstream/errors.js';

const CODES: Record<UpstreamErrorCode, string> = {
  VALIDATION: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  UPSTREAM_SERVER_ERROR: 'UPSTREAM_ERROR',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_ERROR',
  RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  REQUEST_LIMIT: 'UPSTREAM_REQUEST_LIMIT',
  REQUEST_TOO_LARGE: 'BAD_USER_INPUT',
  INVALID_INPUT: 'BAD_USER_INPUT',
};

/** The code a client will see for an error, before or after masking. */
export function codeOf(error: GraphQLError): string {
  if (error.originalError instanceof UpstreamError) return CODES[error.originalError.code];
  if (error.extensions?.code) return String(error.extensions.code);
  return error.originalError && !(error.originalError instanceof GraphQLError) ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_ERROR';
}

/**
 * Typed upstream failures become GraphQL errors with a code and a message written by us (never
 * a Waldur stack or a credential); everything else is masked by yoga's default.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UpstreamError) {
    const g = error instanceof GraphQLError ? error : undefined;
    // graphql-jit's field errors carry no AST nodes, so compiled documents answer without
    // `locations` (optional in the spec); path and code are the same either way.
    const masked = new GraphQLError(original.message, {
      nodes: g?.nodes,
      source: g?.source,
      positions: g?.positions,
      path: g?.path,
      extensions: { code: CODES[original.code], ...(original.status ? { upstreamStatus: original.status } : {}) },
    });
    return masked;
  }
  return yogaMaskError(error, message, isDev);
}
