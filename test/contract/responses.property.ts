import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createLogger } from '../../src/config/logger.js';
import { createGateway } from '../../src/server/create-gateway.js';
import { listen } from '../../src/server/http-server.js';
import { UpstreamClient } from '../../src/upstream/client.js';
import { startHostileWaldur } from '../helpers/hostile-waldur.js';
import { findSchema } from './openapi-contract.js';
import { arbitraryFor } from './schema-arbitrary.js';

/** GraphQL operations that read one Waldur operation each, and the OpenAPI response they read. */
export const CASES = [
  {
    operation: 'marketplace_offering_users_list',
    list: 'OfferingUser',
    query: `{ offeringUsers(first: 3) { totalCount nodes { id uuid state allowedTransitions username created modified url isRestricted hasConsent requiresReconsent hasComplianceChecklist isProfileComplete missingProfileAttributes serviceProviderComment serviceProviderCommentUrl consentData { version agreementDate } user { uuid username fullName email firstName lastName organization affiliations nationalities birthDate gender civilNumber } offering { uuid name url } customer { uuid name } } } }`,
  },
  { operation: 'marketplace_offering_users_retrieve', one: 'OfferingUser', query: '{ offeringUser(uuid: "0123456789abcdef0123456789abcdef") { uuid state username created user { fullName email } offering { name } customer { name } } }' },
  { operation: 'marketplace_user_offering_consents_list', list: 'UserOfferingConsent', query: '{ consents(first: 3) { totalCount nodes { id uuid version agreementDate revocationDate hasConsent requiresReconsent collectedAttributes created modified user { uuid username fullName email } offering { uuid name url } } } }' },
  { operation: 'marketplace_service_providers_retrieve', one: 'ServiceProvider', query: '{ serviceProvider(uuid: "0123456789abcdef0123456789abcdef") { uuid customerUuid customerName description enableNotifications created image organizationGroups { uuid name parentUuid parentName } } }' },
] as const;

type Case = (typeof CASES)[number];

/**
 * Runs `runs` schema-valid answers per case through the gateway: each must parse (no error at all),
 * with and without graphql-jit. Resolves to the failures found (empty when all parse).
 */
export async function runResponseProperty(runs: number, seed: number): Promise<string[]> {
  const doc = JSON.parse(readFileSync(findSchema()!, 'utf8')) as { components: { schemas: Record<string, any> } };
  const components = doc.components.schemas;
  let next: { status: number; body: unknown; headers: Record<string, string> } = { status: 200, body: [], headers: {} };
  const waldur = await startHostileWaldur(() => (_req, res) => {
    const text = JSON.stringify(next.body);
    res.writeHead(next.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...next.headers }).end(text);
  });
  const logger = createLogger('silent');
  const client = new UpstreamClient({ apiUrl: waldur.apiRoot, connectTimeoutMs: 500, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000, connections: 4, maxConcurrencyPerOperation: 4, retries: 0, logger });
  const failures: string[] = [];
  let last: string | undefined;
  const servers = await Promise.all([false, true].map((jit) => listen(createGateway({ client, logger, graphiql: false, introspection: true, jit }), 0, '127.0.0.1')));
  try {
    for (const c of CASES as readonly Case[]) {
      const row = arbitraryFor({ $ref: `#/components/schemas/${'list' in c ? c.list : c.one}` }, components);
      const body = 'list' in c ? fc.array(row, { minLength: 1, maxLength: 3 }) : row;
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          next = { status: 200, body: value, headers: Array.isArray(value) ? { 'x-result-count': String(value.length) } : {} };
          for (const server of servers) {
            const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Token ${'a'.repeat(40)}` }, body: JSON.stringify({ query: c.query }) });
            const out = (await res.json()) as { errors?: unknown[] };
            if (out.errors) {
              last = `${c.operation}${server === servers[1] ? ' (graphql-jit)' : ''}: ${JSON.stringify(out.errors).slice(0, 400)}`;
              throw new Error(last);
            }
          }
        }),
        { numRuns: runs, seed, endOnFailure: true },
      ).catch((err: Error) => failures.push(`${last ?? err.message}\n${err.message.split('\n')[1] ?? ''}`));
    }
  } finally {
    await Promise.all(servers.map((s) => s.close(100)));
    await client.close();
    await waldur.close();
  }
  return failures;
}
