import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { getNamedType, isLeafType, isListType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { schema } from '../../src/schema/index.js';
import { NESTED_LISTS } from '../../src/upstream/resources/service-provider-lists.js';
import { createLogger } from '../../src/config/logger.js';
import { createGateway } from '../../src/server/create-gateway.js';
import { listen } from '../../src/server/http-server.js';
import { UpstreamClient } from '../../src/upstream/client.js';
import { startHostileWaldur } from '../helpers/hostile-waldur.js';
import type { SchemaObject } from './schema-arbitrary.js';

interface OpenApiOperation {
  operationId: string;
  responses: Record<string, { content: Record<string, { schema: SchemaObject }> }>;
}
/** A root field's answer: a connection itself, or an object holding one. */
type ConnectionLike = { nodes?: unknown[] } & Record<string, unknown>;
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, SchemaObject> };
}
import { findSchema } from './openapi-contract.js';
import { arbitraryFor } from './schema-arbitrary.js';
import { nestedField } from '../../src/schema/service-provider/lists.js';

/** GraphQL operations that read one Waldur operation each, and the OpenAPI response they read. */
export const CASES = [
  {
    operation: 'marketplace_offering_users_list',
    list: 'OfferingUser',
    query: `{ offeringUsers(first: 3) { totalCount nodes { id uuid state allowedTransitions username created modified url isRestricted hasConsent requiresReconsent hasComplianceChecklist isProfileComplete missingProfileAttributes serviceProviderComment serviceProviderCommentUrl consentData { version agreementDate } user { uuid username fullName email firstName lastName organization affiliations nationalities birthDate gender civilNumber } offering { uuid name url } customer { uuid name } } } }`,
  },
  {
    operation: 'marketplace_offering_users_retrieve',
    one: 'OfferingUser',
    query:
      '{ offeringUser(uuid: "0123456789abcdef0123456789abcdef") { uuid state username created user { fullName email } offering { name } customer { name } } }',
  },
  {
    operation: 'marketplace_user_offering_consents_list',
    list: 'UserOfferingConsent',
    query:
      '{ consents(first: 3) { totalCount nodes { id uuid version agreementDate revocationDate hasConsent requiresReconsent collectedAttributes created modified user { uuid username fullName email } offering { uuid name url } } } }',
  },
  {
    operation: 'marketplace_service_providers_retrieve',
    one: 'ServiceProvider',
    query:
      '{ serviceProvider(uuid: "0123456789abcdef0123456789abcdef") { uuid customerUuid customerName description enableNotifications created image organizationGroups { uuid name parentUuid parentName } } }',
  },
] as const;

interface Case {
  operation: string;
  list?: string;
  one?: string;
  query: string;
  /** Waldur path (regex) this case's generated answer is served at; others get `fixed` answers. */
  path?: RegExp;
}

const U = '0123456789abcdef0123456789abcdef';

/** Every leaf field of a GraphQL type (and one level of objects), skipping fields with required arguments. */
function leaves(type: GraphQLObjectType, depth = 0): string {
  return Object.values(type.getFields())
    .filter((f) => !f.args.some((a) => isNonNullType(a.type)))
    .flatMap((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return [f.name];
      if (depth === 0 && isObjectType(named) && !isListType(isNonNullType(f.type) ? f.type.ofType : f.type) && !/Connection$/.test(named.name))
        return [`${f.name} { ${leaves(named, 1) || '__typename'} }`];
      return [];
    })
    .join(' ');
}

