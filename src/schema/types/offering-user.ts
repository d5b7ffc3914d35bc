import { listOfferingUsers, type OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { getArgumentValues, getNamedType, Kind, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import { builder } from '../builder.js';
import { CONNECTION_NODE_PATHS, restFieldsFor, selectedFieldNames } from '../selection.js';
import { OFFERING_USER_ALWAYS, OFFERING_USER_REST_FIELDS } from './offering-user-rest-fields.js';
import { countedConnection } from '../connection.js';
import { toConnection, upstreamLimit, windowFromArgs } from '../pagination.js';
import { allowedTransitions } from '../../upstream/resources/offering-user-states.js';
import { OfferingUserOrderByEnum, OfferingUserStateEnum, OfferingUserTransitionEnum } from './offering-user-enums.js';
import { OfferingUserFilterInput, toListParams } from './offering-user-filter.js';
import { CustomerSummaryRef, OfferingSummaryRef, UserSummaryRef, type UserSummary } from './summaries.js';

export const OfferingUserRef = builder.objectRef<OfferingUserDto>('OfferingUser');

const ConsentDataRef = builder.objectRef<NonNullable<OfferingUserDto['consent_data']>>('OfferingUserConsentData').implement({
  description: "Summary of the user's consent, filled by Waldur only when consent enforcement is on.",
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', nullable: true, resolve: (c) => c.uuid ?? null }),
    version: t.string({ nullable: true, resolve: (c) => c.version ?? null }),
    agreementDate: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.agreement_date ?? null }),
  }),
});

export function userOf(d: OfferingUserDto): UserSummary {
  return {
    uuid: d.user_uuid,
    url: d.user,
    username: d.user_username,
    fullName: d.user_full_name,
    firstName: d.user_first_name,
    lastName: d.user_last_name,
    email: d.user_email,
    phoneNumber: d.user_phone_number,
    organization: d.user_organization,
    jobTitle: d.user_job_title,
    affiliations: d.user_affiliations,
    gender: d.user_gender,
    personalTitle: d.user_personal_title,
    placeOfBirth: d.user_place_of_birth,
    countryOfResidence: d.user_country_of_residence,
    nationality: d.user_nationality,
    nationalities: d.user_nationalities,
    organizationCountry: d.user_organization_country,
    organizationType: d.user_organization_type,
    organizationRegistryCode: d.user_organization_registry_code,
    eduPersonAssurance: d.user_eduperson_assurance,
    civilNumber: d.user_civil_number,
    birthDate: d.user_birth_date,
    identitySource: d.user_identity_source,
    activeIsds: d.user_active_isds,
  };
}

/**
 * Checklist reads need only the UUID, which the caller gave: start them beside the read of the
 * offering user instead of after it. The child resolvers get the same loader promises.
 */
function prefetchChildren(uuid: string, info: GraphQLResolveInfo, ctx: GatewayContext): void {
  for (const node of info.fieldNodes) {
    for (const sel of node.selectionSet?.selections ?? []) {
      if (sel.kind !== Kind.FIELD) continue;
      const name = sel.name.value;
      let pending: Promise<unknown> | undefined;
      if (name === 'completionStatus') pending = ctx.loaders.completionStatus.load(uuid);
      if (name === 'checklist') {
        const def = info.parentType.getFields()[info.fieldName]!.type;
        const field = (getNamedType(def) as GraphQLObjectType).getFields().checklist!;
        const args = getArgumentValues(field, sel, info.variableValues) as { includeAll?: boolean };
        pending = ctx.loaders.checklist.load({ uuid, includeAll: args.includeAll ?? false });
      }
      // If the offering user turns out missing, nobody awaits this: do not let it go unhandled.
      pending?.catch(() => undefined);
    }
  }
}

/** The sparse fieldset for the rows of an OfferingUser connection, or undefined for every field. */
export function offeringUserFieldsFor(info: GraphQLResolveInfo): string[] | undefined {
  return restFieldsFor(selectedFieldNames(info, CONNECTION_NODE_PATHS), OFFERING_USER_REST_FIELDS, OFFERING_USER_ALWAYS);
}

