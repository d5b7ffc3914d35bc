import type { InputObjectRef, InputType } from '@pothos/core';
import { getNamedType, GraphQLObjectType, Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { type FilterKind, type FilterSpec, type ListSpec } from '../upstream/list-spec.js';
import { camel } from './naming.js';
import { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** A filter's GraphQL field: its value's scalar, in a list where Waldur takes several values. */
function filterField(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>, kind: FilterKind, description: string) {
  switch (kind) {
    case 'string':
      return t.string({ description });
    case 'boolean':
      return t.boolean({ description });
    case 'uuid':
      return t.field({ type: 'UUID', description });
    case 'datetime':
      return t.field({ type: 'DateTime', description });
    case 'date':
      return t.field({ type: 'Date', description });
    case 'url':
      return t.field({ type: 'URL', description });
    case 'uuidCsv':
    case 'uuidRepeat':
      return t.field({ type: ['UUID'], description });
    case 'stringCsv':
    case 'stringRepeat':
      return t.stringList({ description });
  }
}

/** How one Waldur parameter reads in GraphQL, where the default (camelCase, "Waldur `x`.") would mislead. */
export interface FilterNaming {
  name?: string;
  doc?: string;
}

/** A list's naming map, keyed by Waldur's parameter name: the GraphQL side of its filter table. */
export type FilterNames = Readonly<Record<string, FilterNaming>>;

/** A generated filter input, and how its values go back to Waldur's parameter names. */
export interface FilterInput {
  ref: InputObjectRef<Types, Record<string, unknown>>;
  toWire: (values: Readonly<Record<string, unknown>> | null | undefined) => Record<string, unknown>;
}

/** A filter's GraphQL name: its naming map's, else Waldur's name in camelCase. */
export const graphqlName = (f: FilterSpec, names?: FilterNames): string => names?.[f.wire]?.name ?? camel(f.wire);

/**
 * A typed GraphQL input generated from a list's filter table (upstream, Waldur's names) and the
 * entity's naming map (schema, GraphQL's names and descriptions). `types` gives a filter (by its
 * GraphQL name) a type of its own: an enum where Waldur's values are a closed set.
 */
export function filterInput(
  name: string,
  filters: readonly FilterSpec[],
  o: { description?: string; names?: FilterNames; types?: Record<string, InputType<Types> | [InputType<Types>]> } = {},
): FilterInput {
  const named = filters.map((f) => ({ f, name: graphqlName(f, o.names), doc: o.names?.[f.wire]?.doc ?? `Waldur \`${f.wire}\`.` }));
  const wireOf = new Map(named.map(({ f, name }) => [name, f.wire]));
  const ref = builder.inputType(name, {
    description: o.description,
    fields: (t) =>
      Object.fromEntries(
        named.map(({ f, name, doc }) => {
          const own = o.types?.[name];
          return [name, own ? t.field({ type: own, description: doc }) : filterField(t, f.kind, doc)];
        }),
      ),
  });
  return {
    ref,
    toWire: (values) => {
      const wire: Record<string, unknown> = {};
      for (const key in values) {
        const to = wireOf.get(key);
        if (to !== undefined) wire[to] = values[key];
      }
      return wire;
    },
  };
}

const upper = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** `[NAME_ASC, NAME_DESC, ...]` for a list's ordering keys (`_ASC` only where Waldur takes no `-`). */
export function orderByEnum(name: string, list: Pick<ListSpec, 'ordering' | 'orderingWire'>, description?: string) {
  const asc = list.orderingWire === 'ascendingRepeat';
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      list.ordering.flatMap((k) => [[`${upper(k)}_ASC`, { value: k }], ...(asc ? [] : [[`${upper(k)}_DESC`, { value: `-${k}` }]])]),
    ) as Record<string, { value: string }>,
  });
}

type NodeRef = Parameters<typeof builder.connectionObject>[0]['type'];

/** A Relay connection over `node`; `totalCount` comes from the builder's global connection field. */
export const connection = <R extends NodeRef>(node: R, name: string) =>
  builder.connectionObject({ type: node, name: `${name}Connection` }, { name: `${name}Edge` });

/** The Waldur fields a field reads: a list's `field=` sparse fieldset is derived from these. */
export const rest = (...fields: string[]) => ({ extensions: { rest: fields } });

/**
 * A field that makes (up to) one REST call per parent row, reading `fields` of the row: the cost
 * model weighs it per row (`restCallsPerParent`), so `first: 300` of it is refused before 300
 * calls go out. test/cost-coverage.test.ts fails for a field that calls Waldur without it.
 */
export const restCall = (...fields: string[]) => ({ extensions: { rest: fields, restCallsPerParent: 1 } });

/** Field names selected at one of `paths` below the current field, through fragments and aliases. */
function fieldNamesAt(info: GraphQLResolveInfo, paths: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, path: readonly string[]): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) collect(info.fragments[sel.name.value]?.selectionSet, path);
      else if (sel.kind === Kind.INLINE_FRAGMENT) collect(sel.selectionSet, path);
      else if (path.length === 0) out.add(sel.name.value);
      else if (sel.name.value === path[0]) collect(sel.selectionSet, path.slice(1));
    }
  };
  for (const node of info.fieldNodes) for (const p of paths) collect(node.selectionSet, p);
  return out;
}

/**
 * Waldur fields an object selected at `path` needs (`extensions.rest` of each selected field and
 * the type's `restAlways`), or undefined when a selected field declares nothing (read everything).
 */
export function restFieldsAt(info: GraphQLResolveInfo, type: GraphQLObjectType, paths: readonly (readonly string[])[]): string[] | undefined {
  const always = type.extensions.restAlways as readonly string[] | undefined;
  if (!always) return undefined;
  const fields = new Set(always);
  const byName = type.getFields();
  for (const name of fieldNamesAt(info, paths)) {
    if (name === '__typename') continue;
    const needs = byName[name]?.extensions.rest as readonly string[] | undefined;
    if (!needs) return undefined;
    for (const f of needs) fields.add(f);
  }
  return [...fields].sort();
}

/**
 * Waldur fields a connection's selected node fields need, from each field's `extensions.rest`
 * (declared beside its resolver) and the node type's `extensions.restAlways`. A selected field
 * that declares nothing means "unknown needs": no sparse fieldset, so nothing can come back short.
 */
export function sparseFields(info: GraphQLResolveInfo): string[] | undefined {
  const conn = getNamedType(info.returnType) as GraphQLObjectType;
  const node = getNamedType(conn.getFields().nodes?.type);
  if (!(node instanceof GraphQLObjectType)) return undefined;
  return restFieldsAt(info, node, [['nodes'], ['edges', 'node']]);
}
