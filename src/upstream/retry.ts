import { UpstreamError } from './errors.js';

/**
 * Only signals that Waldur itself is unwell move the shared breaker: connection failures, timeouts
 * and 502/503/504. A 500, a 4xx (414 and 431 included), a wrong shape or an oversize answer can be
 * caused by one request, and one caller must never open the breaker for everyone.
 */
export function isOutage(err: unknown): boolean {
  if (!(err instanceof UpstreamError)) return false;
  return err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'UPSTREAM_TIMEOUT';
}

const MAX_RETRY_WAIT_MS = 2_000;

/**
 * A 429 is never retried within the operation: the caller backs off as a whole
 * (UpstreamClient.backOff) and the answer says UPSTREAM_RATE_LIMITED with Waldur's wait.
 */
/** Milliseconds to wait before the next attempt of an idempotent read, or undefined to give up. */
export function retryDelay(err: unknown, attempt: number, retries: number, signal?: AbortSignal, random = Math.random): number | undefined {
  if (attempt >= retries || signal?.aborted || !(err instanceof UpstreamError)) return undefined;
  const transient =
    err.code === 'UPSTREAM_UNAVAILABLE' ||
    err.code === 'UPSTREAM_TIMEOUT' ||
    err.code === 'UPSTREAM_BAD_RESPONSE' ||
    (err.status !== undefined && err.status >= 502);
  // The breaker said no: waiting a few milliseconds will not change that.
  if (!transient || /pauses calls/.test(err.message)) return undefined;
  if (err.retryAfter !== undefined) return err.retryAfter * 1000 <= MAX_RETRY_WAIT_MS ? err.retryAfter * 1000 : undefined;
  // Exponential backoff with full jitter: 0..100 ms, 0..200 ms, ...
  return Math.round(random() * 100 * 2 ** attempt);
}
