import { listConsents, type ConsentDto, type ConsentListParams } from '../../upstream/resources/consents.js';
import { builder } from '../builder.js';
import { countedConnection } from '../connection.js';
import type { GatewayContext } from '../context.js';
import { toConnection, upstreamLimit, windowFromArgs, type Window } from '../pagination.js';
import { OfferingUserRef } from './offering-user.js';
import { OfferingSummaryRef, UserSummaryRef } from './summaries.js';

export const ConsentRef = builder.objectRef<ConsentDto>('Consent');

builder.node(ConsentRef, {
  description: "A user's consent to an offering's Terms of Service: one per (user, offering), reused on re-consent.",
  id: { resolve: (c) => c.uuid },
  loadOne: (uuid, ctx) => ctx.loaders.consent.load(uuid),
  isTypeOf: (o) => typeof o === 'object' && o !== null && 'agreement_date' in o,
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    version: t.string({ description: 'Terms of Service version consented to.', resolve: (c) => c.version }),
    agreementDate: t.field({ type: 'DateTime', description: 'When the user first consented; not moved by re-consent.', resolve: (c) => c.agreement_date }),
    revocationDate: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.revocation_date ?? null }),
    created: t.field({ type: 'DateTime', resolve: (c) => c.created }),
    modified: t.field({ type: 'DateTime', resolve: (c) => c.modified }),
    hasConsent: t.boolean({ description: 'Not revoked.', resolve: (c) => c.has_consent }),
    requiresReconsent: t.boolean({ description: 'Not revoked, and the active Terms of Service have another version and ask for re-consent.', resolve: (c) => c.requires_reconsent }),
    collectedAttributes: t.stringList({ description: 'User attributes shared with the service provider.', resolve: (c) => c.collected_attributes ?? [] }),
    user: t.field({
      type: UserSummaryRef,
      resolve: (c) => ({ uuid: c.user_uuid, username: c.user_username, fullName: c.user_full_name, email: c.user_email }),
    }),
    offering: t.field({ type: OfferingSummaryRef, resolve: (c) => ({ uuid: c.offering_uuid, name: c.offering_name, slug: c.offering_slug, url: c.offering_url }) }),
    offeringUser: t.field({
      type: OfferingUserRef,
      nullable: true,
      description: "The consenting user's account on this offering, if any (and visible to the caller).",
      resolve: (c, _a, ctx) => ctx.loaders.offeringUserByPair.load({ userUuid: c.user_uuid, offeringUuid: c.offering_uuid }),
    }),
  }),
});

const ConsentFilter = builder.inputType('ConsentFilter', {
  description: 'Every query parameter of the Waldur consent list. Non-staff callers only ever see their own consents.',
  fields: (t) => ({
    user: t.field({ type: 'URL', description: 'User URL.' }),
    userUuid: t.field({ type: 'UUID' }),
    offering: t.field({ type: 'URL', description: 'Offering URL.' }),
    offeringUuid: t.field({ type: 'UUID' }),
    version: t.string({ description: 'Exact Terms of Service version.' }),
    hasConsent: t.boolean({ description: 'true: not revoked; false: revoked.' }),
    requiresReconsent: t.boolean({
      description: "Not revoked and the offering's active ToS ask for re-consent. Waldur's filter does not compare versions; the requiresReconsent field does.",
    }),
  }),
});

const ConsentOrderBy = builder.enumType('ConsentOrderBy', {
  values: {
    AGREEMENT_DATE_ASC: { value: 'agreement_date' },
    AGREEMENT_DATE_DESC: { value: '-agreement_date' },
    REVOCATION_DATE_ASC: { value: 'revocation_date' },
    REVOCATION_DATE_DESC: { value: '-revocation_date' },
    CREATED_ASC: { value: 'created' },
    CREATED_DESC: { value: '-created' },
    MODIFIED_ASC: { value: 'modified' },
    MODIFIED_DESC: { value: '-modified' },
  } as const,
});

export const ConsentConnection = countedConnection(ConsentRef, 'Consent');

/** A page of consents as a connection; its rows also answer later single and pair lookups. */
export async function consentsConnection(ctx: GatewayContext, params: ConsentListParams, window: Window) {
  const page = await listConsents(ctx.upstream, params, window.offset, upstreamLimit(window));
  for (const c of page.items) {
    ctx.loaders.consent.prime(c.uuid, c);
    ctx.loaders.consentByPair.prime({ userUuid: c.user_uuid, offeringUuid: c.offering_uuid }, c);
  }
  return toConnection(page, window) as never;
}

builder.queryFields((t) => ({
  consent: t.field({
    type: ConsentRef,
    nullable: true,
    description: "One consent; null when missing or someone else's (Waldur answers 404 for those).",
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: (_r, { uuid }, ctx) => ctx.loaders.consent.load(uuid),
  }),
  consents: t.field({
    type: ConsentConnection,
    // Nullable so that one failing root field leaves the others' answers intact.
    nullable: true,
    description: 'Consents visible to the caller: all for staff and support, otherwise only their own.',
    args: { first: t.arg.int(), after: t.arg.string(), filter: t.arg({ type: ConsentFilter }), orderBy: t.arg({ type: [ConsentOrderBy] }) },
    resolve: async (_r, args, ctx) => {
      const window = windowFromArgs(args);
      const f = args.filter ?? {};
      const params: ConsentListParams = {
        user: f.user?.toString(),
        userUuid: f.userUuid ?? undefined,
        offering: f.offering?.toString(),
        offeringUuid: f.offeringUuid ?? undefined,
        version: f.version ?? undefined,
        hasConsent: f.hasConsent ?? undefined,
        requiresReconsent: f.requiresReconsent ?? undefined,
        ordering: args.orderBy ? [...new Set(args.orderBy)] : undefined,
      };
      return consentsConnection(ctx, params, window);
    },
  }),
}));

builder.objectField(OfferingUserRef, 'consent', (t) =>
  t.field({
    type: ConsentRef,
    nullable: true,
    description: "This user's consent for this offering; null when none, or when the caller may not see it (only staff, support and the user themselves can). Batched across a list.",
    resolve: (ou, _a, ctx) => ctx.loaders.consentByPair.load({ userUuid: ou.user_uuid, offeringUuid: ou.offering_uuid }),
  }),
);
