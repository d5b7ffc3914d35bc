import {
  getChecklist,
  getChecklistReview,
  getCompletionReviewStatus,
  getCompletionStatus,
  isNoChecklist,
  type ChecklistDto,
  type CompletionDto,
} from '../../upstream/resources/checklists.js';
import { defineLoader } from '../loader.js';
import { perKey } from '../loader-kinds.js';

export interface ChecklistKey {
  uuid: string;
  includeAll: boolean;
}

const checklistKey = (k: ChecklistKey) => `${k.uuid}:${k.includeAll}`;

/** One read per offering user (Waldur has no batch route); "no checklist configured" is null. */
export const completionStatusLoader = defineLoader((s) => perKey<string, CompletionDto>((u) => getCompletionStatus(s, u), isNoChecklist));
export const completionReviewStatusLoader = defineLoader((s) => perKey<string, CompletionDto>((u) => getCompletionReviewStatus(s, u), isNoChecklist));
export const checklistLoader = defineLoader((s) =>
  perKey<ChecklistKey, ChecklistDto>((k) => getChecklist(s, k.uuid, k.includeAll), isNoChecklist, checklistKey),
);
export const checklistReviewLoader = defineLoader((s) =>
  perKey<ChecklistKey, ChecklistDto>((k) => getChecklistReview(s, k.uuid, k.includeAll), isNoChecklist, checklistKey),
);
