/** Loaders keyed by (user, offering) pairs use this string form as their cache key. */
export const pairKey = (userUuid: string, offeringUuid: string) => `${userUuid}:${offeringUuid}`;

export interface Pair {
  userUuid: string;
  offeringUuid: string;
}

/**
 * Groups pairs for batched list calls: by offering when that gives fewer groups, else by user.
 * Each group is one (or, for a single counterpart, one exact) list request.
 */
export function groupPairs(pairs: readonly Pair[]): { by: 'offering' | 'user'; groups: Map<string, Set<string>> } {
  const byOffering = new Map<string, Set<string>>();
  const byUser = new Map<string, Set<string>>();
  for (const p of pairs) {
    (byOffering.get(p.offeringUuid) ?? byOffering.set(p.offeringUuid, new Set()).get(p.offeringUuid)!).add(p.userUuid);
    (byUser.get(p.userUuid) ?? byUser.set(p.userUuid, new Set()).get(p.userUuid)!).add(p.offeringUuid);
  }
  return byOffering.size <= byUser.size ? { by: 'offering', groups: byOffering } : { by: 'user', groups: byUser };
}

/** Splits long key lists so URLs stay short (Waldur and proxies cap URL length). */
export function chunk<T>(items: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
