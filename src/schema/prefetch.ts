import { getArgumentValues, Kind, type FieldNode, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from './context.js';

/** A read started before its parent answers, when its key is known from the arguments. */
export type Prefetch = (uuid: string, info: GraphQLResolveInfo, ctx: GatewayContext) => void;

/** Fields selected directly below the current field by `name` (fragments are left to the resolvers). */
export function selected(info: GraphQLResolveInfo, name: string, below: readonly FieldNode[] = info.fieldNodes): FieldNode[] {
  return below.flatMap((n) => n.selectionSet?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name);
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
