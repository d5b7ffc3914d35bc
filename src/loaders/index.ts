import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import { UpstreamError } from '../upstream/errors.js';
import { getConsent, type ConsentDto } from '../upstream/resources/consents.js';
import { getOfferingUser, type OfferingUserDto } from '../upstream/resources/offering-users.js';
import { getCurrentUser, type CurrentUserDto } from '../upstream/resources/users.js';
import { createChecklistLoaders } from './checklists.js';
import { consentByPairLoader } from './consents.js';
import { offeringUserByPairLoader } from './offering-user-by-pair.js';
import { createServiceProviderLoaders } from './service-providers.js';
import { getServiceProvider, type ServiceProviderDto } from '../upstream/resources/service-providers.js';

/** A missing or invisible object reads as null; every other failure stays an error. */
export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof UpstreamError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/**
 * Per-operation loaders, bound to one caller's upstream session: never shared between callers.
 * Waldur has no multi-UUID filter for offering users, so single reads run concurrently
 * (bounded by the session's limiter) and identical keys are loaded once.
 */
export function createLoaders(session: UpstreamSession) {
  const byUuid = <T>(get: (s: UpstreamSession, uuid: string) => Promise<T>) =>
    new DataLoader<string, T | null>((uuids) => Promise.all(uuids.map((u) => orNull(get(session, u)).catch((e: unknown) => e as Error))));
  let me: Promise<CurrentUserDto> | undefined;
  return {
    offeringUser: byUuid<OfferingUserDto>(getOfferingUser),
    offeringUserByPair: offeringUserByPairLoader(session),
    consent: byUuid<ConsentDto>(getConsent),
    consentByPair: consentByPairLoader(session),
    ...createChecklistLoaders(session),
    serviceProvider: byUuid<ServiceProviderDto>(getServiceProvider),
    ...createServiceProviderLoaders(session),
    /** The caller, read at most once per operation. */
    me: () => (me ??= getCurrentUser(session)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
