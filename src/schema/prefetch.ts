import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './context.js';

/**
 * How a field takes part in look-ahead (`extensions.lookahead`): `true` when its resolver needs
 * nothing of its parent but the UUID, so it may run before the parent is read; `'self'` when it
 * resolves to its parent (a group of fields), so look-ahead goes on into its own fields.
 */
export type LookAhead = true | 'self';
export const lookahead = (how: LookAhead = true) => ({ lookahead: how });

/** What `@skip`/`@include` say of a selection with this operation's variables (graphql-js's own rule). */
const included = (node: FieldNode | { directives?: FieldNode['directives'] }, info: GraphQLResolveInfo) =>
  getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
  getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;

/**
 * Look-ahead: the parent is fetched by a UUID the caller gave, and some selected fields below it
 * need nothing but that UUID (`extensions.lookahead`). Their own resolvers run now, with the UUID
 * for a parent and their own selection, beside the parent's read instead of after it; their answers
 * are let go. When execution reaches them, the same resolvers ask for the same requests and get
 * these (identical reads in an operation are one, the session's cache), so a look-ahead is always
 * the field's own request, by construction. A failure is the field's to report when it resolves.
 */
export function lookAhead(uuid: string, info: GraphQLResolveInfo, ctx: GatewayContext): void {
  const type = getNamedType(info.returnType);
  if (type instanceof GraphQLObjectType) ahead(type, { uuid }, info, info, ctx);
}

function ahead(type: GraphQLObjectType, parent: { uuid: string }, at: GraphQLResolveInfo, info: GraphQLResolveInfo, ctx: GatewayContext): void {
  const fields = type.getFields();
  for (const node of at.fieldNodes.flatMap((n) => n.selectionSet?.selections ?? [])) {
    // Fragments are left to execution: a look-ahead must never read what execution will not ask for.
    if (node.kind !== Kind.FIELD || !included(node, info)) continue;
    const field = fields[node.name.value];
    const how = field?.extensions.lookahead as LookAhead | undefined;
    if (!field || !how || !field.resolve) continue;
    const child: GraphQLResolveInfo = {
      ...info,
      fieldName: field.name,
      fieldNodes: [node],
      returnType: field.type,
      parentType: type,
      path: { prev: at.path, key: node.alias?.value ?? field.name, typename: type.name },
    };
    const below = getNamedType(field.type);
    if (how === 'self') {
      if (below instanceof GraphQLObjectType) ahead(below, parent, child, info, ctx);
      continue;
    }
    try {
      const answer: unknown = field.resolve(parent, getArgumentValues(field, node, info.variableValues), ctx, child);
      if (answer instanceof Promise) answer.catch(() => undefined);
    } catch {
      // Invalid arguments and the like: the field's own error, when it resolves.
    }
  }
}

/** Names of the fields selected below the current field, through fragments, without skipped ones. */
function selectedNames(info: GraphQLResolveInfo): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (!included(sel, info)) continue;
      if (sel.kind === Kind.FIELD) out.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        walk(info.fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return out;
}

/**
 * Whether the object this field returns needs nothing read but the UUID the caller gave: every
 * selected field declares (`extensions.rest`, as for sparse fieldsets) that it reads no Waldur field
 * of its parent but `uuid` — nested lists, statistics, counts keyed by the UUID — and one at least
 * does. Then reading the object itself is a REST call nothing uses, and its lists go out at once.
 */
export function needsOnlyUuid(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  if (!(type instanceof GraphQLObjectType)) return false;
  const fields = type.getFields();
  let keyed = 0;
  for (const name of selectedNames(info)) {
    if (name === '__typename' || name === 'id' || name === 'uuid') continue;
    const reads = fields[name]?.extensions.rest as readonly string[] | undefined;
    if (!reads || reads.some((f) => f !== 'uuid')) return false;
    keyed++;
  }
  // With nothing but the UUID selected, the read is what tells whether the object exists.
  return keyed > 0;
}
