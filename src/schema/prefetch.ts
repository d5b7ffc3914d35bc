import { getArgumentValues, getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type FieldNode, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from './context.js';

/** A read started before its parent answers, when its key is known from the arguments. */
export type Prefetch = (uuid: string, info: GraphQLResolveInfo, ctx: GatewayContext) => void;

/** What `@skip`/`@include` say of a selection with this operation's variables (graphql-js's own rule). */
const included = (node: FieldNode, info: GraphQLResolveInfo) =>
  getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;

/**
 * Fields selected directly below the current field by `name` and not skipped (fragments are left
 * to the resolvers): a prefetch must never read what execution will not ask for.
 */
export function selected(info: GraphQLResolveInfo, name: string, below: readonly FieldNode[] = info.fieldNodes): FieldNode[] {
  return below.flatMap((n) => n.selectionSet?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name && included(s, info));
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
