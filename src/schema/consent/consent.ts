import { CONSENT_LIST, isConsent, type ConsentDto } from '../../upstream/resources/consents.js';
import { builder } from '../builder.js';
import { connection, filterInput, orderByEnum, restCall, type FilterNames } from '../list-field.js';
import { OfferingUserRef } from '../offering-user/offering-user.js';
import { OfferingSummaryRef, UserSummaryRef, type UserRow } from '../summaries.js';
import { consentLoader } from './loaders.js';
import { offeringUserByPairLoader } from '../offering-user/loaders.js';

export const ConsentRef = builder.objectRef<ConsentDto>('Consent');

builder.node(ConsentRef, {
  description: "A user's consent to an offering's Terms of Service: one per (user, offering), reused on re-consent.",
  id: { resolve: (c) => c.uuid },
  loadOne: (uuid, ctx) => consentLoader(ctx).load(uuid),
  isTypeOf: isConsent,
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    version: t.string({ description: 'Terms of Service version consented to.', resolve: (c) => c.version }),
    agreementDate: t.field({ type: 'DateTime', description: 'When the user first consented; not moved by re-consent.', resolve: (c) => c.agreement_date }),
    revocationDate: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.revocation_date ?? null }),
    created: t.field({ type: 'DateTime', resolve: (c) => c.created }),
    modified: t.field({ type: 'DateTime', resolve: (c) => c.modified }),
    hasConsent: t.boolean({ description: 'Not revoked.', resolve: (c) => c.has_consent }),
    requiresReconsent: t.boolean({
      description: 'Not revoked, and the active Terms of Service have another version and ask for re-consent.',
      resolve: (c) => c.requires_reconsent,
    }),
    collectedAttributes: t.stringList({ description: 'User attributes shared with the service provider.', resolve: (c) => c.collected_attributes ?? [] }),
    user: t.field({ type: UserSummaryRef, resolve: (c): UserRow => c }),
    offering: t.field({
      type: OfferingSummaryRef,
      resolve: (c) => ({ uuid: c.offering_uuid, name: c.offering_name, slug: c.offering_slug, url: c.offering_url }),
    }),
    offeringUser: t.field({
      type: OfferingUserRef,
      nullable: true,
      description: "The consenting user's account on this offering, if any (and visible to the caller).",
      ...restCall(),
      resolve: (c, _a, ctx) => offeringUserByPairLoader(ctx).load({ userUuid: c.user_uuid, offeringUuid: c.offering_uuid }),
    }),
  }),
});

export const ConsentConnection = connection(ConsentRef, 'Consent');
export const ConsentOrderByEnum = orderByEnum('ConsentOrderBy', CONSENT_LIST);
/** The GraphQL side of the consent list's filters (its Waldur side is upstream's CONSENT_LIST). */
export const CONSENT_FILTER_NAMES: FilterNames = {
  user: { doc: 'User URL.' },
  offering: { doc: 'Offering URL.' },
  version: { doc: 'Exact Terms of Service version.' },
  has_consent: { doc: 'true: not revoked; false: revoked.' },
  requires_reconsent: {
    doc: "Not revoked and the offering's active ToS ask for re-consent. Waldur's filter does not compare versions; the requiresReconsent field does.",
  },
};

const ConsentFilter = filterInput('ConsentFilter', CONSENT_LIST.filters, {
  description: 'Every query parameter of the Waldur consent list. Non-staff callers only ever see their own consents.',
  names: CONSENT_FILTER_NAMES,
});

builder.queryFields((t) => ({
  consent: t.field({
    type: ConsentRef,
    nullable: true,
    description: "One consent; null when missing or someone else's (Waldur answers 404 for those).",
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: (_r, { uuid }, ctx) => consentLoader(ctx).load(uuid),
  }),
  consents: t.waldurConnection({
    type: ConsentConnection,
    list: CONSENT_LIST,
    filter: ConsentFilter,
    orderBy: ConsentOrderByEnum,
    description: 'Consents visible to the caller: all for staff and support, otherwise only their own.',
  }),
}));
