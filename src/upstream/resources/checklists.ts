import { uuidSegment, wireUuid } from '../uuid.js';
import type { UpstreamSession } from '../session.js';
import { UpstreamValidationError } from '../errors.js';
import { Query } from '../query.js';

export interface ChecklistShortDto {
  uuid: string;
  name: string;
  description: string;
  checklist_type: string;
}

export interface QuestionOptionDto {
  uuid: string;
  label: string;
  order: number;
}

export interface DependencyInfoDto {
  logic: 'and' | 'or';
  conditions: Array<{ question_description: string; operator: string; required_value: unknown }>;
}

export interface AnswerDto {
  uuid: string;
  question_description: string;
  question_type: string;
  question_required: boolean;
  answer_data: unknown;
  requires_review?: boolean;
  user: number | null;
  user_name: string;
  created: string;
  modified: string;
}

export interface QuestionDto {
  uuid: string;
  description: string;
  user_guidance: string | null;
  question_type: string;
  required: boolean;
  order: number;
  question_options: QuestionOptionDto[] | null;
  min_value: string | null;
  max_value: string | null;
  allowed_file_types?: string[];
  allowed_mime_types?: string[];
  max_file_size_mb: number | null;
  max_files_count: number | null;
  likert_scale_length?: number | null;
  likert_low_label?: string;
  likert_high_label?: string;
  likert_allow_na?: boolean;
  rich_text_char_limit?: number | null;
  rich_text_toolbar_level?: string;
  dependencies_info?: DependencyInfoDto | null;
  existing_answer?: AnswerDto | null;
  /** Reviewer and template views only. */
  operator?: string;
  review_answer_value?: unknown;
  always_requires_review?: boolean;
  /** Template view only. */
  guidance_answer_value?: unknown;
  guidance_operator?: string;
  always_show_guidance?: boolean;
  dependency_logic_operator?: string;
}

export interface CompletionDto {
  uuid: string;
  is_completed: boolean;
  completion_percentage: number;
  unanswered_required_questions: Array<{ uuid: string; description: string; question_type: string }>;
  checklist_name: string;
  checklist_description: string;
  created: string;
  modified: string;
  /** Reviewer view only. */
  requires_review?: boolean;
  reviewed_by?: number | null;
  reviewed_by_name?: string;
  reviewed_at?: string | null;
  review_notes?: string;
  review_trigger_summary?: Array<{ question: string; answer: unknown; trigger_value: unknown; operator: string }>;
}

export interface ChecklistDto {
  checklist: ChecklistShortDto;
  completion: CompletionDto;
  questions: QuestionDto[];
}

export interface ChecklistTemplateDto {
  checklist: ChecklistShortDto;
  questions: QuestionDto[];
  initial_visible_questions: QuestionDto[];
}

export interface AnswerSubmission {
  question_uuid: string;
  answer_data: unknown;
}

const detail = (uuid: string, action: string) => `marketplace-offering-users/${uuidSegment(uuid)}/${action}/`;

/** Waldur's 400 for "offering has no checklist, or no completion row": one body for both. */
/** Waldur's question types, checklist types and comparison operators (behaviour 3.x). */
export const QUESTION_TYPES = [
  ...['boolean', 'single_select', 'multi_select', 'text_input', 'text_area', 'number', 'date', 'datetime', 'year'],
  ...['rating', 'email', 'url', 'phone_number', 'country', 'likert', 'rich_text', 'file', 'multiple_files'],
] as const;
export const CHECKLIST_TYPES = [
  'project_compliance',
  'proposal_compliance',
  'offering_compliance',
  'project_metadata',
  'onboarding_customer',
  'onboarding_intent',
  'workflow_step',
] as const;
export const OPERATORS = ['equals', 'not_equals', 'contains', 'in', 'not_in'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Known operators as they are; anything else (e.g. "always" in review summaries) reads as null. */
export const asOperator = (v: string | undefined | null): Operator | null => ((OPERATORS as readonly unknown[]).includes(v) ? (v as Operator) : null);

/** A file answer as Waldur stores it. */
export interface StoredFile {
  name?: string;
  size?: number;
  mime_type?: string;
  stored_file_id?: string;
}

/** How Waldur stores an answer per question type: the typed readings of `answer_data`. */
export const answerValue = {
  /** Numbers, and for number/year/rating questions numeric strings. */
  number(a: AnswerDto): number | null {
    const v = a.answer_data;
    if (typeof v === 'number') return v;
    return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) && ['number', 'year', 'rating'].includes(a.question_type) ? Number(v) : null;
  },
  strings: (a: AnswerDto): string[] | null => (Array.isArray(a.answer_data) && a.answer_data.every((x) => typeof x === 'string') ? a.answer_data : null),
  /** Select questions store option UUIDs (either form): the options chosen, in answer order. */
  options(a: AnswerDto, options: readonly QuestionOptionDto[]): QuestionOptionDto[] | null {
    if (!Array.isArray(a.answer_data) || !['single_select', 'multi_select'].includes(a.question_type)) return null;
    const norm = (u: string) => u.replace(/-/g, '').toLowerCase();
    const byUuid = new Map(options.map((o) => [norm(o.uuid), o]));
    return (a.answer_data as unknown[]).flatMap((u) => (typeof u === 'string' && byUuid.has(norm(u)) ? [byUuid.get(norm(u))!] : []));
  },
  files(a: AnswerDto): StoredFile[] | null {
    const v = a.answer_data;
    if (a.question_type === 'file' && v && typeof v === 'object') return [v];
    return a.question_type === 'multiple_files' && Array.isArray(v) ? (v as StoredFile[]) : null;
  },
};

export function isNoChecklist(err: unknown): boolean {
  return err instanceof UpstreamValidationError && /no checklist configured/i.test(err.details.detail ?? err.details.nonFieldErrors.join(' '));
}

async function get<T>(s: UpstreamSession, path: string, query?: Query): Promise<T> {
  return (await s.request<T>({ method: 'GET', path, query })).data;
}

export const getChecklist = (s: UpstreamSession, uuid: string, includeAll = false) =>
  get<ChecklistDto>(s, detail(uuid, 'checklist'), new Query().set('include_all', includeAll ? 'true' : undefined));
export const getChecklistReview = (s: UpstreamSession, uuid: string, includeAll = false) =>
  get<ChecklistDto>(s, detail(uuid, 'checklist_review'), new Query().set('include_all', includeAll ? 'true' : undefined));
export const getCompletionStatus = (s: UpstreamSession, uuid: string) => get<CompletionDto>(s, detail(uuid, 'completion_status'));
export const getCompletionReviewStatus = (s: UpstreamSession, uuid: string) => get<CompletionDto>(s, detail(uuid, 'completion_review_status'));
export const getChecklistTemplate = (s: UpstreamSession, offeringUuid: string) =>
  get<ChecklistTemplateDto>(s, 'marketplace-offering-users/checklist-template/', new Query().uuid('parent_uuid', offeringUuid));

export async function submitAnswers(s: UpstreamSession, uuid: string, answers: AnswerSubmission[]): Promise<{ detail: string; completion: CompletionDto }> {
  return (
    await s.request<{ detail: string; completion: CompletionDto }>({
      method: 'POST',
      path: detail(uuid, 'submit_answers'),
      body: answers.map((a) => ({ ...a, question_uuid: wireUuid(a.question_uuid) })),
    })
  ).data;
}
