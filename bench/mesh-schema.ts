import { loadGraphQLSchemaFromOpenAPI } from '@omnigraph/openapi';
import { GraphQLScalarType, type GraphQLSchema } from 'graphql';

/**
 * GraphQL Mesh's OpenAPI source over Waldur's published schema: the peer the gateway is compared
 * with. As generated, its UUID scalar rejects Waldur's dash-less UUIDs ("format: uuid" in the
 * schema, hex on the wire), so every uuid field errors; the benchmark patches that one scalar to
 * pass strings through, which is the smallest change that lets the peer answer at all.
 */
export async function meshSchema(openapiPath: string, endpoint: string): Promise<GraphQLSchema> {
  const schema = await loadGraphQLSchemaFromOpenAPI('waldur', {
    source: openapiPath,
    endpoint,
    operationHeaders: { Authorization: '{context.headers.authorization}' },
  });
  const uuid = schema.getType('UUID');
  if (uuid instanceof GraphQLScalarType) {
    const pass = (v: unknown) => v;
    Object.assign(uuid, { serialize: pass, parseValue: pass, parseLiteral: (ast: { value?: unknown }) => ast.value });
  }
  return schema;
}
