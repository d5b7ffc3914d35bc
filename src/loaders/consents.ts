import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import { listAllConsents, type ConsentDto } from '../upstream/resources/consents.js';
import { groupPairs, pairKey, type Pair } from './pair-key.js';

/**
 * Consent of (user, offering). Waldur filters consents by one user and one offering at a time,
 * so a batch becomes one list call per distinct offering (or per distinct user, whichever is
 * fewer), narrowed to the exact pair when a group has a single member.
 */
export function consentByPairLoader(session: UpstreamSession) {
  return new DataLoader<Pair, ConsentDto | null, string>(
    async (pairs) => {
      const { by, groups } = groupPairs(pairs);
      const found = new Map<string, ConsentDto>();
      await Promise.all(
        [...groups].map(async ([key, others]) => {
          const single = others.size === 1 ? [...others][0] : undefined;
          const params = by === 'offering' ? { offeringUuid: key, userUuid: single } : { userUuid: key, offeringUuid: single };
          for (const c of await listAllConsents(session, params)) found.set(pairKey(c.user_uuid, c.offering_uuid), c);
        }),
      );
      return pairs.map((p) => found.get(pairKey(p.userUuid, p.offeringUuid)) ?? null);
    },
    { cacheKeyFn: (p) => pairKey(p.userUuid, p.offeringUuid) },
  );
}
