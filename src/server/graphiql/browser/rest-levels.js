// Pure helpers of the "REST calls" panel (no DOM, no React), so a unit test runs them in Node.

/** A route with its UUIDs as `{uuid}`: calls of one route in one level share a bar. */
export const routeOf = (path) => path.replace(/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi, '{uuid}');

export const queryText = (query) =>
  Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}=${x}`) : [`${k}=${v}`]))
    .join('&');

/**
 * Calls of one method and route at one level form a group (one bar). A call's level is one more than
 * the deepest other group that had answered before it went out (a call waits on an answer only when
 * it needs it). Its own route's earlier answers do not count, and neither do sibling reads of its
 * route's level: a long run of reads that the concurrency limit queues behind its siblings stays one
 * bar. A write does count: the same read after each write of a mutation is a level of its own.
 */
export function levels(calls) {
  const groups = [];
  const byKey = new Map();
  const latest = new Map();
  for (const c of [...calls].sort((a, b) => a.startedAtMs - b.startedAtMs)) {
    const route = `${c.method} ${routeOf(c.path)}`;
    const own = latest.get(route);
    let level = own?.level ?? 1;
    for (const g of groups) {
      if (g.route === route || g.firstEnd > c.startedAtMs) continue;
      if (own && g.level === own.level && g.method === 'GET') continue;
      level = Math.max(level, g.level + 1);
    }
    const key = `${route} @${level}`;
    let g = byKey.get(key);
    if (!g) {
      g = { key, route, method: c.method, path: routeOf(c.path), level, calls: [], start: c.startedAtMs, firstEnd: Infinity, end: 0 };
      byKey.set(key, g);
      latest.set(route, g);
      groups.push(g);
    }
    g.calls.push(c);
    g.firstEnd = Math.min(g.firstEnd, c.startedAtMs + c.ms);
    g.end = Math.max(g.end, c.startedAtMs + c.ms);
  }
  const out = [];
  for (const g of groups) (out[g.level - 1] ??= []).push(g);
  return out;
}
