import type { NestedRow } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';

/** How one REST key of a nested-list row is exposed: its GraphQL type and nullability. */
export type RowKind = 'string' | 'uuid' | 'int' | 'float' | 'decimal' | 'boolean' | 'datetime' | 'date' | 'url' | 'email' | 'strings' | 'json';

export type RowFieldMap = Record<string, readonly [wire: string, kind: RowKind, description?: string]>;

const TYPE: Record<RowKind, string | [string]> = {
  string: 'String',
  uuid: 'UUID',
  int: 'Int',
  float: 'Float',
  decimal: 'Float',
  boolean: 'Boolean',
  datetime: 'DateTime',
  date: 'Date',
  url: 'URL',
  email: 'String',
  strings: ['String'],
  json: 'JSON',
};

function convert(kind: RowKind, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (kind === 'decimal') return typeof v === 'number' ? v : Number(v);
  if (kind === 'url' || kind === 'uuid' || kind === 'date' || kind === 'datetime') return v === '' ? null : v;
  return v;
}

/**
 * An object type over a REST row, declared as a table: every field nullable, because Waldur's
 * sparse fieldsets and exposure rules may leave any key out.
 */
export function rowObject(name: string, description: string, fields: RowFieldMap) {
  return builder.objectRef<NestedRow>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(fields).map(([field, [wire, kind, doc]]) => [
          field,
          t.field({ type: TYPE[kind] as never, nullable: true, description: doc, resolve: (row) => convert(kind, row[wire]) as never }),
        ]),
      ),
  });
}

export const PriceEstimateRef = builder.objectRef<Record<string, unknown>>('PriceEstimate').implement({
  description: 'Billing estimate; Waldur sends decimals as strings.',
  fields: (t) => ({
    total: t.float({ nullable: true, resolve: (p) => (p.total == null ? null : Number(p.total)) }),
    current: t.float({ nullable: true, resolve: (p) => (p.current == null ? null : Number(p.current)) }),
    tax: t.float({ nullable: true, resolve: (p) => (p.tax == null ? null : Number(p.tax)) }),
    taxCurrent: t.float({ nullable: true, resolve: (p) => (p.tax_current == null ? null : Number(p.tax_current)) }),
  }),
});