builder.node(OfferingUserRef, {
  description: "A user's account on a service provider's offering, with its lifecycle state.",
  id: { resolve: (d) => d.uuid },
  loadOne: (uuid, ctx) => ctx.loaders.offeringUser.load(uuid),
  isTypeOf: (o) => typeof o === 'object' && o !== null && 'offering_uuid' in o && 'uuid' in o && !('agreement_date' in o),
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (d) => d.uuid }),
    url: t.field({ type: 'URL', resolve: (d) => d.url }),
    username: t.string({ nullable: true, description: 'Account name on the provider side; null until assigned.', resolve: (d) => d.username ?? null }),
    state: t.field({ type: OfferingUserStateEnum, resolve: (d) => d.state }),
    allowedTransitions: t.field({
      type: [OfferingUserTransitionEnum],
      description: 'Transitions Waldur accepts from the current state (permissions aside).',
      resolve: (d) => allowedTransitions(d.state),
    }),
    isRestricted: t.boolean({ resolve: (d) => d.is_restricted }),
    serviceProviderComment: t.string({ description: 'Comment from the provider for pending states; empty when none.', resolve: (d) => d.service_provider_comment ?? '' }),
    serviceProviderCommentUrl: t.field({ type: 'URL', nullable: true, resolve: (d) => d.service_provider_comment_url || null }),
    hasConsent: t.boolean({ description: "The offering has active Terms of Service and the user's consent to them is not revoked.", resolve: (d) => d.has_consent }),
    requiresReconsent: t.boolean({ description: 'The active Terms of Service changed version and ask for re-consent.', resolve: (d) => d.requires_reconsent }),
    hasComplianceChecklist: t.boolean({ resolve: (d) => d.has_compliance_checklist ?? false }),
    consentData: t.field({ type: ConsentDataRef, nullable: true, resolve: (d) => d.consent_data ?? null }),
    isProfileComplete: t.boolean({ resolve: (d) => d.is_profile_complete ?? true }),
    missingProfileAttributes: t.stringList({ resolve: (d) => d.missing_profile_attributes ?? [] }),
    created: t.field({ type: 'DateTime', resolve: (d) => d.created }),
    modified: t.field({ type: 'DateTime', resolve: (d) => d.modified }),
    user: t.field({ type: UserSummaryRef, description: 'Built from the embedded user_* fields; no extra request.', resolve: userOf }),
    offering: t.field({ type: OfferingSummaryRef, resolve: (d) => ({ uuid: d.offering_uuid, url: d.offering, name: d.offering_name }) }),
    customer: t.field({ type: CustomerSummaryRef, description: "The offering's customer (the service provider's organisation).", resolve: (d) => ({ uuid: d.customer_uuid, name: d.customer_name }) }),
  }),
});

export const OfferingUserConnection = countedConnection(OfferingUserRef, 'OfferingUser');

builder.queryFields((t) => ({
  offeringUser: t.field({
    type: OfferingUserRef,
    nullable: true,
    description: 'One offering user; null when it does not exist or is not visible to the caller.',
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: (_root, { uuid }, ctx, info) => {
      prefetchChildren(uuid, info, ctx);
      return ctx.loaders.offeringUser.load(uuid);
    },
  }),
  offeringUsers: t.field({
    type: OfferingUserConnection,
    // Nullable so that one failing root field leaves the others' answers intact.
    nullable: true,
    description: 'Offering users visible to the caller. `first` defaults to 20 and may go up to 300.',
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      filter: t.arg({ type: OfferingUserFilterInput }),
      orderBy: t.arg({ type: [OfferingUserOrderByEnum] }),
    },
    resolve: async (_root, args, ctx, info) => {
      const window = windowFromArgs(args);
      const fields = offeringUserFieldsFor(info);
      const page = await listOfferingUsers(ctx.upstream, { ...toListParams(args.filter, args.orderBy), fields }, window.offset, upstreamLimit(window));
      // Later reads of the same rows in this operation come from here (only whole rows).
      if (!fields) for (const row of page.items) ctx.loaders.offeringUser.prime(row.uuid, row);
      return toConnection(page, window) as never;
    },
  }),
}));
