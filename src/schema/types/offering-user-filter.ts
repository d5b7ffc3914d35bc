import type { OfferingUserListParams } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { OfferingUserStateEnum } from './offering-user-enums.js';

export const OfferingUserFilterInput = builder.inputType('OfferingUserFilter', {
  description: 'Every query parameter of the Waldur offering-user list, typed. Fields combine with AND; list values with OR.',
  fields: (t) => ({
    offering: t.field({ type: 'URL', description: 'Offering URL (Waldur `offering`).' }),
    offeringUuid: t.field({ type: ['UUID'], description: 'Any of these offerings (`offering_uuid`, comma-separated).' }),
    offeringSlug: t.stringList({ description: 'Any of these offering slugs (`offering_slug`).' }),
    parentOfferingUuid: t.field({ type: 'UUID', description: 'Offerings whose parent is this offering.' }),
    userUuid: t.field({ type: 'UUID' }),
    userUsername: t.string({ description: 'Waldur username of the user, case-insensitive exact match.' }),
    providerUuid: t.field({ type: 'UUID', description: "UUID of the offering's customer (the provider organisation), not the ServiceProvider UUID." }),
    isRestricted: t.boolean(),
    state: t.field({ type: [OfferingUserStateEnum], description: 'Any of these states.' }),
    hasConsent: t.boolean({ description: 'The user has a non-revoked consent for the offering.' }),
    hasCompleteProfile: t.boolean(),
    createdAfter: t.field({ type: 'DateTime', description: 'Created on or after (Waldur `created`).' }),
    modifiedAfter: t.field({ type: 'DateTime', description: 'Modified on or after (Waldur `modified`).' }),
    query: t.string({ description: 'Substring of offering name, account username, or user first, last or user name.' }),
  }),
});

type FilterShape = typeof OfferingUserFilterInput.$inferInput;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const opt = <T>(v: T | null | undefined) => v ?? undefined;

export function toListParams(filter: FilterShape | null | undefined, orderBy: readonly string[] | null | undefined): OfferingUserListParams {
  const f = filter ?? {};
  return {
    offering: f.offering ? f.offering.toString() : undefined,
    offeringUuid: opt(f.offeringUuid),
    offeringSlug: opt(f.offeringSlug),
    parentOfferingUuid: opt(f.parentOfferingUuid),
    userUuid: opt(f.userUuid),
    userUsername: opt(f.userUsername),
    providerUuid: opt(f.providerUuid),
    isRestricted: opt(f.isRestricted),
    state: opt(f.state),
    hasConsent: opt(f.hasConsent),
    hasCompleteProfile: opt(f.hasCompleteProfile),
    createdAfter: iso(f.createdAfter),
    modifiedAfter: iso(f.modifiedAfter),
    query: opt(f.query),
    ordering: orderBy ? [...new Set(orderBy)] : undefined,
  };
}
