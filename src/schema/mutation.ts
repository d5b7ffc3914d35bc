import type { InputObjectRef, TypeParam } from '@pothos/core';
import { builder, pascal } from './builder.js';
import type { GatewayContext } from './context.js';
import { toMutationError, type ErrorClass, type Recogniser } from './errors.js';
import type { GraphQLResolveInfo } from 'graphql';
import { brokenRule } from './input-rules.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type FieldSpec = TypeParam<Types> | { type: TypeParam<Types>; nullable?: boolean; description?: string };

/**
 * An object type whose fields answer the payload's keys of the same name. A function value is
 * called only when its field is selected (a re-read nobody asked for costs no request).
 */
export function payload<P extends object>(name: string, fields: { [K in keyof P]: FieldSpec }) {
  return builder.objectRef<P>(name).implement({
    fields: (t) =>
      Object.fromEntries(
        Object.entries(fields as Record<string, FieldSpec>).map(([key, spec]) => {
          const o = (typeof spec === 'object' && spec !== null && 'type' in spec ? spec : { type: spec }) as {
            type: unknown;
            nullable?: boolean;
            description?: string;
          };
          const resolve = (p: P) => {
            const v = (p as Record<string, unknown>)[key];
            return typeof v === 'function' ? (v as () => unknown)() : v;
          };
          return [key, t.field({ type: o.type as never, nullable: o.nullable ?? false, description: o.description, resolve: resolve as never })];
        }),
      ),
  });
}

export const uuidInput = (name: string, description?: string) =>
  builder.inputType(name, { fields: (t) => ({ uuid: t.field({ type: 'UUID', required: true, description }) }) });

export interface MutationOptions<I, P extends object> {
  description?: string;
  input: InputObjectRef<Types, I>;
  /** Fields of `<Name>Success`, each answering the same-named key of what `resolve` returns. */
  success: { [K in keyof P]: FieldSpec };
  /**
   * What this mutation can meet beyond every mutation's (not found, forbidden, validation): the
   * recognisers of Waldur's answers (each resource's `errors.ts`), and error classes the resolver
   * throws itself.
   */
  errors?: ReadonlyArray<Recogniser | ErrorClass>;
  resolve: (input: I, ctx: GatewayContext) => Promise<P>;
}

/**
 * The one shape of a mutation: `name(input: <Input>!): <Name>Result`, the result union of
 * `<Name>Success` and the error types. Expected failures (Waldur's 400/403/404, the gateway's own
 * refusals) become union members; anything else is thrown and masked.
 */
export function mutation<I, P extends object>(name: string, o: MutationOptions<I, P>): void {
  const Success = payload<P>(`${pascal(name)}Success`, o.success);
  const recognisers = (o.errors ?? []).filter((e): e is Recogniser => 'recognise' in e);
  const types = (o.errors ?? []).map((e) => ('recognise' in e ? e.type : e));
  builder.mutationField(name, (t) =>
    t.field({
      type: Success,
      description: o.description,
      errors: { types },
      args: { input: t.arg({ type: o.input, required: true }) },
      resolve: (async (_root: unknown, args: { input: I }, ctx: GatewayContext, info: GraphQLResolveInfo) => {
        try {
          // The input's declared rules (input-rules.ts), before the resolver and so before any call.
          const input = info.parentType.getFields()[info.fieldName]?.args.find((a) => a.name === 'input');
          const broken = input && brokenRule(input.type, args.input);
          if (broken) throw broken;
          return await o.resolve(args.input, ctx);
        } catch (err) {
          throw toMutationError(err, recognisers);
        }
      }) as never,
    }),
  );
}

type Method = 'PATCH' | 'PUT';

/**
 * The PATCH and the PUT of one object as two mutations (`update...` and `replace...`), each with
 * its own input; one resolver, told which method Waldur is to see.
 */
export function patchAndPut<I, P extends object>(o: {
  patch: { name: string; input: InputObjectRef<Types, unknown>; description?: string };
  put: { name: string; input: InputObjectRef<Types, unknown>; description?: string };
  success: { [K in keyof P]: FieldSpec };
  resolve: (input: I, ctx: GatewayContext, method: Method) => Promise<P>;
}): void {
  for (const [method, m] of [
    ['PATCH', o.patch],
    ['PUT', o.put],
  ] as const) {
    mutation<I, P>(m.name, {
      description: m.description,
      input: m.input as InputObjectRef<Types, I>,
      success: o.success,
      resolve: (input, ctx) => o.resolve(input, ctx, method),
    });
  }
}
