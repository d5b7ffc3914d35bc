import type { UpstreamSession } from '../upstream/session.js';
import { UpstreamError } from '../upstream/errors.js';
import { listEvery, listPage, primeRow, type ListSpec } from '../upstream/list-spec.js';
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
 * They batch and hold nothing: the session's read cache is the operation's only one (identical
 * reads are one request, a write clears them all), so no loader is ever cleared by hand.
 */
export function createLoaders(session: UpstreamSession) {
  return {
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
    /** The caller (`users/me/`: one read per operation, as identical reads are). */
    me: (): Promise<CurrentUserDto> => getCurrentUser(session),
    /** Rows a list read (or a write) answered: they answer later detail reads and lookups of the same objects (whole rows only). */
    prime: (list: ListSpec, rows: readonly unknown[], whole: boolean) => {
      if (whole) for (const row of rows) PRIMES.get(list)?.(session, row as never);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Which reads a whole row of each list answers: its detail read, and the lookups that name it. */
const PRIMES = new Map<ListSpec, (s: UpstreamSession, row: never) => void>([
  [OFFERING_USER_LIST, (s, r: OfferingUserDto) => primeRow(s, OFFERING_USER_LIST, r)],
  [CONSENT_LIST, (s, c: ConsentDto) => primeRow(s, CONSENT_LIST, c, [{ values: { userUuid: c.user_uuid, offeringUuid: c.offering_uuid } }])],
  [SERVICE_PROVIDER_LIST, (s, sp: ServiceProviderDto) => primeRow(s, SERVICE_PROVIDER_LIST, sp, [{ values: { customerUuid: sp.customer_uuid } }])],
]);
