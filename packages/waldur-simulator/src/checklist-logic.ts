/**
 * Waldur's checklist rules (behaviour 3.5-3.6): answer validation per question type,
 * the five operators, visibility, review triggers and guidance.
 */
export type QuestionType =
  | 'boolean'
  | 'single_select'
  | 'multi_select'
  | 'text_input'
  | 'text_area'
  | 'number'
  | 'date'
  | 'file'
  | 'multiple_files'
  | 'phone_number'
  | 'year'
  | 'email'
  | 'url'
  | 'country'
  | 'rating'
  | 'datetime'
  | 'likert'
  | 'rich_text';

export type Operator = 'equals' | 'not_equals' | 'contains' | 'in' | 'not_in';

export interface QuestionDependency {
  depends_on_question_uuid: string;
  required_answer_value: unknown;
  operator: Operator;
}

export interface ChecklistQuestion {
  uuid: string;
  checklist_uuid: string;
  description: string;
  user_guidance: string;
  question_type: QuestionType;
  required: boolean;
  order: number;
  options: Array<{ uuid: string; label: string; order: number }>;
  min_value: string | null;
  max_value: string | null;
  allowed_file_types: string[];
  allowed_mime_types: string[];
  max_file_size_mb: number | null;
  max_files_count: number | null;
  likert_scale_length: 3 | 5 | 7 | null;
  likert_low_label: string;
  likert_high_label: string;
  likert_allow_na: boolean;
  rich_text_char_limit: number | null;
  rich_text_toolbar_level: 'minimal' | 'standard' | 'extended';
  operator: Operator | '';
  review_answer_value: unknown;
  always_requires_review: boolean;
  guidance_answer_value: unknown;
  guidance_operator: Operator | '';
  always_show_guidance: boolean;
  dependency_logic_operator: 'and' | 'or';
  dependencies: QuestionDependency[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUIDISH = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const isDateString = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

function pyEquals(a: unknown, b: unknown): boolean {
  if (isDateString(a) || isDateString(b)) return String(a) === String(b);
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

const iterate = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : typeof v === 'string' ? [...v] : undefined);

export function applyOperator(answer: unknown, required: unknown, operator: Operator | ''): boolean {
  if (answer === null || answer === undefined) return false;
  switch (operator) {
    case 'equals':
      return pyEquals(answer, required);
    case 'not_equals':
      return !pyEquals(answer, required);
    case 'contains': {
      const needles = Array.isArray(required) ? required : [required];
      return needles.some((n) =>
        typeof answer === 'string' && typeof n === 'string' ? answer.includes(n) : Array.isArray(answer) && answer.some((a) => pyEquals(a, n)),
      );
    }
    case 'in':
    case 'not_in': {
      let hit: boolean;
      if (Array.isArray(required)) {
        // The answer is iterated: a select answer ["uuid"] works, a plain string iterates characters.
        const items = iterate(answer);
        hit = items ? items.some((a) => required.some((r) => pyEquals(a, r))) : false;
      } else {
        hit = pyEquals(answer, required);
      }
      return operator === 'in' ? hit : !hit;
    }
    default:
      return false;
  }
}

function inRange(q: ChecklistQuestion, n: number): boolean {
  if (q.min_value !== null && n < Number(q.min_value)) return false;
  if (q.max_value !== null && n > Number(q.max_value)) return false;
  return true;
}

const MAGIC: Array<[string, string]> = [
  ['%PDF', 'application/pdf'],
  ['\x89PNG', 'image/png'],
  ['\xff\xd8\xff', 'image/jpeg'],
  ['PK\x03\x04', 'application/zip'],
  ['GIF8', 'image/gif'],
];

/** A small stand-in for libmagic: enough to tell documents and images apart. */
export function sniffMime(bytes: Buffer): string {
  const head = bytes.subarray(0, 8).toString('latin1');
  for (const [sig, mime] of MAGIC) if (head.startsWith(sig)) return mime;
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(bytes.subarray(0, 512).toString('latin1')) ? 'text/plain' : 'application/octet-stream';
}

function validFile(q: ChecklistQuestion, v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const f = v as { name?: unknown; content?: unknown; stored_file_id?: unknown };
  if (f.content === undefined && f.stored_file_id !== undefined) return true;
  if (typeof f.name !== 'string' || typeof f.content !== 'string') return false;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(f.content)) return false;
  const bytes = Buffer.from(f.content, 'base64');
  if (bytes.length === 0) return false;
  if (q.allowed_file_types.length && !q.allowed_file_types.some((ext) => f.name!.toString().toLowerCase().endsWith(ext.toLowerCase()))) return false;
  if (q.allowed_mime_types.length) {
    const mime = sniffMime(bytes);
    if (!q.allowed_mime_types.some((m) => (m.endsWith('/*') ? mime.startsWith(m.slice(0, -1)) : m === mime))) return false;
  }
  if (q.max_file_size_mb !== null && bytes.length > q.max_file_size_mb * 1024 * 1024) return false;
  return true;
}

export function isValidAnswer(q: ChecklistQuestion, v: unknown): boolean {
  switch (q.question_type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'single_select':
      return Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && UUIDISH.test(v[0]);
    case 'multi_select':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && UUIDISH.test(x));
    case 'text_input':
    case 'text_area':
    case 'phone_number':
    case 'email':
    case 'url':
    case 'country':
      return typeof v === 'string';
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) && inRange(q, n);
    }
    case 'year':
    case 'rating': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : NaN;
      return Number.isInteger(n) && inRange(q, n);
    }
    case 'date':
      return isDateString(v);
    case 'datetime':
      return (
        typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) &&
        !Number.isNaN(Date.parse(v.replace(' ', 'T')))
      );
    case 'file':
      return validFile(q, v);
    case 'multiple_files':
      return Array.isArray(v) && (q.max_files_count === null || v.length <= q.max_files_count) && v.every((f) => validFile(q, f));
    case 'likert': {
      const scale = q.likert_scale_length ?? 5;
      if (v === 'na') return q.likert_allow_na;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < scale;
    }
    case 'rich_text':
      return typeof v === 'string' && (q.rich_text_char_limit === null || v.length <= q.rich_text_char_limit);
    default:
      return false;
  }
}

