import type { UpstreamSession } from '../../upstream/session.js';
import { listPage, lookupRequest } from '../../upstream/list-spec.js';
import { MAX_PAGE_SIZE } from '../../upstream/pagination.js';
import { CONSENT_LIST, type ConsentDto } from '../../upstream/resources/consents.js';
import { grouped } from '../loader-kinds.js';
import { byFirst, pairKey, type Pair } from '../pair-key.js';

const keyOf = (p: Pair) => pairKey(p.userUuid, p.offeringUuid);

/**
 * Pairs of one offering from which a page of the offering's consents is read instead. A page is
 * up to 300 rows (~210 KB) that Waldur renders and the gateway parses; one more request costs
 * about what 20-30 rows do. Below this many pairs, per-user reads are cheaper.
 */
export const OFFERING_PAGE_FROM = 12;

/**
 * Consent of (user, offering). Waldur filters consents by one user and one offering at a time.
 * An offering with many pairs in the batch is read as one page of its consents (and, when the
 * offering has more consents than that page holds, the pairs still missing one by one). The
 * other pairs are read per user: a user's consents are few (one per offering they use), so the
 * rows read follow the pairs asked for, never the size of an offering.
 */
export function consentsByPair(session: UpstreamSession) {
  return grouped<Pair, ConsentDto>({
    keyOf,
    groups: (asked) => {
      const out: Array<[string, Pair[]]> = [];
      const rest: Pair[] = [];
      // Pairs whose lookup the operation holds (a consent list answered it) are read as themselves:
      // the session answers them without a call.
      const held = new Map<string, Pair>();
      const pairs: Pair[] = [];
      for (const p of asked) {
        if (session.primed && session.holds(lookupRequest(CONSENT_LIST, { values: { user_uuid: p.userUuid, offering_uuid: p.offeringUuid } })))
          held.set(keyOf(p), p);
        else pairs.push(p);
      }
      if (held.size) out.push(['held:', [...held.values()]]);
      for (const [offering, members] of byFirst(
        pairs,
        (p) => p.offeringUuid,
        (p) => p.userUuid,
        MAX_PAGE_SIZE,
      )) {
        if (members.length >= OFFERING_PAGE_FROM) out.push([`offering:${offering}`, members]);
        else rest.push(...members);
      }
      for (const [user, members] of byFirst(
        rest,
        (p) => p.userUuid,
        (p) => p.offeringUuid,
      ))
        out.push([`user:${user}`, members]);
      return out;
    },
    read: async (group, pairs, found) => {
      const read = async (values: Record<string, string>, rows: number) => {
        const page = await listPage<ConsentDto>(session, CONSENT_LIST, { values }, 0, rows);
        for (const c of page.items) found(pairKey(c.user_uuid, c.offering_uuid), c);
        return page;
      };
      const exact = (ps: Pair[]) => Promise.all(ps.map((p) => read({ user_uuid: p.userUuid, offering_uuid: p.offeringUuid }, 1)));
      if (pairs.length === 1 || group === 'held:') return void (await exact(pairs));
      const [by, uuid] = group.split(':') as ['offering' | 'user', string];
      const page = await read(by === 'offering' ? { offering_uuid: uuid } : { user_uuid: uuid }, MAX_PAGE_SIZE);
      const seen = new Set(page.items.map((c) => pairKey(c.user_uuid, c.offering_uuid)));
      if (page.totalCount > page.items.length) await exact(pairs.filter((p) => !seen.has(keyOf(p))));
    },
  });
}
