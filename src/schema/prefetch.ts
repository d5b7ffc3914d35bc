import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './context.js';

/** A read started before its parent answers, when its key is known from the arguments. */
export type Prefetch = (uuid: string, info: GraphQLResolveInfo, ctx: GatewayContext) => void;

/** What `@skip`/`@include` say of a selection with this operation's variables (graphql-js's own rule). */
const included = (node: FieldNode | { directives?: FieldNode['directives'] }, info: GraphQLResolveInfo) =>
  getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
  getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;

/**
 * Fields selected directly below the current field by `name` and not skipped (fragments are left
 * to the resolvers): a prefetch must never read what execution will not ask for.
 */
export function selected(info: GraphQLResolveInfo, name: string, below: readonly FieldNode[] = info.fieldNodes): FieldNode[] {
  return below
    .flatMap((n) => n.selectionSet?.selections ?? [])
    .filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name && included(s, info));
}

/** The argument values of a selected field, as its resolver will see them. */
export const argsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, info: GraphQLResolveInfo) => getArgumentValues(field, node, info.variableValues);

/**
 * Starts each read and lets it go: the resolver that needs it later asks for the same request and
 * gets this one (identical reads in an operation are one, `UpstreamSession.request`). A failure is
 * the resolver's to report, not this one's.
 */
export function startReads(reads: Array<Promise<unknown> | undefined>): void {
  for (const r of reads) r?.catch(() => undefined);
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
