import { isOfferingUser, OFFERING_USER_LIST, type OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { lookAhead } from '../prefetch.js';
import { builder } from '../builder.js';
import { connection, filterInput, orderByEnum, rest, type FilterNames } from '../list-field.js';
import { offeringUserLoader } from './loaders.js';
import { allowedTransitions } from '../../upstream/resources/offering-user-states.js';
import { OfferingUserStateEnum, OfferingUserTransitionEnum } from './enums.js';
import { CustomerSummaryRef, OfferingSummaryRef, USER_FIELDS, UserSummaryRef, type UserRow } from '../summaries.js';

export const OfferingUserRef = builder.objectRef<OfferingUserDto>('OfferingUser');

const ConsentDataRef = builder.objectRef<NonNullable<OfferingUserDto['consent_data']>>('OfferingUserConsentData').implement({
  description: "Summary of the user's consent, filled by Waldur only when consent enforcement is on.",
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', nullable: true, resolve: (c) => c.uuid ?? null }),
    version: t.string({ nullable: true, resolve: (c) => c.version ?? null }),
    agreementDate: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.agreement_date ?? null }),
  }),
});

builder.node(OfferingUserRef, {
  description: "A user's account on a service provider's offering, with its lifecycle state.",
  // Identity and what the type check looks at are always asked for.
  extensions: { restAlways: ['uuid', 'offering_uuid'] },
  id: { resolve: (d) => d.uuid, ...rest('uuid') },
  loadOne: (uuid, ctx) => offeringUserLoader(ctx).load(uuid),
  // Rows carry the description that checked them (upstream/shape.ts): no sniffing of fields.
  isTypeOf: isOfferingUser,
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', ...rest('uuid'), resolve: (d) => d.uuid }),
    url: t.field({ type: 'URL', ...rest('url'), resolve: (d) => d.url }),
    username: t.string({
      nullable: true,
      description: 'Account name on the provider side; null until assigned.',
      ...rest('username'),
      resolve: (d) => d.username ?? null,
    }),
    state: t.field({ type: OfferingUserStateEnum, ...rest('state'), resolve: (d) => d.state }),
    allowedTransitions: t.field({
      type: [OfferingUserTransitionEnum],
      description: 'Transitions Waldur accepts from the current state (permissions aside).',
      ...rest('state'),
      resolve: (d) => allowedTransitions(d.state),
    }),
    isRestricted: t.boolean({ ...rest('is_restricted'), resolve: (d) => d.is_restricted }),
    serviceProviderComment: t.string({
      description: 'Comment from the provider for pending states; empty when none.',
      ...rest('service_provider_comment'),
      resolve: (d) => d.service_provider_comment ?? '',
    }),
    serviceProviderCommentUrl: t.field({
      type: 'URL',
      nullable: true,
      ...rest('service_provider_comment_url'),
      resolve: (d) => d.service_provider_comment_url || null,
    }),
    hasConsent: t.boolean({
      description: "The offering has active Terms of Service and the user's consent to them is not revoked.",
      ...rest('has_consent'),
      resolve: (d) => d.has_consent,
    }),
    requiresReconsent: t.boolean({
      description: 'The active Terms of Service changed version and ask for re-consent.',
      ...rest('requires_reconsent'),
      resolve: (d) => d.requires_reconsent,
    }),
    hasComplianceChecklist: t.boolean({ ...rest('has_compliance_checklist'), resolve: (d) => d.has_compliance_checklist ?? false }),
    consentData: t.field({ type: ConsentDataRef, nullable: true, ...rest('consent_data'), resolve: (d) => d.consent_data ?? null }),
    isProfileComplete: t.boolean({ ...rest('is_profile_complete'), resolve: (d) => d.is_profile_complete ?? true }),
    missingProfileAttributes: t.stringList({ ...rest('missing_profile_attributes'), resolve: (d) => d.missing_profile_attributes ?? [] }),
    created: t.field({ type: 'DateTime', ...rest('created'), resolve: (d) => d.created }),
    modified: t.field({ type: 'DateTime', ...rest('modified'), resolve: (d) => d.modified }),
    user: t.field({
      type: UserSummaryRef,
      description: 'Built from the embedded user_* fields; no extra request.',
      ...rest('user', ...USER_FIELDS),
      resolve: (d): UserRow => d,
    }),
    offering: t.field({
      type: OfferingSummaryRef,
      ...rest('offering', 'offering_uuid', 'offering_name'),
      resolve: (d) => ({ uuid: d.offering_uuid, url: d.offering, name: d.offering_name }),
    }),
    customer: t.field({
      type: CustomerSummaryRef,
      description: "The offering's customer (the service provider's organisation).",
      ...rest('customer_uuid', 'customer_name'),
      resolve: (d) => ({ uuid: d.customer_uuid, name: d.customer_name }),
    }),
  }),
});

export const OfferingUserConnection = connection(OfferingUserRef, 'OfferingUser');

/** The GraphQL side of the offering-user list's filters (its Waldur side is upstream's OFFERING_USER_LIST). */
export const OFFERING_USER_FILTER_NAMES: FilterNames = {
  offering: { doc: 'Offering URL (Waldur `offering`).' },
  offering_uuid: { doc: 'Any of these offerings (`offering_uuid`, comma-separated).' },
  offering_slug: { doc: 'Any of these offering slugs (`offering_slug`).' },
  parent_offering_uuid: { doc: 'Offerings whose parent is this offering.' },
  user_username: { doc: 'Waldur username of the user, case-insensitive exact match.' },
  provider_uuid: { doc: "UUID of the offering's customer (the provider organisation), not the ServiceProvider UUID." },
  state: { doc: 'Any of these states.' },
  has_consent: { doc: 'The user has a non-revoked consent for the offering.' },
  created: { name: 'createdAfter', doc: 'Created on or after (Waldur `created`).' },
  modified: { name: 'modifiedAfter', doc: 'Modified on or after (Waldur `modified`).' },
  query: { doc: 'Substring of offering name, account username, or user first, last or user name.' },
};

const OfferingUserFilterInput = filterInput('OfferingUserFilter', OFFERING_USER_LIST.filters, {
  description: 'Every query parameter of the Waldur offering-user list, typed. Fields combine with AND; list values with OR.',
  names: OFFERING_USER_FILTER_NAMES,
  types: { state: [OfferingUserStateEnum] },
});
const OfferingUserOrderByEnum = orderByEnum('OfferingUserOrderBy', OFFERING_USER_LIST, 'Sort keys (Waldur `o`). Several may be combined; earlier ones win.');
export const offeringUserList = { type: OfferingUserConnection, list: OFFERING_USER_LIST, filter: OfferingUserFilterInput, orderBy: OfferingUserOrderByEnum };

builder.queryFields((t) => ({
  offeringUser: t.field({
    type: OfferingUserRef,
    nullable: true,
    description: 'One offering user; null when it does not exist or is not visible to the caller.',
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: (_r, { uuid }, ctx, info) => {
      // Checklist reads need only the UUID the caller gave: they start beside the account's read.
      lookAhead(uuid, info, ctx);
      return offeringUserLoader(ctx).load(uuid);
    },
  }),
  offeringUsers: t.waldurConnection({ ...offeringUserList, description: 'Offering users visible to the caller. `first` defaults to 20 and may go up to 300.' }),
}));
