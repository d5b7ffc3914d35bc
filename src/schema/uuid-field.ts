import type { FieldRef, ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { builder } from './builder.js';
import type { GatewayContext } from './context.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * A root field reading one object by UUID: null when it does not exist or the caller may not see
 * it (Waldur answers 404 for both). Reads go through the operation's loaders, so the same object
 * asked for twice in one operation is read once.
 */
export function uuidField<T>(
  // Pothos's own parent shape of Query fields is `{}`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  t: PothosSchemaTypes.QueryFieldBuilder<Types, {}>,
  type: ObjectRef<Types, T>,
  load: (uuid: string, ctx: GatewayContext, info: GraphQLResolveInfo) => Promise<T | null>,
  description?: string,
): FieldRef<Types, T | null, 'Query'> {
  return t.field({
    type,
    nullable: true,
    description,
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: ((_r: unknown, { uuid }: { uuid: string }, ctx: GatewayContext, info: GraphQLResolveInfo) => load(uuid, ctx, info)) as never,
  }) as never;
}
