import { listEvery } from '../../upstream/list-spec.js';
import { getOfferingUser, OFFERING_USER_LIST, type OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { defineLoader, notFound } from '../loader.js';
import { grouped, perKey } from '../loader-kinds.js';
import { byFirst, pairKey, type Pair } from '../pair-key.js';

export const offeringUserLoader = defineLoader((s) => perKey<string, OfferingUserDto>((u) => getOfferingUser(s, u), notFound));

/** `offering_uuid` takes several values, `user_uuid` one: one list call per user (per 200 offerings). */
export const offeringUserByPairLoader = defineLoader((s) =>
  grouped<Pair, OfferingUserDto>({
    keyOf: (p) => pairKey(p.userUuid, p.offeringUuid),
    groups: (pairs) =>
      byFirst(
        pairs,
        (p) => p.userUuid,
        (p) => p.offeringUuid,
      ),
    read: async (userUuid, pairs, found) => {
      const rows = await listEvery<OfferingUserDto>(s, OFFERING_USER_LIST, {
        values: { user_uuid: userUuid, offering_uuid: pairs.map((p) => p.offeringUuid) },
      });
      for (const ou of rows) found(pairKey(ou.user_uuid, ou.offering_uuid), ou);
    },
  }),
);
