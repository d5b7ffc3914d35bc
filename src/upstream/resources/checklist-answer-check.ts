import type { QuestionDto } from './checklists.js';

/**
 * The gateway's own check of an answer against its question, so that impossible values are
 * refused before Waldur is called. Mirrors Waldur's `is_valid_answer` (behaviour 3.5); file
 * contents' MIME types are left to Waldur, which inspects the bytes.
 */
const UUIDISH = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function numberIn(q: QuestionDto, n: number): string | null {
  if (q.min_value !== null && q.min_value !== undefined && n < Number(q.min_value)) return `must be at least ${q.min_value}`;
  if (q.max_value !== null && q.max_value !== undefined && n > Number(q.max_value)) return `must be at most ${q.max_value}`;
  return null;
}

function fileProblem(q: QuestionDto, v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'expected a file object {name, content (base64)}';
  const f = v as { name?: unknown; content?: unknown; stored_file_id?: unknown };
  if (f.content === undefined && f.stored_file_id !== undefined) return null;
  if (typeof f.name !== 'string' || typeof f.content !== 'string') return 'a file needs a string name and base64 content';
  if (!BASE64.test(f.content)) return 'file content is not base64';
  const size = Buffer.byteLength(f.content, 'base64');
  if (size === 0) return 'file is empty';
  const types = q.allowed_file_types ?? [];
  if (types.length && !types.some((ext) => (f.name as string).toLowerCase().endsWith(ext.toLowerCase()))) return `file type must be one of ${types.join(', ')}`;
  if (q.max_file_size_mb != null && size > q.max_file_size_mb * 1024 * 1024) return `file is larger than ${q.max_file_size_mb} MB`;
  return null;
}

/** Returns why `value` cannot be a valid answer to `q`, or null. `null` always passes: it deletes. */
export function answerProblem(q: QuestionDto, value: unknown): string | null {
  if (value === null) return null;
  switch (q.question_type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'single_select':
      return Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && UUIDISH.test(value[0])
        ? null
        : 'expected a list with exactly one option UUID';
    case 'multi_select':
      return Array.isArray(value) && value.every((x) => typeof x === 'string' && UUIDISH.test(x)) ? null : 'expected a list of option UUIDs';
    case 'text_input':
    case 'text_area':
    case 'phone_number':
    case 'email':
    case 'url':
    case 'country':
      return typeof value === 'string' ? null : 'expected a string';
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? numberIn(q, n) : 'expected a number';
    }
    case 'year':
    case 'rating': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
      return Number.isInteger(n) ? numberIn(q, n) : 'expected an integer';
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? null
        : 'expected a date YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value) &&
        !Number.isNaN(Date.parse(value.replace(' ', 'T')))
        ? null
        : 'expected an ISO 8601 date-time';
    case 'file':
      return fileProblem(q, value);
    case 'multiple_files':
      if (!Array.isArray(value)) return 'expected a list of file objects';
      if (q.max_files_count != null && value.length > q.max_files_count) return `at most ${q.max_files_count} files`;
      for (const f of value) {
        const p = fileProblem(q, f);
        if (p) return p;
      }
      return null;
    case 'likert': {
      const scale = q.likert_scale_length ?? 5;
      if (value === 'na') return q.likert_allow_na ? null : '"na" is not allowed for this question';
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < scale ? null : `expected an integer from 0 to ${scale - 1}`;
    }
    case 'rich_text':
      if (typeof value !== 'string') return 'expected a string';
      return q.rich_text_char_limit != null && value.length > q.rich_text_char_limit ? `at most ${q.rich_text_char_limit} characters` : null;
    default:
      // An unknown (newer) type: let Waldur decide.
      return null;
  }
}
