import {
  GraphQLError,
  Kind,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';

/**
 * Introspection has its own bounds instead of an exemption: one `__schema` per operation, a depth
 * of its own (the standard query nests `ofType` nine times, GraphiQL's ten), and a cost from the
 * schema's real sizes, so a full introspection is affordable once and not free.
 */
export const INTROSPECTION_LIMITS = { maxSchemaFields: 1, maxDepth: 20 } as const;

/** One cost point per this many objects: introspection objects are read from memory, not Waldur. */
const OBJECTS_PER_POINT = 2;

export const isIntrospectionRoot = (name: string) => name === '__schema' || name === '__type';

interface Stats {
  /** Mean number of elements of each introspection list, from this schema. */
  mean: Record<string, number>;
  /** wrapAtLeast[k]: share of type references with at least k wrappers (list, non-null). */
  wrapAtLeast: number[];
}

const statsCache = new WeakMap<GraphQLSchema, Stats>();

function wrappers(t: GraphQLType): number {
  return isListType(t) || isNonNullType(t) ? 1 + wrappers(t.ofType) : 0;
}

function statsOf(schema: GraphQLSchema): Stats {
  const cached = statsCache.get(schema);
  if (cached) return cached;
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  let fields = 0,
    args = 0,
    inputFields = 0,
    enumValues = 0,
    interfaces = 0,
    possibleTypes = 0;
  const depths: number[] = [];
  for (const t of types) {
    if (isObjectType(t) || isInterfaceType(t)) {
      interfaces += t.getInterfaces().length;
      for (const f of Object.values(t.getFields())) {
        fields++;
        depths.push(wrappers(f.type));
        for (const a of f.args) {
          args++;
          depths.push(wrappers(a.type));
        }
      }
    }
    if (isInterfaceType(t) || isUnionType(t)) possibleTypes += schema.getPossibleTypes(t).length;
    if (isInputObjectType(t)) {
      for (const f of Object.values(t.getFields())) {
        inputFields++;
        depths.push(wrappers(f.type));
      }
    }
    if (isEnumType(t)) enumValues += t.getValues().length;
  }
  const directiveArgs = directives.reduce((n, d) => n + d.args.length, 0);
  const n = types.length;
  const maxWrap = Math.max(0, ...depths);
  const stats: Stats = {
    mean: {
      types: n,
      directives: directives.length,
      fields: fields / n,
      inputFields: inputFields / n,
      enumValues: enumValues / n,
      interfaces: interfaces / n,
      possibleTypes: possibleTypes / n,
      args: (args + directiveArgs) / Math.max(1, fields + directives.length),
    },
    wrapAtLeast: Array.from({ length: maxWrap + 2 }, (_, k) => depths.filter((d) => d >= k).length / Math.max(1, depths.length)),
  };
  statsCache.set(schema, stats);
  return stats;
}

/**
 * Expected number of objects the introspection selection returns, from the schema's own counts:
 * lists multiply by their mean length; `ofType` by the chance that a type reference has one more
 * wrapper (named types have none). `wrap` is the wrapper level of the current `__Type`, or -1 for a
 * named type.
 */
function expectedObjects(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  stats: Stats,
  wrap: number,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += expectedObjects(sel.selectionSet, fragments, stats, wrap, seen);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      if (seen.has(sel.name.value)) continue;
      total += expectedObjects(fragments.get(sel.name.value)?.selectionSet, fragments, stats, wrap, new Set([...seen, sel.name.value]));
    } else if (sel.selectionSet) {
      const name = sel.name.value;
      let times = 1;
      let childWrap = -1;
      if (name === 'ofType') {
        const at = stats.wrapAtLeast;
        times = wrap < 0 || !at[wrap] ? 0 : (at[wrap + 1] ?? 0) / at[wrap];
        childWrap = wrap + 1;
      } else if (name === 'type') {
        childWrap = 0;
      } else if (name in stats.mean) {
        times = stats.mean[name]!;
      }
      if (times > 0) total += times * (1 + expectedObjects(sel.selectionSet, fragments, stats, childWrap, seen));
    }
  }
  return total;
}

/** Cost points of one `__schema` or `__type` field. */
export function introspectionCost(schema: GraphQLSchema, set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>): number {
  return Math.ceil((1 + expectedObjects(set, fragments, statsOf(schema), -1, new Set())) / OBJECTS_PER_POINT);
}

export const introspectionError = (message: string) => new GraphQLError(message, { extensions: { code: 'OPERATION_LIMIT', limit: 'introspection' } });