/** Stored form of file answers: content is replaced by its metadata. */
export function storedAnswer(q: ChecklistQuestion, v: unknown, makeId: () => string): unknown {
  const store = (f: { name: string; content?: string; stored_file_id?: string }) => {
    if (f.content === undefined) return f;
    const bytes = Buffer.from(f.content, 'base64');
    return { name: f.name, size: bytes.length, mime_type: sniffMime(bytes), stored_file_id: makeId() };
  };
  if (q.question_type === 'file') return store(v as { name: string; content: string });
  if (q.question_type === 'multiple_files') return (v as Array<{ name: string; content: string }>).map(store);
  return v;
}

export function requiresReview(q: ChecklistQuestion, answer: unknown): boolean {
  if (q.always_requires_review) return true;
  const truthy =
    q.review_answer_value !== null &&
    q.review_answer_value !== undefined &&
    q.review_answer_value !== '' &&
    q.review_answer_value !== false &&
    !(Array.isArray(q.review_answer_value) && q.review_answer_value.length === 0);
  if (truthy && q.operator) return applyOperator(answer, q.review_answer_value, q.operator);
  return false;
}

/** `firstAnswer` gives the completion's first answer to a question, from any user. */
export function isVisible(q: ChecklistQuestion, firstAnswer: (questionUuid: string) => unknown): boolean {
  if (q.dependencies.length === 0) return true;
  const results = q.dependencies.map((d) => {
    const a = firstAnswer(d.depends_on_question_uuid);
    return a !== undefined && applyOperator(a, d.required_answer_value, d.operator);
  });
  return q.dependency_logic_operator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

export function userGuidance(q: ChecklistQuestion, ownAnswer: unknown): string | null {
  if (!q.user_guidance.trim()) return null;
  if (q.always_show_guidance) return q.user_guidance;
  return q.guidance_operator && applyOperator(ownAnswer, q.guidance_answer_value, q.guidance_operator) ? q.user_guidance : null;
}
