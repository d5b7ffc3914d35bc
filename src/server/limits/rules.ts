import {
  GraphQLError,
  Kind,
  getNamedType,
  isListType,
  isNonNullType,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

import type { OperationLimits } from '../../config/limits.js';
import { MAX_PAGE_SIZE, planPages } from '../../upstream/pagination.js';
import { INTROSPECTION_LIMITS, introspectionCost, introspectionError, isIntrospectionRoot } from './introspection.js';
import { DEFAULTS } from '../../config/defaults.js';

export type { OperationLimits };

/** The limits when none are configured (config/defaults.ts says why these). */
export const DEFAULT_LIMITS: OperationLimits = DEFAULTS.limits;

const limitError = (limit: string, message: string) => new GraphQLError(message, { extensions: { code: 'OPERATION_LIMIT', limit } });

/**
 * Fragments are followed once per path; a fragment that spreads itself is left to NoFragmentCycles.
 * `visit` returning false skips the field's subtree.
 */
function walk(
  ctx: ValidationContext,
  set: SelectionSetNode | undefined,
  visit: (field: FieldNode, depth: number) => boolean | void,
  depth = 1,
  seen = new Set<string>(),
): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (visit(sel, depth) === false) continue;
      walk(ctx, sel.selectionSet, visit, depth + 1, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      walk(ctx, sel.selectionSet, visit, depth, seen);
    } else {
      const name = sel.name.value;
      if (seen.has(name)) continue;
      const frag: FragmentDefinitionNode | undefined = ctx.getFragment(name) ?? undefined;
      walk(ctx, frag?.selectionSet, visit, depth, new Set([...seen, name]));
    }
  }
}

/** Depth of nested selections; introspection subtrees have their own bound (introspectionRule). */
export function depthRule(max: number): ValidationRule {
  return (ctx) => ({
    OperationDefinition(op) {
      let deepest = 0;
      walk(ctx, op.selectionSet, (f, d) => {
        if (isIntrospectionRoot(f.name.value)) return false;
        if (f.name.value !== '__typename') deepest = Math.max(deepest, d);
      });
      if (deepest > max) ctx.reportError(limitError('depth', `Query depth ${deepest} exceeds the limit of ${max}.`));
    },
  });
}

/** At most one `__schema` per operation, and introspection nested no deeper than its own bound. */
export function introspectionRule(): ValidationRule {
  const { maxSchemaFields, maxDepth } = INTROSPECTION_LIMITS;
  return (ctx) => ({
    OperationDefinition(op) {
      let schemas = 0;
      let deepest = 0;
      walk(ctx, op.selectionSet, (f, d) => {
        if (f.name.value === '__schema') schemas++;
        if (!isIntrospectionRoot(f.name.value)) return;
        let below = 0;
        walk(ctx, f.selectionSet, (_g, e) => void (below = Math.max(below, e)));
        deepest = Math.max(deepest, d + below);
        return false;
      });
      if (schemas > maxSchemaFields) ctx.reportError(introspectionError(`The operation asks for __schema ${schemas} times; the limit is ${maxSchemaFields}.`));
      if (deepest > maxDepth) ctx.reportError(introspectionError(`Introspection depth ${deepest} exceeds the limit of ${maxDepth}.`));
    },
  });
}

export function aliasRule(max: number): ValidationRule {
  return (ctx) => ({
    OperationDefinition(op) {
      let aliases = 0;
      walk(ctx, op.selectionSet, (f) => {
        if (f.alias) aliases++;
      });
      if (aliases > max) ctx.reportError(limitError('aliases', `The operation uses ${aliases} aliases; the limit is ${max}.`));
    },
  });
}

export function directiveRule(max: number): ValidationRule {
  return (ctx): ASTVisitor => {
    let count = 0;
    let reported = false;
    return {
      Directive() {
        count++;
        if (count > max && !reported) {
          reported = true;
          ctx.reportError(limitError('directives', `The document uses more than ${max} directives, the limit.`));
        }
      },
    };
  };
}

const DEFAULT_FIRST = DEFAULTS.first;
/** Cost of one REST call a field causes, in the units of one field (1). */
export const REST_CALL_COST = 20;
const CONNECTION_LISTS = new Set(['nodes', 'edges']);
/** Most ids one `nodes(ids:)` reads: each is a REST call, like a row of a per-row link. */
export const MAX_NODE_IDS = 100;

/** How many values a list argument holds, literal or variable (0 when absent or not a list). */
function listLength(node: FieldNode, name: string, variable: (name: string) => unknown): number {
  const v = node.arguments?.find((a) => a.name.value === name)?.value;
  if (!v) return 0;
  if (v.kind === Kind.LIST) return v.values.length;
  if (v.kind === Kind.VARIABLE) {
    const value = variable(v.name.value);
    return Array.isArray(value) ? value.length : value == null ? 0 : 1;
  }
  return 1;
}

