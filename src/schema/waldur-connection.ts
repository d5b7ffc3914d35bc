import { RootFieldBuilder, type FieldKind, type InputFieldMap, type InputType, type ObjectRef, type SchemaTypes } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { listPage, primeRows, type ListRequest, type ListSpec } from '../upstream/list-spec.js';
import { UpstreamSession } from '../upstream/session.js';
import { sparseFields } from './list-field.js';
import { toConnection, windowFromArgs } from './pagination.js';

/** The arguments every Waldur connection takes, and those a field adds (`args`). */
export type ConnectionArgs = {
  first?: number | null;
  after?: string | null;
  offset?: number | null;
  filter?: Record<string, unknown> | null;
  orderBy?: string[] | null;
} & Record<string, unknown>;

export interface WaldurConnectionOptions<Types extends SchemaTypes, Parent> {
  /** The connection type (`connection()`: plugin-relay's connection and edge objects, with `totalCount`). */
  type: ObjectRef<Types, unknown>;
  list: ListSpec;
  description?: string;
  /** The list's filter input (`filterInput`): its values reach Waldur under their wire names. */
  filter?: { ref: InputType<Types>; toWire: (values: Readonly<Record<string, unknown>> | null | undefined) => Record<string, unknown> };
  orderBy?: InputType<Types>;
  /** Arguments beyond first/after/offset/filter/orderBy. */
  args?: InputFieldMap;
  /** What the parent or the extra arguments add to the read (path parent, fixed filter values by Waldur's names). */
  request?: (parent: Parent, args: ConnectionArgs) => ListRequest;
  /**
   * Waldur fields of the parent the request uses (`extensions.rest`): the parent list's sparse
   * fieldset includes them, and a parent read by UUID that only these need is not read at all.
   */
  reads?: readonly string[];
  /** Sees the rows read under `parent` (e.g. to remember which provider they came from). */
  onRows?: (parent: Parent, rows: readonly unknown[]) => void;
  /** The request needs only the parent's UUID: read it ahead, beside the parent's own read (`lookAhead`). */
  lookahead?: boolean;
}

declare global {
  // Pothos's field builders are extended by merging into its global namespace (as plugin-relay does).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface RootFieldBuilder<Types extends SchemaTypes, ParentShape, Kind extends FieldKind = FieldKind> {
      /**
       * The one connection field over a Waldur list: validated window, one read of exactly the
       * rows asked for (a sparse fieldset from the selection where the list takes one), whole
       * rows primed into the operation's reads, a connection with Waldur's total. Nullable: a list
       * the caller may not read fails alone (FORBIDDEN) and the rest of the query answers.
       */
      waldurConnection: (options: WaldurConnectionOptions<Types, ParentShape>) => FieldRef<Types, unknown, Kind>;
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const intOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

/** The arguments as GraphQL coerced them, read into their types (a check, never a cast). */
function connectionArgs(raw: Record<string, unknown>): ConnectionArgs {
  return {
    ...raw,
    first: intOrNull(raw.first),
    after: typeof raw.after === 'string' ? raw.after : null,
    offset: intOrNull(raw.offset),
    filter: isRecord(raw.filter) ? raw.filter : null,
    orderBy: Array.isArray(raw.orderBy) ? raw.orderBy.filter((k): k is string => typeof k === 'string') : null,
  };
}

/** The operation's upstream session (GatewayContext.upstream), checked rather than assumed. */
function upstreamOf(ctx: object): UpstreamSession {
  if ('upstream' in ctx && ctx.upstream instanceof UpstreamSession) return ctx.upstream;
  throw new TypeError('A Waldur connection resolves with the gateway context (GatewayContext.upstream).');
}

const fieldBuilder: PothosSchemaTypes.RootFieldBuilder<SchemaTypes, unknown> = RootFieldBuilder.prototype;

fieldBuilder.waldurConnection = function waldurConnection(o) {
  const args = {
    first: this.arg.int({ description: `Rows to return, 0..300 (default 20); 0 asks for \`totalCount\` alone.` }),
    after: this.arg.string({ description: 'Start after this cursor (from `pageInfo.endCursor` or an edge).' }),
    offset: this.arg.int({
      description: 'Start at this row (0-based) for numbered pages: page 7 of 10-row pages is `offset: 60, first: 10`. Not with `after`.',
    }),
    ...(o.filter ? { filter: this.arg({ type: o.filter.ref }) } : {}),
    ...(o.orderBy ? { orderBy: this.arg({ type: [o.orderBy] }) } : {}),
    ...o.args,
  };
  return this.field({
    type: o.type,
    nullable: true,
    description: o.description,
    args,
    extensions: { ...(o.reads ? { rest: [...o.reads] } : {}), ...(o.lookahead ? { lookahead: true } : {}) },
    resolve: async (parent: unknown, given: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => {
      const upstream = upstreamOf(ctx);
      const raw = connectionArgs(given);
      const window = windowFromArgs(raw);
      const extra = o.request?.(parent, raw) ?? {};
      const fields = o.list.sparse ? sparseFields(info) : undefined;
      const req: ListRequest = { ordering: raw.orderBy, fields, ...extra, values: { ...o.filter?.toWire(raw.filter), ...extra.values } };
      const page = await listPage(upstream, o.list, req, window.offset, window.first);
      if (!fields) primeRows(upstream, o.list, page.items);
      o.onRows?.(parent, page.items);
      return toConnection(page, window);
    },
  });
};
