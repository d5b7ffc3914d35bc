import type { NestedRow } from '../upstream/resources/service-providers.js';
import { camel } from './naming.js';
import { builder } from './builder.js';

/** How one REST key of a row is exposed: its GraphQL type. */
export type RowKind = 'string' | 'uuid' | 'int' | 'float' | 'boolean' | 'datetime' | 'date' | 'url' | 'json';

/**
 * A row's REST keys by kind, space-separated, as Waldur's schema lists them. The GraphQL name is
 * the key in camelCase; `wire:name` names it otherwise.
 */
export type RowFields = Partial<Record<RowKind, string>>;

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const KINDS: readonly RowKind[] = ['string', 'uuid', 'int', 'float', 'boolean', 'datetime', 'date', 'url', 'json'];

// Waldur's values read into each scalar's type: a value of another type (or "" for an empty URL,
// date or UUID, which the scalars cannot serialise) is null, never an error for the whole row.
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const flag = (v: unknown) => (typeof v === 'boolean' ? v : null);
const nonEmpty = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** One nullable field over the row's key `wire`, of the scalar its kind names. */
function rowField(t: PothosSchemaTypes.ObjectFieldBuilder<Types, NestedRow>, kind: RowKind, wire: string, description: string | undefined) {
  const common = { nullable: true as const, description, extensions: { rest: [wire] } };
  switch (kind) {
    case 'string':
      return t.string({ ...common, resolve: (row) => text(row[wire]) });
    case 'int':
      return t.int({ ...common, resolve: (row) => number(row[wire]) });
    case 'float':
      return t.float({ ...common, resolve: (row) => number(row[wire]) });
    case 'boolean':
      return t.boolean({ ...common, resolve: (row) => flag(row[wire]) });
    case 'uuid':
      return t.field({ type: 'UUID', ...common, resolve: (row) => nonEmpty(row[wire]) });
    case 'datetime':
      return t.field({ type: 'DateTime', ...common, resolve: (row) => nonEmpty(row[wire]) });
    case 'date':
      return t.field({ type: 'Date', ...common, resolve: (row) => nonEmpty(row[wire]) });
    case 'url':
      return t.field({ type: 'URL', ...common, resolve: (row) => nonEmpty(row[wire]) });
    case 'json':
      return t.field({ type: 'JSON', ...common, resolve: (row) => row[wire] ?? null });
  }
}

/**
 * An object type over a REST row, declared as a table: every field nullable, because Waldur's
 * sparse fieldsets and exposure rules may leave any key out.
 */
export function rowObject(name: string, description: string, fields: RowFields, docs: Record<string, string> = {}) {
  const entries = KINDS.flatMap((kind) =>
    (fields[kind]?.split(' ') ?? []).map((key) => {
      const at = key.indexOf(':');
      const wire = at < 0 ? key : key.slice(0, at);
      return { kind, wire, field: at < 0 ? camel(key) : key.slice(at + 1) };
    }),
  );
  return builder.objectRef<NestedRow>(name).implement({
    description,
    fields: (t) => Object.fromEntries(entries.map(({ kind, wire, field }) => [field, rowField(t, kind, wire, docs[field])])),
  });
}

export const PriceEstimateRef = builder.objectRef<Record<string, unknown>>('PriceEstimate').implement({
  description: 'Billing estimate; Waldur sends decimals as strings.',
  fields: (t) =>
    Object.fromEntries(
      ['total', 'current', 'tax', 'tax_current'].map((k) => [camel(k), t.float({ nullable: true, resolve: (p) => (p[k] == null ? null : Number(p[k])) })]),
    ),
});
