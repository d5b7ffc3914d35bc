import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import { listProviderOfferings, listServiceProviders, type NestedRow, type ServiceProviderDto } from '../upstream/resources/service-providers.js';
import { chunk } from './pair-key.js';

export interface ProviderOfferingKey {
  customerUuid: string;
  offeringUuid: string;
}

export function createServiceProviderLoaders(session: UpstreamSession) {
  /**
   * Provider of a customer. Waldur's customer_uuid filter takes one UUID, so one list call per
   * distinct customer: 50 offering users of 3 providers cost 3 calls.
   */
  const byCustomer = new DataLoader<string, ServiceProviderDto | null>((customers) =>
    Promise.all(
      customers.map(async (customerUuid) => {
        try {
          return (await listServiceProviders(session, { customerUuid }, 0, 1)).items[0] ?? null;
        } catch (err) {
          return err as Error;
        }
      }),
    ),
  );

  /**
   * Offering details, read through the provider's `offerings/` list, which accepts the customer
   * UUID in place of the provider's and filters by `uuid_list`: one call per customer (per 200).
   */
  const providerOffering = new DataLoader<ProviderOfferingKey, NestedRow | null, string>(
    async (keys) => {
      const byCustomerUuid = new Map<string, Set<string>>();
      for (const k of keys) (byCustomerUuid.get(k.customerUuid) ?? byCustomerUuid.set(k.customerUuid, new Set()).get(k.customerUuid)!).add(k.offeringUuid);
      const found = new Map<string, NestedRow>();
      const failed = new Map<string, Error>();
      await Promise.all(
        [...byCustomerUuid].flatMap(([customerUuid, offerings]) =>
          chunk([...offerings]).map(async (uuids) => {
            try {
              for (const row of await listProviderOfferings(session, customerUuid, uuids)) found.set(String(row.uuid), row);
            } catch (err) {
              for (const u of uuids) failed.set(u, err as Error);
            }
          }),
        ),
      );
      return keys.map((k) => failed.get(k.offeringUuid) ?? found.get(k.offeringUuid) ?? null);
    },
    { cacheKeyFn: (k) => `${k.customerUuid}:${k.offeringUuid}` },
  );

  return { serviceProviderByCustomer: byCustomer, providerOffering };
}
