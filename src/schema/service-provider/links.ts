import { CONSENT_LIST } from '../../upstream/resources/consents.js';
import type { ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { ConsentConnection } from '../consent/consent.js';
import { offeringUserList } from '../offering-user/offering-user.js';
import { ServiceProviderRef } from './service-provider.js';

/** What a service provider links to that Waldur keeps apart: declared here, as the link starts from the provider. */
builder.objectFields(ServiceProviderRef, (t) => ({
  offeringUsers: t.waldurConnection({
    ...offeringUserList,
    description: "Offering users of this provider's offerings (Waldur offering users filtered by provider).",
    reads: ['customer_uuid'],
    request: (sp: ServiceProviderDto) => ({ values: { provider_uuid: sp.customer_uuid } }),
  }),
  consents: t.waldurConnection({
    type: ConsentConnection,
    list: CONSENT_LIST,
    description:
      "Consents to one of this provider's offerings. Waldur filters consents by a single offering, and shows other users' consents only to staff and support.",
    args: { offeringUuid: t.arg({ type: 'UUID', required: true }), hasConsent: t.arg.boolean(), version: t.arg.string() },
    reads: [],
    request: (_sp, a) => ({ values: { offering_uuid: a.offeringUuid, has_consent: a.hasConsent, version: a.version } }),
  }),
}));
