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

export const SCALAR: Record<RowKind, string> = {
  string: 'String',
  uuid: 'UUID',
  int: 'Int',
  float: 'Float',
  boolean: 'Boolean',
  datetime: 'DateTime',
  date: 'Date',
  url: 'URL',
  json: 'JSON',
};

function convert(kind: RowKind, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  // Waldur sends "" for an empty URL or date; the scalars cannot serialise it.
  if (kind === 'url' || kind === 'uuid' || kind === 'date' || kind === 'datetime') return v === '' ? null : v;
  return v;
}

/**
 * An object type over a REST row, declared as a table: every field nullable, because Waldur's
 * sparse fieldsets and exposure rules may leave any key out.
 */
export function rowObject(name: string, description: string, fields: RowFields, docs: Record<string, string> = {}) {
  const entries = Object.entries(fields).flatMap(([kind, keys]) =>
    keys.split(' ').map((key) => {
      const [wire, field = camel(wire)] = key.split(':') as [string, string?];
      return { kind: kind as RowKind, wire, field };
    }),
  );
  return builder.objectRef<NestedRow>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        entries.map(({ kind, wire, field }) => [
          field,
          t.field({
            type: SCALAR[kind] as never,
            nullable: true,
            description: docs[field],
            extensions: { rest: [wire] },
            resolve: (row) => convert(kind, row[wire]) as never,
          }),
        ]),
      ),
  });
}

export const PriceEstimateRef = builder.objectRef<Record<string, unknown>>('PriceEstimate').implement({
  description: 'Billing estimate; Waldur sends decimals as strings.',
  fields: (t) =>
    Object.fromEntries(
      ['total', 'current', 'tax', 'tax_current'].map((k) => [camel(k), t.float({ nullable: true, resolve: (p) => (p[k] == null ? null : Number(p[k])) })]),
    ),
});
