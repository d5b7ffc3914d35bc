import { ApolloLink } from '@apollo/client';
import { Observable } from 'rxjs';

/**
 * Sends every operation by its document id only (`{"documentId": "sha256:…"}`, the GraphQL-over-HTTP
 * draft's persisted document request), so the console runs against a gateway in
 * TRUSTED_DOCUMENTS_MODE=enforce. The id is the hash codegen embedded in the typed document.
 */
export function documentIdLink(endpoint: string, token: () => string): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const id = (operation.query as { __meta__?: { hash?: string } }).__meta__?.hash;
        if (!id) {
          observer.error(new Error(`${operation.operationName ?? 'An operation'} has no document id: run npm run codegen.`));
          return undefined;
        }
        const abort = new AbortController();
        fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Token ${token()}` },
          body: JSON.stringify({ documentId: id, operationName: operation.operationName, variables: operation.variables }),
          signal: abort.signal,
        })
          .then(async (res) => {
            observer.next(await res.json());
            observer.complete();
          })
          .catch((err: unknown) => observer.error(err));
        return () => abort.abort();
      }),
  );
}