/** A literal or variable Int argument, or undefined. */
function intArg(node: FieldNode, name: string, variable: (name: string) => unknown): number | undefined {
  const v = node.arguments?.find((a) => a.name.value === name)?.value;
  const n = v?.kind === Kind.INT ? Number(v.value) : v?.kind === Kind.VARIABLE ? variable(v.name.value) : undefined;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** Waldur pages a connection reads: one, or two where an `offset` window straddles two pages. */
function pagesRead(node: FieldNode, variable: (name: string) => unknown): number {
  const offset = intArg(node, 'offset', variable);
  const first = intArg(node, 'first', variable) ?? DEFAULT_FIRST;
  if (!offset || offset < 0 || first < 1 || first > MAX_PAGE_SIZE) return 1;
  return planPages(offset, first).length;
}

/**
 * Cost: every field costs 1, and each REST call it causes REST_CALL_COST more (a connection is one
 * call; per-row links declare `restCallsPerParent`); a connection multiplies the cost of what is
 * below it by the rows it can return (`first`, default 20), and a plain list by 20. So `offeringUsers(first: 300) { nodes {
 * consent { ... } } }` costs about 300 x the per-row cost, which is what Waldur would pay. Runs at
 * execution time, because `first` is often a variable.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  tooManyIds?: (count: number) => void,
): number {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return 0;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const defaults = new Map<string, unknown>();
  for (const v of op.variableDefinitions ?? []) if (v.defaultValue?.kind === Kind.INT) defaults.set(v.variable.name.value, Number(v.defaultValue.value));
  const variable = (name: string) => variables?.[name] ?? defaults.get(name);
  /** `rows`: how many items the enclosing connection returns, applied to its `nodes`/`edges`. */
  const costOf = (set: SelectionSetNode | undefined, parentType: GraphQLOutputType | null | undefined, seen: Set<string>, rows = 1): number => {
    if (!set) return 0;
    let total = 0;
    const named = parentType ? getNamedType(parentType) : undefined;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (isIntrospectionRoot(sel.name.value)) {
          total += introspectionCost(schema, sel.selectionSet, fragments);
          continue;
        }
        if (sel.name.value === '__typename') continue;
        const fieldDef = named && 'getFields' in named ? named.getFields()[sel.name.value] : undefined;
        const type = fieldDef?.type;
        // A field that costs Waldur a request per parent (or a nested list, one page per parent)
        // weighs like REST_CALL_COST fields, so per-row links multiplied by `first` hit the limit.
        const calls = Number(fieldDef?.extensions?.restCallsPerParent ?? 0) + (fieldDef?.args.some((a) => a.name === 'first') ? pagesRead(sel, variable) : 0);
        total += calls * REST_CALL_COST;
        if (fieldDef?.args.some((a) => a.name === 'ids')) {
          // `nodes(ids:)`: one read per id, each weighing what a per-row link's row does.
          const ids = listLength(sel, 'ids', variable);
          if (ids > MAX_NODE_IDS) tooManyIds?.(ids);
          total += 1 + ids * (REST_CALL_COST + costOf(sel.selectionSet, type, seen));
        } else if (fieldDef?.args.some((a) => a.name === 'first')) {
          const v = sel.arguments?.find((a) => a.name.value === 'first')?.value;
          const n = v?.kind === Kind.INT ? Number(v.value) : v?.kind === Kind.VARIABLE ? Number(variable(v.name.value) ?? DEFAULT_FIRST) : DEFAULT_FIRST;
          // Past 300 the field itself refuses `first` with a precise error; do not pre-empt it.
          const connectionRows = Number.isFinite(n) ? Math.max(1, Math.min(n, 300)) : DEFAULT_FIRST;
          total += 1 + costOf(sel.selectionSet, type, seen, connectionRows);
        } else if (CONNECTION_LISTS.has(sel.name.value) && named?.name.endsWith('Connection')) {
          total += 1 + rows * costOf(sel.selectionSet, type, seen);
        } else if (type && (isListType(type) || (isNonNullType(type) && isListType(type.ofType)))) {
          total += 1 + DEFAULT_FIRST * costOf(sel.selectionSet, type, seen);
        } else {
          total += 1 + costOf(sel.selectionSet, type, seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLOutputType | undefined) : parentType;
        total += costOf(sel.selectionSet, t, seen, rows);
      } else if (!seen.has(sel.name.value)) {
        const frag = fragments.get(sel.name.value);
        const t = frag ? (schema.getType(frag.typeCondition.name.value) as GraphQLOutputType | undefined) : parentType;
        total += costOf(frag?.selectionSet, t, new Set([...seen, sel.name.value]), rows);
      }
    }
    return total;
  };
  const root = op.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return costOf(op.selectionSet, root, new Set());
}

export function tooManyIdsError(count: number): GraphQLError {
  return limitError('ids', `nodes(ids:) was given ${count} ids; it takes at most ${MAX_NODE_IDS} per operation field.`);
}

export function costError(cost: number, max: number): GraphQLError {
  return limitError('cost', `The operation costs ${cost}; the limit is ${max}. Ask for fewer rows (\`first\`) or fewer nested lists.`);
}

export function limitRules(l: OperationLimits): ValidationRule[] {
  return [depthRule(l.maxDepth), introspectionRule(), aliasRule(l.maxAliases), directiveRule(l.maxDirectives)];
}
