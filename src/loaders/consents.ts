import type { UpstreamSession } from '../upstream/session.js';
import { listPage } from '../upstream/list-spec.js';
import { MAX_PAGE_SIZE } from '../upstream/pagination.js';
import { CONSENT_LIST, type ConsentDto } from '../upstream/resources/consents.js';
import { grouped } from './factory.js';
import { groupPairs, pairKey, type Pair } from './pair-key.js';

const keyOf = (p: Pair) => pairKey(p.userUuid, p.offeringUuid);

/**
 * Consent of (user, offering). Waldur filters consents by one user and one offering at a time.
 * Pairs are grouped by offering or by user (fewer groups wins). A group of one is read as its pair;
 * a larger one with one page of its group, and only if the group has more rows than that page
 * (an offering with thousands of consents), the pairs still missing are read one by one. So the
 * cost follows the page of pairs, never the size of the offering.
 */
export function consentByPairLoader(session: UpstreamSession) {
  return grouped<Pair, ConsentDto>({
    keyOf,
    groups: (pairs) => {
      const { by, groups } = groupPairs(pairs);
      return [...groups].map(([group, members]) => [
        `${by}:${group}`,
        [...members].map((m) => (by === 'offering' ? { userUuid: m, offeringUuid: group } : { userUuid: group, offeringUuid: m })),
      ]);
    },
    read: async (group, pairs, found) => {
      const read = async (values: Record<string, string>, rows: number) => {
        const page = await listPage<ConsentDto>(session, CONSENT_LIST, { values }, 0, rows);
        for (const c of page.items) found(pairKey(c.user_uuid, c.offering_uuid), c);
        return page;
      };
      const exact = (ps: Pair[]) => Promise.all(ps.map((p) => read({ userUuid: p.userUuid, offeringUuid: p.offeringUuid }, 1)));
      if (pairs.length === 1) return void (await exact(pairs));
      const [by, uuid] = group.split(':') as ['offering' | 'user', string];
      const seen = new Set<string>();
      const page = await read(by === 'offering' ? { offeringUuid: uuid } : { userUuid: uuid }, MAX_PAGE_SIZE);
      for (const c of page.items) seen.add(pairKey(c.user_uuid, c.offering_uuid));
      if (page.totalCount > page.items.length) await exact(pairs.filter((p) => !seen.has(keyOf(p))));
    },
  });
}
