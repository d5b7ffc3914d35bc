import { CONSENT_LIST } from '../../upstream/resources/consents.js';
import type { ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { listField, restCall } from '../list-field.js';
import { ConsentConnection } from './consent.js';
import { OfferingUserRef, offeringUserList } from './offering-user.js';
import { ProviderOfferingRef } from './service-provider-items.js';
import { ServiceProviderRef } from './service-provider.js';

/** Links between resources that Waldur keeps apart: each batched through the operation's loaders. */
builder.objectFields(ServiceProviderRef, (t) => ({
  offeringUsers: listField(t, {
    ...offeringUserList,
    description: "Offering users of this provider's offerings (Waldur offering users filtered by provider).",
    reads: ['customer_uuid'],
    request: (sp: ServiceProviderDto) => ({ values: { providerUuid: sp.customer_uuid } }),
  }),
  consents: listField(t, {
    type: ConsentConnection,
    list: CONSENT_LIST,
    description:
      "Consents to one of this provider's offerings. Waldur filters consents by a single offering, and shows other users' consents only to staff and support.",
    args: { offeringUuid: t.arg({ type: 'UUID', required: true }), hasConsent: t.arg.boolean(), version: t.arg.string() },
    reads: [],
    request: (_sp, a) => ({ values: { offeringUuid: a.offeringUuid, hasConsent: a.hasConsent, version: a.version } }),
  }),
}));

builder.objectFields(OfferingUserRef, (t) => ({
  serviceProvider: t.field({
    type: ServiceProviderRef,
    nullable: true,
    description: "The provider of this account's offering. Under a list: one request per distinct provider.",
    ...restCall('customer_uuid'),
    resolve: (ou, _a, ctx) => ctx.loaders.serviceProviderByCustomer.load(ou.customer_uuid),
  }),
  // OfferingUser.offering knows its customer; other embedded offerings do not, and stay summaries.
  offeringDetails: t.field({
    type: ProviderOfferingRef,
    nullable: true,
    description: 'The offering as its provider lists it (type, state, category, plans...). Batched per provider with uuid_list.',
    ...restCall('customer_uuid', 'offering_uuid'),
    resolve: (ou, _a, ctx) => ctx.loaders.providerOffering.load({ customerUuid: ou.customer_uuid, offeringUuid: ou.offering_uuid }),
  }),
}));
