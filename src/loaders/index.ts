import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/session.js';
import { UpstreamError } from '../upstream/errors.js';
import { listEvery, listPage, type ListSpec } from '../upstream/list-spec.js';
import {
  getChecklist,
  getChecklistReview,
  getCompletionReviewStatus,
  getCompletionStatus,
  isNoChecklist,
  type ChecklistDto,
  type CompletionDto,
} from '../upstream/resources/checklists.js';
import { CONSENT_LIST, getConsent, type ConsentDto } from '../upstream/resources/consents.js';
import { getOfferingUser, OFFERING_USER_LIST, type OfferingUserDto } from '../upstream/resources/offering-users.js';
import { PROVIDER_OFFERINGS } from '../upstream/resources/service-provider-lists.js';
import { getServiceProvider, SERVICE_PROVIDER_LIST, type NestedRow, type ServiceProviderDto } from '../upstream/resources/service-providers.js';
import { getCurrentUser, type CurrentUserDto } from '../upstream/resources/users.js';
import { consentByPairLoader } from './consents.js';
import { grouped, never, perKey } from './factory.js';
import { byFirst, pairKey, type Pair } from './pair-key.js';

export interface ChecklistKey {
  uuid: string;
  includeAll: boolean;
}

export interface ProviderOfferingKey {
  customerUuid: string;
  offeringUuid: string;
}

const notFound = (err: unknown) => err instanceof UpstreamError && err.code === 'NOT_FOUND';
const checklistKey = (k: ChecklistKey) => `${k.uuid}:${k.includeAll}`;

/**
 * Per-operation loaders, bound to one caller's upstream session: never shared between callers.
 * Single reads run concurrently (bounded by the session's limiter); identical keys load once.
 */
export function createLoaders(session: UpstreamSession) {
  let me: Promise<CurrentUserDto> | undefined;
  const loaders = {
    offeringUser: perKey<string, OfferingUserDto>((u) => getOfferingUser(session, u), notFound),
    consent: perKey<string, ConsentDto>((u) => getConsent(session, u), notFound),
    serviceProvider: perKey<string, ServiceProviderDto>((u) => getServiceProvider(session, u), notFound),
    /** Waldur's customer_uuid filter takes one UUID: one call per distinct customer. */
    serviceProviderByCustomer: perKey<string, ServiceProviderDto>(
      async (customerUuid) => (await listPage<ServiceProviderDto>(session, SERVICE_PROVIDER_LIST, { values: { customerUuid } }, 0, 1)).items[0] ?? null,
      never,
    ),
    completionStatus: perKey<string, CompletionDto>((u) => getCompletionStatus(session, u), isNoChecklist),
    completionReviewStatus: perKey<string, CompletionDto>((u) => getCompletionReviewStatus(session, u), isNoChecklist),
    checklist: perKey<ChecklistKey, ChecklistDto>((k) => getChecklist(session, k.uuid, k.includeAll), isNoChecklist, checklistKey),
    checklistReview: perKey<ChecklistKey, ChecklistDto>((k) => getChecklistReview(session, k.uuid, k.includeAll), isNoChecklist, checklistKey),
    /** `offering_uuid` takes several values, `user_uuid` one: one list call per user (per 200 offerings). */
    offeringUserByPair: grouped<Pair, OfferingUserDto>({
      keyOf: (p) => pairKey(p.userUuid, p.offeringUuid),
      groups: (pairs) =>
        byFirst(
          pairs,
          (p) => p.userUuid,
          (p) => p.offeringUuid,
        ),
      read: async (userUuid, pairs, found) => {
        const rows = await listEvery<OfferingUserDto>(session, OFFERING_USER_LIST, { values: { userUuid, offeringUuid: pairs.map((p) => p.offeringUuid) } });
        for (const ou of rows) found(pairKey(ou.user_uuid, ou.offering_uuid), ou);
      },
    }),
    consentByPair: consentByPairLoader(session),
    /** Offering details through the provider's `offerings/` list by `uuid_list`: one call per customer (per 200). */
    providerOffering: grouped<ProviderOfferingKey, NestedRow>({
      keyOf: (k) => `${k.customerUuid}:${k.offeringUuid}`,
      groups: (keys) =>
        byFirst(
          keys,
          (k) => k.customerUuid,
          (k) => k.offeringUuid,
        ),
      read: async (customerUuid, keys, found) => {
        const page = await listPage<NestedRow>(
          session,
          PROVIDER_OFFERINGS,
          { parent: customerUuid, values: { uuidList: keys.map((k) => k.offeringUuid) } },
          0,
          keys.length,
        );
        for (const row of page.items) found(`${customerUuid}:${String(row.uuid)}`, row);
      },
    }),
    /** The caller, read at most once per operation. */
    me: () => (me ??= getCurrentUser(session)),
    /** Rows a list read answers later single and pair lookups in this operation (whole rows only). */
    prime: (list: ListSpec, rows: readonly unknown[], whole: boolean) => {
      if (whole) for (const row of rows) PRIMES.get(list)?.(loaders, row as never);
    },
  };
  // One rule for every cache of the operation: a write clears what was read before it, here as in
  // the session's read map, so an answer never mixes a row from before a write with one from after.
  session.onWrite(() => {
    me = undefined;
    for (const l of Object.values(loaders)) if (l instanceof DataLoader) l.clearAll();
  });
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Which loaders a row of each list answers. */
const PRIMES = new Map<ListSpec, (l: Loaders, row: never) => void>([
  [OFFERING_USER_LIST, (l, r: OfferingUserDto) => l.offeringUser.prime(r.uuid, r)],
  [CONSENT_LIST, (l, c: ConsentDto) => (l.consent.prime(c.uuid, c), l.consentByPair.prime({ userUuid: c.user_uuid, offeringUuid: c.offering_uuid }, c))],
  [SERVICE_PROVIDER_LIST, (l, sp: ServiceProviderDto) => (l.serviceProvider.prime(sp.uuid, sp), l.serviceProviderByCustomer.prime(sp.customer_uuid, sp))],
]);
