import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import type { CompiledQuery } from 'graphql-jit';
import { SHA256_ID, type RegisteredDocument, type TrustedDocuments } from './manifest.js';

/** `audit`: any document runs, unregistered ones are counted as such; `enforce`: registered ones only. */
export type TrustedDocumentsMode = 'audit' | 'enforce';

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  /** The registered documents now (a reload replaces what this returns). */
  documents: () => TrustedDocuments;
  /** Under `enforce`: may this request still send a document as text (GraphiQL, support staff)? */
  mayUseText: (request: Request) => Promise<boolean>;
}

/** The label metrics and the access log use for an operation, when trusted documents are on. */
export const UNREGISTERED = 'unregistered';

const requestError = (message: string, code: string, status: number) => new GraphQLError(message, { extensions: { code, http: { status } } });

const badId = (id: unknown) =>
  requestError(
    `"documentId" must be sha256:<64 lowercase hex digits> of the document's text; got ${JSON.stringify(String(id).slice(0, 80))}.`,
    'BAD_REQUEST',
    400,
  );

/**
 * The document id of a request: `documentId` in a POST body or a GET query string (the
 * GraphQL-over-HTTP draft, Appendix A), or Automatic Persisted Queries' `extensions.persistedQuery`.
 */
function documentIdOf(params: GraphQLParams & { documentId?: unknown }, request: Request): string | null {
  const given = params.documentId ?? (request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null);
  if (given != null) {
    if (typeof given !== 'string' || !SHA256_ID.test(given)) throw badId(given);
    return given;
  }
  const apq = defaultExtractPersistedOperationId(params, request, {});
  if (apq === null) return null;
  if (!/^[0-9a-f]{64}$/.test(apq)) throw badId(apq);
  return `sha256:${apq}`;
}

/**
 * Persisted documents on yoga's own plugin, with the codes and statuses this gateway documents
 * (PERSISTED_DOCUMENT_NOT_FOUND 404, PERSISTED_DOCUMENT_REQUIRED 400, as Apollo Router answers) and
 * the registered name of each operation for labels. A document sent as text whose hash is
 * registered is served as that registered document: the same preparation, the same name.
 */
export function useTrustedDocuments(o: TrustedDocumentsOptions): {
  plugin: Plugin<GatewayContext>;
  labelOf: (request: Request | undefined) => string | undefined;
  refusalOf: (request: Request) => string | undefined;
  compiledFor: (request: Request | undefined) => CompiledQuery | undefined;
} {
  // The registered document each request asked for (its name labels it; its compiled form runs it).
  const asked = new WeakMap<Request, RegisteredDocument>();
  // Why a request was refused, for graphql_requests_refused_total (its status alone says "bad request").
  const refusals = new WeakMap<Request, string>();
  const refuse = (request: Request, reason: string, error: GraphQLError) => {
    refusals.set(request, reason);
    return error;
  };
  const asRegistered: Plugin<GatewayContext> = {
    onParams({ params, setParams }) {
      if (typeof params.query !== 'string') return;
      const known = o.documents().byText(params.query);
      if (known) setParams({ ...params, query: undefined, documentId: known.id } as GraphQLParams);
    },
  };
  const persisted = usePersistedOperations<GatewayContext>({
    extractPersistedOperationId: (params, request) => documentIdOf(params, request),
    getPersistedOperation: (id, request) => {
      const doc = o.documents().get(id);
      if (doc) asked.set(request, doc);
      return doc?.document ?? null;
    },
    // Registered documents were validated against this schema and these limits when they loaded.
    skipDocumentValidation: true,
    allowArbitraryOperations: o.mode === 'audit' ? true : (request) => o.mayUseText(request),
    customErrors: {
      notFound: ({ request }) =>
        refuse(
          request,
          'persisted_document_not_found',
          requestError(
            'No registered document has this documentId. Was the manifest with it deployed (TRUSTED_DOCUMENTS)?',
            'PERSISTED_DOCUMENT_NOT_FOUND',
            404,
          ),
        ),
      persistedQueryOnly: ({ request }) =>
        refuse(
          request,
          'persisted_document_required',
          requestError(
            'This gateway runs registered documents only (TRUSTED_DOCUMENTS_MODE=enforce): send its documentId instead of its text.',
            'PERSISTED_DOCUMENT_REQUIRED',
            400,
          ),
        ),
      keyNotFound: () => requestError('Send a GraphQL document as "query", or a registered one as "documentId".', 'BAD_REQUEST', 400),
    },
  });
  return {
    plugin: { onPluginInit: ({ addPlugin }) => [asRegistered, persisted].forEach(addPlugin) },
    labelOf: (request) => (request ? (asked.get(request)?.name ?? UNREGISTERED) : UNREGISTERED),
    compiledFor: (request) => (request ? asked.get(request)?.compiled : undefined),
    refusalOf: (request) => refusals.get(request),
  };
}
