import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import type { RecordedRequest } from '../../upstream/types.js';
import { looksLikeCredential, REDACTED } from '../../upstream/redact.js';

export const UPSTREAM_TRACE_HEADER = 'x-upstream-trace';

export interface UpstreamTraceOptions {
  /** Calls listed at most; the rest are counted in `upstreamCallsOmitted`. */
  maxCalls?: number;
}

const MAX_VALUE_CHARS = 200;

export interface UpstreamCall {
  method: string;
  /** Waldur's route with the real UUIDs, e.g. `/api/marketplace-service-providers/<uuid>/stat/`. */
  path: string;
  /** Query parameters as sent; a repeated parameter is a list. */
  query: Record<string, string | string[]>;
  status: number | string;
  ms: number;
  /** Start, in ms since the operation's start. */
  startedAtMs: number;
  attempt: number;
  /** Fields of the operation that asked for this read (identical reads are one call). */
  askedBy: number;
}

/** One call as the caller may see it: no header, no body, values cut short and credentials removed. */
export function describeCall(r: RecordedRequest): UpstreamCall {
  const q = r.path.indexOf('?');
  const query: Record<string, string | string[]> = {};
  if (q >= 0) {
    for (const [k, raw] of new URLSearchParams(r.path.slice(q + 1))) {
      const v = looksLikeCredential(raw) ? REDACTED : raw.length > MAX_VALUE_CHARS ? `${raw.slice(0, MAX_VALUE_CHARS)}…` : raw;
      const seen = query[k];
      query[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
    }
  }
  return {
    method: r.method,
    path: q >= 0 ? r.path.slice(0, q) : r.path,
    query,
    status: r.status,
    ms: r.ms,
    startedAtMs: r.startedAtMs,
    attempt: r.attempt,
    askedBy: r.read?.askedBy ?? 1,
  };
}

/**
 * With `x-upstream-trace: 1`, the answer's `extensions.upstreamCalls` lists the REST calls the
 * operation made, in order: what a GraphQL query cost Waldur, for people learning the mapping
 * (GraphiQL) and for frontend developers checking their batching. Only the caller's own calls.
 */
export function useUpstreamTrace(opts: UpstreamTraceOptions = {}): Plugin<GatewayContext> {
  const maxCalls = opts.maxCalls ?? 200;
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      if (ctx.request?.headers.get(UPSTREAM_TRACE_HEADER) !== '1') return;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result || 'errors' in result)) return;
          const calls = ctx.upstream.requests;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              upstreamCalls: calls.slice(0, maxCalls).map(describeCall),
              ...(calls.length > maxCalls ? { upstreamCallsOmitted: calls.length - maxCalls } : {}),
            },
          });
        },
      };
    },
  };
}
