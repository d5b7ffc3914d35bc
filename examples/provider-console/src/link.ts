import { ApolloLink } from '@apollo/client';
import { Observable } from 'rxjs';

const idOf = (operation: ApolloLink.Operation) => (operation.query as { __meta__?: { hash?: string } }).__meta__?.hash;
const isSubscription = (operation: ApolloLink.Operation) =>
  operation.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'subscription');

/**
 * Sends every operation by its document id only (`{"documentId": "sha256:…"}`, the GraphQL-over-HTTP
 * draft's persisted document request), so the console runs against a gateway in
 * TRUSTED_DOCUMENTS_MODE=enforce. The id is the hash codegen embedded in the typed document.
 * Subscriptions go over SSE and resume after a dropped connection with Last-Event-ID.
 */
export function documentIdLink(endpoint: string, token: () => string): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const id = idOf(operation);
        if (!id) {
          observer.error(new Error(`${operation.operationName ?? 'An operation'} has no document id: run npm run codegen.`));
          return undefined;
        }
        const abort = new AbortController();
        const body = JSON.stringify({ documentId: id, operationName: operation.operationName, variables: operation.variables });
        if (isSubscription(operation)) {
          void stream(endpoint, body, token, abort.signal, (result) => observer.next(result)).then(
            () => observer.complete(),
            (err: unknown) => (abort.signal.aborted ? observer.complete() : observer.error(err)),
          );
          return () => abort.abort();
        }
        fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Token ${token()}` },
          body,
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

/** Reads an SSE subscription; when the connection drops (a replica restarts), reconnects with the last event id. */
async function stream(endpoint: string, body: string, token: () => string, signal: AbortSignal, next: (r: ApolloLink.Result) => void): Promise<void> {
  let lastEventId: string | undefined;
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Token ${token()}`,
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        body,
        signal,
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => [...block.matchAll(/^(\w+): ?(.*)$/gm)].find((m) => m[1] === name)?.[2];
          if (field('event') === 'complete') return;
          const data = field('data');
          if (field('event') === 'next' && data) {
            lastEventId = field('id') ?? lastEventId;
            next(JSON.parse(data) as ApolloLink.Result);
          }
        }
      }
      attempt = 0;
    } catch (err) {
      if (signal.aborted) return;
      if (attempt > 5) throw err;
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
  }
}
