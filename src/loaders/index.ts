import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import { UpstreamError } from '../upstream/errors.js';
import { getOfferingUser, type OfferingUserDto } from '../upstream/resources/offering-users.js';

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
  return {
    offeringUser: new DataLoader<string, OfferingUserDto | null>(
      (uuids) => Promise.all(uuids.map((u) => orNull(getOfferingUser(session, u)).catch((e: unknown) => e as Error))),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
