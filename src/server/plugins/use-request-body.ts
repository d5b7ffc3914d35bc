import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface BodyLimits {
  /** A JSON (or GraphQL-JSON) body: a document of at most LIMIT_TOKENS tokens and its variables. */
  jsonBytes: number;
  /** Any other body (a multipart upload, `application/graphql`, a form). */
  uploadBytes: number;
}

const tooLarge = (limit: number, what: string, setting: string) =>
  new GraphQLError(`The request body is larger than ${limit} bytes, the limit for ${what} (${setting}).`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });

const TOO_LARGE_JSON = (limit: number) => tooLarge(limit, 'JSON requests', 'MAX_REQUEST_BODY_BYTES');

/** Never the body itself (a hostile body may be megabytes, or carry a credential): where it broke. */
const invalidJson = (err: unknown) => {
  const at = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
  return new GraphQLError(`POST body sent invalid JSON${at ? ` (at byte ${at})` : ''}.`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
};

const isJson = (type: string) => /^application\/(graphql\+json|json)\s*(;|$)/i.test(type);

/** One non-negative integer: anything else (a list, a sign) is how request smuggling starts. */
const CONTENT_LENGTH = /^\d+$/;

/**
 * Every request body is bounded here, and yoga's own limit is off (`maxRequestBodySize: false`):
 * it pipes every body through a TransformStream, which cost more CPU than a REST call's whole
 * pipeline. JSON bodies are bounded by what a GraphQL document and its variables need, far below
 * the upload limit (parsing a 7 MB body held the event loop for over a second): read up to the
 * limit and no further, and an invalid one answered without echoing it. Other bodies (uploads)
 * go to yoga's parser through a stream cut off at the upload limit.
 */
export function useRequestBody(limits: BodyLimits): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && !CONTENT_LENGTH.test(declared))
        throw new GraphQLError('The Content-Length header is not a single number.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
      if (request.method === 'POST' && isJson(request.headers.get('content-type') ?? '')) {
        if (declared !== null && Number(declared) > limits.jsonBytes) throw TOO_LARGE_JSON(limits.jsonBytes);
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
        return;
      }
      if (!request.body || !requestParser) return;
      const tooBig = () => tooLarge(limits.uploadBytes, 'uploads and other bodies', 'MAX_UPLOAD_BYTES');
      if (declared !== null && Number(declared) > limits.uploadBytes) throw tooBig();
      const parse = requestParser;
      setRequestParser(async (req) => {
        const body = bounded(req, limits.uploadBytes, fetchAPI);
        try {
          return await parse(body.request);
        } catch (err) {
          // yoga's multipart parser reports any stream error as invalid data (400): say what it was.
          if (body.over()) throw tooBig();
          throw err;
        }
      });
    },
  };
}

/** `req` with a body that errors once more than `limit` bytes have passed (chunked bodies too). */
function bounded(req: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }) {
  let size = 0;
  // A native stream pipes only into a native TransformStream, a ponyfill's into the ponyfill's.
  const Transform = req.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = req.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new Error(`over ${limit} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
  return {
    request: new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body, duplex: 'half' } as RequestInit),
    over: () => size > limit,
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
      throw TOO_LARGE_JSON(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
