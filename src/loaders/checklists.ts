import DataLoader from 'dataloader';
import type { UpstreamSession } from '../upstream/client.js';
import {
  getChecklist,
  getChecklistReview,
  getCompletionReviewStatus,
  getCompletionStatus,
  isNoChecklist,
  type ChecklistDto,
  type CompletionDto,
} from '../upstream/resources/checklists.js';

/** "No checklist configured" is an answer (null), not a failure; other errors stay per key. */
async function orNoChecklist<T>(p: Promise<T>): Promise<T | null | Error> {
  try {
    return await p;
  } catch (err) {
    if (isNoChecklist(err)) return null;
    return err as Error;
  }
}

/**
 * Waldur has no batch endpoint for checklist state, so one read per offering user: run
 * concurrently under the session's limiter, identical keys read once.
 */
const perKey = <K, V>(load: (key: K) => Promise<V>, cacheKeyFn?: (k: K) => string) =>
  new DataLoader<K, V | null, string | K>((keys) => Promise.all(keys.map((k) => orNoChecklist(load(k)))), cacheKeyFn ? { cacheKeyFn } : {});

export interface ChecklistKey {
  uuid: string;
  includeAll: boolean;
}

export function createChecklistLoaders(session: UpstreamSession) {
  const key = (k: ChecklistKey) => `${k.uuid}:${k.includeAll}`;
  return {
    completionStatus: perKey<string, CompletionDto>((uuid) => getCompletionStatus(session, uuid)),
    completionReviewStatus: perKey<string, CompletionDto>((uuid) => getCompletionReviewStatus(session, uuid)),
    checklist: perKey<ChecklistKey, ChecklistDto>((k) => getChecklist(session, k.uuid, k.includeAll), key),
    checklistReview: perKey<ChecklistKey, ChecklistDto>((k) => getChecklistReview(session, k.uuid, k.includeAll), key),
  };
}
