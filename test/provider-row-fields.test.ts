import { readFileSync } from 'node:fs';
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { NESTED_LISTS } from '../src/upstream/resources/service-provider-lists.js';
import { findSchema } from './contract/openapi-contract.js';
import { nestedField } from '../src/schema/service-provider/lists.js';

type Json = { [k: string]: Json } & Json[] & string;
const openapi = JSON.parse(readFileSync(findSchema()!, 'utf8')) as Json;
const deref = (x: Json): Json =>
  x?.$ref
    ? x.$ref
        .split('/')
        .slice(1)
        .reduce<Json>((o, k) => o[k], openapi)
    : x;

/** The properties Waldur 8.0.5 declares for a row of a list route below a provider. */
function rowProperties(route: string): string[] {
  const item = Object.entries(openapi.paths).find(([p]) => p.endsWith(`}/${route}/`))![1].get;
  const body = deref(item.responses['200'].content['application/json'].schema);
  return Object.keys(deref(body.items ?? body).properties);
}

/** The Waldur keys a GraphQL type's fields read (`extensions.rest`, declared beside each field). */
const readBy = (type: GraphQLObjectType) => new Set(Object.values(type.getFields()).flatMap((f) => (f.extensions.rest as string[] | undefined) ?? []));

describe("every field Waldur returns on the provider lists' rows is in the schema", () => {
  const provider = schema.getType('ServiceProvider') as GraphQLObjectType;
  it('covers all thirteen lists', () => expect(NESTED_LISTS).toHaveLength(13));

  for (const spec of NESTED_LISTS) {
    it(`ServiceProvider.${nestedField(spec.route)} (${spec.route}/)`, () => {
      const conn = getNamedType(provider.getFields()[nestedField(spec.route)!].type) as GraphQLObjectType;
      const node = getNamedType(conn.getFields().nodes.type) as GraphQLObjectType;
      const props = rowProperties(spec.route);
      expect(props.length).toBeGreaterThan(1);
      const have = readBy(node);
      expect(props.filter((k) => !have.has(k))).toEqual([]);
    });
  }

  it("ProviderCustomer's users and projects previews are typed objects, not JSON", () => {
    const customer = schema.getType('ProviderCustomer') as GraphQLObjectType;
    for (const name of ['users', 'projects']) expect(String(customer.getFields()[name].type)).not.toContain('JSON');
  });
});
