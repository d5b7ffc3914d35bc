import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface BodyLimits {
  /** A JSON (or GraphQL-JSON) body: a document of at most LIMIT_TOKENS tokens and its variables. */
  jsonBytes: number;
  /** A multipart body (file uploads), checked by yoga's own limit. */
  uploadBytes: number;
}

const tooLarge = (limit: number, what: string) =>
  new GraphQLError(`The request body is larger than ${limit} bytes, the limit for ${what} (MAX_REQUEST_BODY_BYTES).`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });

/** Never the body itself (a hostile body may be megabytes, or carry a credential): where it broke. */
const invalidJson = (err: unknown) => {
  const at = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
  return new GraphQLError(`POST body sent invalid JSON${at ? ` (at byte ${at})` : ''}.`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
};

const isJson = (type: string) => /^application\/(graphql\+json|json)\s*(;|$)/i.test(type);

/**
 * JSON bodies are bounded by what a GraphQL document and its variables need, far below the upload
 * limit: parsing a 7 MB body held the event loop for over a second. The body is read up to the
 * limit and no further, and an invalid one is answered without echoing it.
 */
export function useRequestBody(limits: BodyLimits): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST' || !isJson(request.headers.get('content-type') ?? '')) return;
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > limits.jsonBytes) throw tooLarge(limits.jsonBytes, 'JSON requests');
      setRequestParser(async (req) => {
        const text = await readText(req, limits.jsonBytes);
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (err) {
          throw invalidJson(err);
        }
        if (body === null || typeof body !== 'object') {
          throw new GraphQLError(`POST body is expected to be an object but received ${body === null ? 'null' : typeof body}.`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        return body as never;
      });
    },
  };
}

/** The body as text, read chunk by chunk and cut off at `limit` bytes (chunked bodies too). */
async function readText(req: Request, limit: number): Promise<string> {
  if (!req.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit, 'JSON requests');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
