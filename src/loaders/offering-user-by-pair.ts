import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import { listAllOfferingUsers, type OfferingUserDto } from '../upstream/resources/offering-users.js';
import { chunk, pairKey, type Pair } from './pair-key.js';

/**
 * Offering user of (user, offering). `offering_uuid` accepts several values, `user_uuid` one:
 * one list call per distinct user, with that user's offerings comma-separated (chunked).
 */
export function offeringUserByPairLoader(session: UpstreamSession) {
  return new DataLoader<Pair, OfferingUserDto | null, string>(
    async (pairs) => {
      const byUser = new Map<string, Set<string>>();
      for (const p of pairs) (byUser.get(p.userUuid) ?? byUser.set(p.userUuid, new Set()).get(p.userUuid)!).add(p.offeringUuid);
      const found = new Map<string, OfferingUserDto>();
      // A failing call fails only the pairs it was asked about, not the whole batch.
      const failed = new Map<string, Error>();
      await Promise.all(
        [...byUser].flatMap(([userUuid, offerings]) =>
          chunk([...offerings]).map(async (offeringUuid) => {
            try {
              for (const ou of await listAllOfferingUsers(session, { userUuid, offeringUuid })) found.set(pairKey(ou.user_uuid, ou.offering_uuid), ou);
            } catch (err) {
              for (const o of offeringUuid) failed.set(pairKey(userUuid, o), err as Error);
            }
          }),
        ),
      );
      return pairs.map((p) => {
        const k = pairKey(p.userUuid, p.offeringUuid);
        return found.get(k) ?? failed.get(k) ?? null;
      });
    },
    { cacheKeyFn: (p) => pairKey(p.userUuid, p.offeringUuid) },
  );
}
