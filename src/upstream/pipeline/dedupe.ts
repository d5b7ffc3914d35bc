import type { Step, UpstreamResponse } from '../types.js';

/** This operation's one cache: its reads since its last write, by method, path and query. */
export interface ReadCache {
  readonly reads: Map<string, { answer: Promise<UpstreamResponse>; read: { askedBy: number } }>;
  /** Called on every write, before it is sent: what was read earlier may no longer hold. */
  readonly writeListeners: Array<() => void>;
}

export const readKey = (method: string, path: string, query: string) => `${method} ${path}?${query}`;

/**
 * Identical reads in one operation are one request (asked early by a look-ahead, twice by aliases,
 * or answered by a list's rows), failures included: transient ones were retried already, the rest
 * would fail again. A write may change what any earlier read answered, so it clears them all.
 */
export const dedupe =
  (cache: ReadCache): Step =>
  (call, next) => {
    const { req } = call;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const key = readKey(req.method, req.path, req.query?.toString() ?? '');
      const known = cache.reads.get(key);
      if (known) {
        known.read.askedBy++;
        return known.answer;
      }
      call.read = { askedBy: 1 };
      const answer = next(call);
      cache.reads.set(key, { answer, read: call.read });
      answer.catch(() => undefined);
      return answer;
    }
    cache.reads.clear();
    for (const clear of cache.writeListeners) clear();
    return next(call);
  };
