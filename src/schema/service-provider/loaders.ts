import { listPage } from '../../upstream/list-spec.js';
import { PROVIDER_OFFERINGS } from '../../upstream/resources/service-provider-lists.js';
import { getServiceProvider, SERVICE_PROVIDER_LIST, type NestedRow, type ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { defineLoader, notFound } from '../loader.js';
import { grouped, never, perKey } from '../loader-kinds.js';
import { byFirst } from '../pair-key.js';

export interface ProviderOfferingKey {
  customerUuid: string;
  offeringUuid: string;
}

export const serviceProviderLoader = defineLoader((s) => perKey<string, ServiceProviderDto>((u) => getServiceProvider(s, u), notFound));

/** Waldur's customer_uuid filter takes one UUID: one call per distinct customer. */
export const serviceProviderByCustomerLoader = defineLoader((s) =>
  perKey<string, ServiceProviderDto>(
    async (customerUuid) => (await listPage<ServiceProviderDto>(s, SERVICE_PROVIDER_LIST, { values: { customer_uuid: customerUuid } }, 0, 1)).items[0] ?? null,
    never,
  ),
);

/** Offering details through the provider's `offerings/` list by `uuid_list`: one call per customer (per 200). */
export const providerOfferingLoader = defineLoader((s) =>
  grouped<ProviderOfferingKey, NestedRow>({
    keyOf: (k) => `${k.customerUuid}:${k.offeringUuid}`,
    groups: (keys) =>
      byFirst(
        keys,
        (k) => k.customerUuid,
        (k) => k.offeringUuid,
      ),
    read: async (customerUuid, keys, found) => {
      const page = await listPage<NestedRow>(
        s,
        PROVIDER_OFFERINGS,
        { parent: customerUuid, values: { uuid_list: keys.map((k) => k.offeringUuid) } },
        0,
        keys.length,
      );
      for (const row of page.items) found(`${customerUuid}:${String(row.uuid)}`, row);
    },
  }),
);
