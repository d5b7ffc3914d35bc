import type { UpstreamSession } from './session.js';
import { UpstreamError } from './errors.js';
import { listAll, listWindow, pageRequest } from './list.js';
import { planPages, type Page } from './pagination.js';
import { Query } from './query.js';
import type { Shape } from './shape.js';
import type { UpstreamRequest } from './types.js';
import { wireUuid } from './uuid.js';

/**
 * Every Waldur list is described as data: its route, its query parameters with their wire
 * encoding, and its ordering keys. The GraphQL filter inputs and `orderBy` enums are generated
 * from the same table the query strings are encoded from, so a parameter cannot be lost between.
 */
export type FilterKind =
  | 'string'
  | 'uuid'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'url'
  /** several UUIDs, comma-separated (django-filter "In" filters) */
  | 'uuidCsv'
  /** several strings, comma-separated */
  | 'stringCsv'
  /** several UUIDs, parameter repeated */
  | 'uuidRepeat'
  /** several strings, parameter repeated (choice filters) */
  | 'stringRepeat';

export interface FilterSpec {
  /** The query parameter as Waldur names it; a read's values are keyed by it. */
  wire: string;
  kind: FilterKind;
  /** The values Waldur's schema allows (an enum there); others are refused before any call. */
  oneOf?: readonly string[];
}

export interface ListSpec {
  /** Route below /api/; a function of the parent's UUID for nested lists. */
  path: string | ((parentUuid: string) => string);
  filters: readonly FilterSpec[];
  ordering: readonly string[];
  /**
   * How `o` is sent. Most lists take signed keys, comma-separated (`style: form, explode: false`);
   * `list_users` declares `o` as a plain repeated parameter of unsigned keys only.
   */
  orderingWire?: 'signedCsv' | 'ascendingRepeat';
  /** Takes `field=` sparse fieldsets. */
  sparse?: boolean;
  /** The shape every row must have, and the OpenAPI operation named when one does not. */
  rows?: { shape: Shape; operation: string };
  /** The route of one row (its detail read), when the list's rows are whole objects of it. */
  detail?: (uuid: string) => string;
  /** The one-row lookups a whole row of this list also answers (e.g. a consent by user and offering). */
  lookups?: (row: Readonly<Record<string, unknown>>) => readonly ListRequest[];
}

/** What one read of a list asks for; `values` are keyed by Waldur's parameter names (`FilterSpec.wire`). */
export interface ListRequest {
  values?: Record<string, unknown>;
  ordering?: readonly string[] | null;
  fields?: readonly string[];
  parent?: string;
}

export const filter = (wire: string, kind: FilterKind, extra: Pick<FilterSpec, 'oneOf'> = {}): FilterSpec => ({ wire, kind, ...extra });

const str = (kind: FilterKind, x: unknown) => (x instanceof Date ? (kind === 'date' ? x.toISOString().slice(0, 10) : x.toISOString()) : String(x));

/** The query string of one read: filters per their kind, ordering per the list's wire form, fields. */
export function listQuery(spec: ListSpec, req: ListRequest): Query {
  const q = new Query();
  const values = req.values ?? {};
  for (const f of spec.filters) {
    const v = values[f.wire];
    if (v === undefined || v === null) continue;
    const bad = f.oneOf && (Array.isArray(v) ? v : [v]).find((x) => !f.oneOf!.includes(String(x)));
    if (bad !== undefined) throw new UpstreamError('INVALID_INPUT', `\`${f.wire}\` takes only ${f.oneOf!.join(', ')}.`, { method: 'GET', path: f.wire });
    const many = () => (v as unknown[]).map((x) => str(f.kind, x));
    if (f.kind === 'uuid') q.uuid(f.wire, str(f.kind, v));
    else if (f.kind === 'uuidCsv') q.uuidCsv(f.wire, many());
    else if (f.kind === 'uuidRepeat') q.repeat(f.wire, many().map(wireUuid));
    else if (f.kind === 'stringCsv') q.csv(f.wire, many());
    else if (f.kind === 'stringRepeat') q.repeat(f.wire, many());
    else q.set(f.wire, str(f.kind, v));
  }
  // A key given twice sorts the same as given once.
  const ordering = req.ordering ? [...new Set(req.ordering)] : undefined;
  if (spec.orderingWire === 'ascendingRepeat') q.repeat('o', ordering);
  else q.csv('o', ordering);
  if (spec.sparse) q.repeat('field', req.fields);
  return q;
}

function pathOf(spec: ListSpec, req: ListRequest): string {
  if (typeof spec.path === 'string') return spec.path;
  if (!req.parent) throw new TypeError('A nested list needs its parent UUID.');
  return spec.path(req.parent);
}

/** Rows [offset, offset + limit) of a list; limit 0 reads the total alone. */
export function listPage<T>(s: UpstreamSession, spec: ListSpec, req: ListRequest, offset: number, limit: number): Promise<Page<T>> {
  return listWindow<T>(s, pathOf(spec, req), listQuery(spec, req), offset, limit, spec.rows);
}

/** Every row of a list, within the operation's request budget. */
export function listEvery<T>(s: UpstreamSession, spec: ListSpec, req: ListRequest): Promise<T[]> {
  return listAll<T>(s, pathOf(spec, req), listQuery(spec, req), spec.rows);
}

/** The read listPage(spec, req, 0, 1) sends: a lookup of the one row a filter names. */
export function lookupRequest(spec: ListSpec, req: ListRequest): UpstreamRequest {
  return pageRequest(pathOf(spec, req), listQuery(spec, req), planPages(0, 1)[0]!);
}

/**
 * A whole row the operation holds answers the reads that would fetch it again: its detail read and
 * the lookups (`lookupRequest`) that name it. They go into the operation's one cache of reads, so
 * the later read is the same request by construction, and a write forgets them with the rest.
 */
export function primeRow(s: UpstreamSession, spec: ListSpec, row: { uuid: string }, lookups: readonly ListRequest[] = []): void {
  if (spec.detail) s.prime({ method: 'GET', path: spec.detail(row.uuid) }, row);
  for (const req of lookups) s.prime(lookupRequest(spec, req), [row], { 'x-result-count': '1' });
}

const isRow = (row: unknown): row is { uuid: string } & Record<string, unknown> =>
  typeof row === 'object' && row !== null && 'uuid' in row && typeof row.uuid === 'string';

/** Whole rows a read answered prime the reads that name them: their detail reads and the list's lookups. */
export function primeRows(s: UpstreamSession, spec: ListSpec, rows: readonly unknown[]): void {
  if (!spec.detail && !spec.lookups) return;
  for (const row of rows) if (isRow(row)) primeRow(s, spec, row, spec.lookups?.(row));
}