/** The thirteen nested lists of a service provider, each read behind a provider detail. */
function nestedListCases(doc: OpenApiDoc): Case[] {
  const sp = schema.getType('ServiceProvider') as GraphQLObjectType;
  return NESTED_LISTS.map((spec) => {
    const [, item] = Object.entries(doc.paths).find(([p]) =>
      new RegExp(`^/api/marketplace-service-providers/\\{(service_provider_)?uuid\\}/${spec.route}/$`).test(p),
    )!;
    const op = item.get!;
    const name = nestedField(spec.route)!;
    const field = sp.getFields()[name]!;
    const node = getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().nodes!.type) as GraphQLObjectType;
    const required = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: "${U}"`);
    const ref = op.responses['200']!.content['application/json']!.schema.items!.$ref!;
    return {
      operation: op.operationId,
      list: ref.split('/').pop()!,
      path: new RegExp(`/${spec.route}/`),
      query: `{ serviceProvider(uuid: "${U}") { ${name}(first: 3${required.length ? `, ${required.join(', ')}` : ''}) { totalCount nodes { ${leaves(node)} } } } }`,
    };
  });
}

/**
 * Runs `runs` schema-valid answers per case through the gateway: each must parse (no error at all),
 * with and without graphql-jit. Resolves to the failures found (empty when all parse).
 */
export async function runResponseProperty(runs: number, seed: number): Promise<string[]> {
  const doc = JSON.parse(readFileSync(findSchema()!, 'utf8')) as OpenApiDoc;
  const components = doc.components.schemas;
  let next: { status: number; body: unknown; headers: Record<string, string>; path?: RegExp } = { status: 200, body: [], headers: {} };
  // The provider a nested list is read behind: one valid answer, the same every time.
  const provider = fc.sample(arbitraryFor({ $ref: '#/components/schemas/ServiceProvider' }, components), { numRuns: 1, seed })[0] as Record<string, unknown>;
  const waldur = await startHostileWaldur((r) => (_req, res) => {
    const own = !next.path || next.path.test(r.path);
    const text = JSON.stringify(own ? next.body : { ...provider, uuid: U, customer_uuid: U });
    res
      .writeHead(next.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...(own ? next.headers : {}) })
      .end(text);
  });
  const logger = createLogger('silent');
  const client = new UpstreamClient({
    apiUrl: waldur.apiRoot,
    connectTimeoutMs: 500,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    connections: 4,
    maxConcurrencyPerOperation: 4,
    retries: 0,
    logger,
  });
  const failures: string[] = [];
  let last: string | undefined;
  const servers = await Promise.all(
    [false, true].map((jit) => listen(createGateway({ client, logger, graphiql: false, introspection: true, jit }), 0, '127.0.0.1')),
  );
  try {
    for (const c of [...(CASES as readonly Case[]), ...nestedListCases(doc)]) {
      const row = arbitraryFor({ $ref: `#/components/schemas/${c.list ?? c.one}` }, components);
      const body = c.list ? fc.array(row, { minLength: 1, maxLength: 3 }) : row;
      await fc
        .assert(
          fc.asyncProperty(body, async (value) => {
            next = { status: 200, body: value, headers: Array.isArray(value) ? { 'x-result-count': String(value.length) } : {}, path: c.path };
            for (const server of servers) {
              const res = await fetch(`${server.url}/graphql`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Token ${'a'.repeat(40)}` },
                body: JSON.stringify({ query: c.query }),
              });
              const out = (await res.json()) as { data?: Record<string, ConnectionLike>; errors?: unknown[] };
              // Parsed means answered: the root object is there and a list holds every generated row.
              const root = out.data ? Object.values(out.data)[0] : undefined;
              const conn = root && (root.nodes ? root : (Object.values(root) as ConnectionLike[]).find((v) => v && Array.isArray(v.nodes)));
              if (!out.errors && (!root || (Array.isArray(value) && conn?.nodes?.length !== value.length))) {
                last = `${c.operation}: answered ${JSON.stringify(out.data).slice(0, 300)}`;
                throw new Error(last);
              }
              if (out.errors) {
                last = `${c.operation}${server === servers[1] ? ' (graphql-jit)' : ''}: ${JSON.stringify(out.errors).slice(0, 400)}`;
                throw new Error(last);
              }
            }
          }),
          { numRuns: runs, seed, endOnFailure: true },
        )
        .catch((err: Error) => failures.push(`${last ?? err.message}\n${err.message.split('\n')[1] ?? ''}`));
    }
  } finally {
    await Promise.all(servers.map((s) => s.close(100)));
    await client.close();
    await waldur.close();
  }
  return failures;
}
