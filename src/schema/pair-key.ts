/** Loaders keyed by (user, offering) pairs use this string form as their cache key. */
export const pairKey = (userUuid: string, offeringUuid: string) => `${userUuid}:${offeringUuid}`;

export interface Pair {
  userUuid: string;
  offeringUuid: string;
}

/**
 * Groups keys by their first part, distinct second parts in chunks of `size`, so that a filter
 * taking several values stays within URL limits (Waldur and proxies cap URL length).
 */
export function byFirst<K>(keys: readonly K[], first: (k: K) => string, second: (k: K) => string, size = 200): Array<[string, K[]]> {
  const groups = new Map<string, Map<string, K>>();
  for (const k of keys) (groups.get(first(k)) ?? groups.set(first(k), new Map()).get(first(k))!).set(second(k), k);
  const out: Array<[string, K[]]> = [];
  for (const [g, members] of groups) {
    const list = [...members.values()];
    for (let i = 0; i < list.length; i += size) out.push([g, list.slice(i, i + size)]);
  }
  return out;
}
