import { looksLikeCredential, redact } from './redact.js';

/* Typed failures of Waldur REST calls. Nothing here knows about GraphQL. */

export type UpstreamErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'UPSTREAM_SERVER_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'RATE_LIMITED'
  | 'REQUEST_LIMIT'
  /** The caller's input would make a request Waldur (or a proxy before it) refuses: too long a URL or value. */
  | 'REQUEST_TOO_LARGE'
  /** The caller's input is outside what Waldur's schema allows (e.g. a state it does not know). */
  | 'INVALID_INPUT';

export interface RequestInfo {
  method: string;
  /** Path relative to the API root, e.g. `marketplace-offering-users/abc/`; never includes credentials. */
  path: string;
}

export class UpstreamError extends Error {
  /** Seconds Waldur asked to wait (Retry-After), when it said. */
  retryAfter?: number;

  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly request: RequestInfo,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** A DRF 400 body in any of its forms, normalised. */
export interface ValidationDetails {
  fieldErrors: Record<string, string[]>;
  nonFieldErrors: string[];
  /** `{"detail": "..."}` bodies, used by Waldur's state validators. */
  detail?: string;
  /** Per-item errors of `many=True` serializers (e.g. submit_answers): one entry per submitted item. */
  itemErrors?: Array<ValidationDetails | null>;
}

export class UpstreamValidationError extends UpstreamError {
  constructor(
    readonly details: ValidationDetails,
    request: RequestInfo,
  ) {
    super('VALIDATION', summarise(details), request, 400);
    this.name = 'UpstreamValidationError';
  }
}

/** Bounds on what of a Waldur 400 body reaches a client: a hostile body may be megabytes. */
const MAX_FIELDS = 20;
const MAX_MESSAGES_PER_FIELD = 5;
const MAX_ITEMS = 100;
const MAX_SUMMARY_CHARS = 1_000;
const FALLBACK = 'Waldur rejected the request.';

function summarise(d: ValidationDetails): string {
  const parts = [...(d.detail ? [d.detail] : []), ...d.nonFieldErrors, ...Object.entries(d.fieldErrors).map(([f, m]) => `${f}: ${m.join(' ')}`)];
  if (d.itemErrors) {
    d.itemErrors.forEach((item, i) => {
      if (item) parts.push(`item ${i}: ${summarise(item)}`);
    });
  }
  const text = parts.join(' ') || FALLBACK;
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS - 1)}…` : text;
}

const asMessages = (v: unknown): string[] =>
  (Array.isArray(v)
    ? v.slice(0, MAX_MESSAGES_PER_FIELD * 4).flatMap((x) => (typeof x === 'string' ? [x] : asMessages(x)))
    : typeof v === 'string'
      ? [v]
      : v && typeof v === 'object'
        ? Object.values(v)
            .slice(0, MAX_MESSAGES_PER_FIELD * 4)
            .flatMap(asMessages)
        : []
  )
    .slice(0, MAX_MESSAGES_PER_FIELD)
    .map((m) => safeMessage(m) ?? 'Waldur rejected this value.');

/** A field name as Waldur's serializers spell them (`offering_uuid`, `answers.0.value`); anything else is not echoed. */
const safeFieldName = (key: string) => (/^[A-Za-z_][\w.-]{0,63}$/.test(key) && !looksLikeCredential(key) ? key : 'field');

/** Normalises the four DRF 400 body shapes: field map, non_field_errors, bare array, detail. */
export function parseValidationBody(body: unknown, nested = false): ValidationDetails {
  const out: ValidationDetails = { fieldErrors: {}, nonFieldErrors: [] };
  if (Array.isArray(body)) {
    if (!nested && body.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
      out.itemErrors = body.slice(0, MAX_ITEMS).map((x) => (x && typeof x === 'object' && Object.keys(x).length > 0 ? parseValidationBody(x, true) : null));
    } else {
      out.nonFieldErrors = asMessages(body);
    }
    return out;
  }
  if (typeof body === 'string') {
    out.nonFieldErrors = [safeMessage(body) ?? FALLBACK];
    return out;
  }
  if (body && typeof body === 'object') {
    let fields = 0;
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'detail' && typeof value === 'string') out.detail = safeMessage(value) ?? FALLBACK;
      else if (key === 'non_field_errors') out.nonFieldErrors.push(...asMessages(value));
      else if (fields++ < MAX_FIELDS) {
        const name = safeFieldName(key);
        out.fieldErrors[name] = [...(out.fieldErrors[name] ?? []), ...asMessages(value)].slice(0, MAX_MESSAGES_PER_FIELD);
      }
    }
    out.nonFieldErrors = out.nonFieldErrors.slice(0, MAX_MESSAGES_PER_FIELD);
    if (fields > MAX_FIELDS) out.nonFieldErrors.push(`Waldur refused ${fields - MAX_FIELDS} more fields.`);
  }
  return out;
}

const MAX_MESSAGE_CHARS = 300;

/**
 * Waldur's own words reach a client only when they look like its short, documented messages:
 * one line, at most 300 characters, no traceback; anything credential-like is cut out.
 */
export function safeMessage(text: string): string | undefined {
  if (text.length > MAX_MESSAGE_CHARS * 4 || /[\r\n]|Traceback|File "/.test(text)) return undefined;
  const clean = redact(text);
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS - 1)}…` : clean;
}

function detailOf(body: unknown): string | undefined {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const d = (body as Record<string, unknown>).detail;
    if (typeof d === 'string') return safeMessage(d);
  }
  if (Array.isArray(body) && typeof body[0] === 'string') return safeMessage(body[0]);
  return undefined;
}

/** Maps a non-2xx answer onto a typed error. `body` is the parsed JSON, or undefined when not JSON. */
export function errorFromResponse(status: number, body: unknown, request: RequestInfo): UpstreamError {
  const detail = detailOf(body);
  switch (status) {
    case 400:
      return new UpstreamValidationError(parseValidationBody(body), request);
    case 401:
      return new UpstreamError('UNAUTHENTICATED', detail ?? 'Authentication credentials were not provided or are invalid.', request, status);
    case 403:
      return new UpstreamError('FORBIDDEN', detail ?? 'You do not have permission to perform this action.', request, status);
    case 404:
      return new UpstreamError('NOT_FOUND', detail ?? 'Not found.', request, status);
    case 405:
      return new UpstreamError('METHOD_NOT_ALLOWED', detail ?? 'Method not allowed.', request, status);
    case 409:
      return new UpstreamError('CONFLICT', detail ?? 'Conflict.', request, status);
    case 429:
      return new UpstreamError('RATE_LIMITED', 'Waldur is throttling requests; try again shortly.', request, status);
    case 502:
    case 503:
    case 504:
      return new UpstreamError('UPSTREAM_UNAVAILABLE', `Waldur is unavailable (HTTP ${status}).`, request, status);
    default:
      return new UpstreamError('UPSTREAM_SERVER_ERROR', `Waldur answered HTTP ${status}.`, request, status);
  }
}
