import { AsyncLocalStorage } from 'node:async_hooks';
import {
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { UpstreamSession } from '../src/upstream/session.js';
import { startStack, type Stack } from './helpers/stack.js';

/**
 * Every field that can make a REST call per parent row must weigh that call in the cost model
 * (`restCallsPerParent`), or be a connection (costed by `first`). Static declarations cannot
 * prove which fields call Waldur, so this test watches: each resolver runs inside an
 * AsyncLocalStorage scope naming its field, each REST call records the field that caused it, and
 * a generated query reaches every object type of the schema below the three root lists.
 */
const causedBy = new AsyncLocalStorage<string>();
const calling = new Map<string, number>();

function instrument(): () => void {
  const undo: Array<() => void> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const original = field.resolve;
      const resolve = original ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      field.resolve = (...a) => causedBy.run(coordinate, () => resolve(...a));
      undo.push(() => (field.resolve = original));
    }
  }
  const request = UpstreamSession.prototype.request;
  UpstreamSession.prototype.request = function (this: UpstreamSession, ...a) {
    const by = causedBy.getStore() ?? '(none)';
    calling.set(by, (calling.get(by) ?? 0) + 1);
    return request.apply(this, a) as never;
  };
  undo.push(() => (UpstreamSession.prototype.request = request));
  return () => undo.forEach((u) => u());
}

/** A value for a required argument; undefined when the test cannot make one up. */
function argValue(arg: GraphQLArgument, uuids: { offering: string; user: string; any: string }): string | undefined {
  const t = getNamedType(arg.type);
  if (isEnumType(t)) return t.getValues()[0].name;
  if (isInputObjectType(t)) return undefined;
  if (!isScalarType(t)) return undefined;
  const value = (
    {
      UUID: JSON.stringify(/offering/i.test(arg.name) ? uuids.offering : /user/i.test(arg.name) ? uuids.user : uuids.any),
      Int: '1',
      String: '"x"',
      Boolean: 'false',
      DateTime: '"2024-01-01T00:00:00Z"',
      Date: '"2024-01-01"',
      ID: '"x"',
    } as Record<string, string>
  )[t.name];
  return value;
}

function argsOf(field: GraphQLField<unknown, unknown>, uuids: Parameters<typeof argValue>[1]): string | undefined {
  const parts: string[] = [];
  for (const a of field.args) {
    if (a.name === 'first') parts.push('first: 8');
    else if (isNonNullType(a.type) && a.defaultValue === undefined) {
      const v = argValue(a, uuids);
      if (v === undefined) return undefined;
      parts.push(`${a.name}: ${v}`);
    }
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Every field of `type`, object fields with `__typename` only (their own resolvers still run). */
function allFields(type: GraphQLObjectType, uuids: Parameters<typeof argValue>[1]): string {
  return Object.values(type.getFields())
    .flatMap((f) => {
      const args = argsOf(f, uuids);
      if (args === undefined) return [];
      const named = getNamedType(f.type);
      return [`${f.name}${args}${isScalarType(named) || isEnumType(named) ? '' : ' { __typename }'}`];
    })
    .join(' ');
}

/** Shortest selection path from a root list to each object type, through `nodes` of connections. */
function pathsToTypes(roots: string[]): Map<string, Array<{ field: GraphQLField<unknown, unknown>; on?: string }>> {
  const query = schema.getQueryType()!;
  const paths = new Map<string, Array<{ field: GraphQLField<unknown, unknown>; on?: string }>>();
  const queue: Array<[GraphQLNamedType, Array<{ field: GraphQLField<unknown, unknown>; on?: string }>]> = [];
  for (const r of roots) {
    const f = query.getFields()[r];
    queue.push([getNamedType(f.type), [{ field: f }]]);
  }
  while (queue.length) {
    const [type, path] = queue.shift()!;
    const concrete = isAbstractType(type)
      ? schema.getPossibleTypes(type).map((t) => [t, t.name] as const)
      : isObjectType(type)
        ? [[type, undefined] as const]
        : [];
    for (const [t, on] of concrete) {
      if (paths.has(t.name)) continue;
      const here = on ? [...path.slice(0, -1), { ...path[path.length - 1], on }] : path;
      paths.set(t.name, here);
      for (const f of Object.values(t.getFields())) {
        const named = getNamedType(f.type);
        if (isObjectType(named) || isAbstractType(named)) queue.push([named, [...here, { field: f }]]);
      }
    }
  }
  return paths;
}

let stack: Stack;
let restore: () => void;
beforeAll(async () => {
  restore = instrument();
  stack = await startStack({
    size: 60,
    inProcess: true,
    gateway: { jit: false, limits: { maxDepth: 30, maxAliases: 100, maxDirectives: 100, maxTokens: 100_000, maxCost: 10_000_000 } },
  });
});
afterAll(async () => {
  restore();
  await stack.close();
});

describe('cost model coverage', () => {
  it('every field that calls Waldur per parent row is costed per row (restCallsPerParent) or by `first`', async () => {
    const store = stack.sim.store;
    const uuids = { offering: [...store.offerings.keys()][0], user: [...store.users.keys()][0], any: [...store.offeringUsers.keys()][0] };
    const paths = pathsToTypes(['offeringUsers', 'consents', 'serviceProviders']);
    const unreached: string[] = [];
    for (const [typeName, path] of paths) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      let selection = allFields(type, uuids);
      for (let i = path.length - 1; i >= 0; i--) {
        const { field, on } = path[i];
        const args = argsOf(field, uuids);
        if (args === undefined) {
          unreached.push(typeName);
          break;
        }
        const inner = on ? `... on ${on} { ${selection} }` : selection;
        selection = `${field.name}${args} { ${inner} }`;
      }
      if (unreached.at(-1) === typeName) continue;
      const r = await stack.gql(`{ ${selection} }`, {}, 'staff');
      expect(r.status, `${typeName}: ${JSON.stringify(r.errors?.[0])}`).toBe(200);
    }
    const offenders = [...calling.keys()].filter((coordinate) => {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      if (coordinate === '(none)' || typeName === 'Query' || typeName === 'Mutation') return false;
      const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
      const perRow = Number(field.extensions?.restCallsPerParent ?? 0) > 0;
      const connection = field.args.some((a) => a.name === 'first' || a.name === 'ids');
      return !perRow && !connection;
    });
    expect(offenders, 'fields that call Waldur per parent without a cost').toEqual([]);
    // Not vacuous: the per-row links and nested lists known to call Waldur were reached and seen.
    expect([...calling.keys()]).toEqual(
      expect.arrayContaining([
        'OfferingUser.consent',
        'Consent.offeringUser',
        'OfferingUser.completionStatus',
        'ServiceProvider.offeringUsers',
        'ServiceProvider.statistics',
      ]),
    );
    expect(unreached).toEqual([]);
    expect(paths.size).toBeGreaterThan(40);
  });
});
