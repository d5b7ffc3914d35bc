import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import { MAX_PAGE_SIZE } from '../upstream/pagination.js';
import { listConsents, type ConsentDto, type ConsentListParams } from '../upstream/resources/consents.js';
import { groupPairs, pairKey, type Pair } from './pair-key.js';

/** A group of one is read as its exact pair: one row, whatever the size of the offering. */
const EXACT_UP_TO = 1;

/**
 * Consent of (user, offering). Waldur filters consents by one user and one offering at a time.
 * Pairs are grouped by offering or by user (fewer groups wins). A group of one is read as its pair;
 * a larger one with one page of its group, and only if the group has more rows than that page
 * (an offering with thousands of consents), the pairs still missing are read one by one. So the
 * cost follows the page of pairs, never the size of the offering. A failing read fails only its keys.
 */
export function consentByPairLoader(session: UpstreamSession) {
  return new DataLoader<Pair, ConsentDto | null, string>(
    async (pairs) => {
      const { by, groups } = groupPairs(pairs);
      const found = new Map<string, ConsentDto>();
      const failed = new Map<string, Error>();
      const keyOf = (group: string, member: string) => (by === 'offering' ? pairKey(member, group) : pairKey(group, member));
      const params = (group: string, member?: string): ConsentListParams => (by === 'offering' ? { offeringUuid: group, userUuid: member } : { userUuid: group, offeringUuid: member });
      const read = async (keys: string[], p: ConsentListParams, rows: number) => {
        try {
          const page = await listConsents(session, p, 0, rows);
          for (const c of page.items) found.set(pairKey(c.user_uuid, c.offering_uuid), c);
          return page;
        } catch (err) {
          for (const k of keys) failed.set(k, err as Error);
          return undefined;
        }
      };
      const exact = (group: string, members: string[]) => Promise.all(members.map((m) => read([keyOf(group, m)], params(group, m), 1)));
      await Promise.all(
        [...groups].map(async ([group, memberSet]) => {
          const members = [...memberSet];
          if (members.length <= EXACT_UP_TO) return exact(group, members);
          const page = await read(members.map((m) => keyOf(group, m)), params(group), MAX_PAGE_SIZE);
          if (page && page.totalCount > page.items.length) await exact(group, members.filter((m) => !found.has(keyOf(group, m))));
          return undefined;
        }),
      );
      return pairs.map((p) => {
        const k = pairKey(p.userUuid, p.offeringUuid);
        return found.get(k) ?? failed.get(k) ?? null;
      });
    },
    { cacheKeyFn: (p) => pairKey(p.userUuid, p.offeringUuid) },
  );
}
