import { FormData, Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { UpstreamError, errorFromResponse, type RequestInfo } from './errors.js';
import type { Query } from './query.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_URL_BYTES,
  type ByteBudget,
  type SendOptions,
  type Transport,
  type UpstreamOptions,
  type UpstreamRequest,
  type UpstreamResponse,
} from './types.js';

/**
 * The pipeline's last step: one undici pool per Waldur origin, explicit timeouts, the caller's
 * headers, bodies bounded and always consumed, every status checked, errors typed.
 */
export class UndiciTransport implements Transport {
  private readonly pool: Pool;
  private readonly base: URL;
  readonly origin: string;
  readonly hostname: string;
  readonly wholeRequestMs: number;

  constructor(
    private readonly o: Pick<
      UpstreamOptions,
      'apiUrl' | 'connections' | 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'maxResponseBytes' | 'maxUrlBytes'
    >,
  ) {
    this.base = new URL(o.apiUrl);
    this.origin = this.base.origin;
    this.hostname = this.base.hostname;
    this.wholeRequestMs = o.headersTimeoutMs + o.bodyTimeoutMs;
    this.pool = new Pool(this.origin, {
      connections: o.connections,
      connect: { timeout: o.connectTimeoutMs },
      headersTimeout: o.headersTimeoutMs,
      bodyTimeout: o.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
      pipelining: 1,
    });
  }

  /** Builds the request path (with the API root's own path prefix) for a relative route. */
  resolvePath(path: string, query?: Query): string {
    return resolveRoute(this.base, path, query, this.o.maxUrlBytes ?? DEFAULT_MAX_URL_BYTES);
  }

  /** Absolute URL of a route, for bodies that must carry Waldur hyperlinks. */
  absoluteUrl(path: string): string {
    return new URL(path, this.base).toString();
  }

  async send(req: UpstreamRequest, o: SendOptions): Promise<UpstreamResponse> {
    const creds = o.credentials;
    const info: RequestInfo = { method: req.method, path: req.path };
    const headers: Record<string, string> = { accept: 'application/json', ...creds.extraHeaders, ...o.callHeaders };
    if (creds.authorization) headers.authorization = creds.authorization;
    let body: string | FormData | undefined;
    if (req.body instanceof FormData) {
      body = req.body;
    } else if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    // undici's own timeouts restart on every chunk; a whole-request deadline also stops a body
    // that trickles forever. A caller's signal already carries the operation's deadline: when that
    // comes first anyway (the defaults), no timer of its own per call.
    const deadline = o.signal && o.signalEndsFirst ? undefined : AbortSignal.timeout(this.wholeRequestMs);
    const signal = deadline && o.signal ? AbortSignal.any([o.signal, deadline]) : (deadline ?? o.signal);
    const passed = () => deadline?.aborted ?? false;
    let res: Dispatcher.ResponseData;
    try {
      res = await this.pool.request({ method: req.method, path: o.resolvedPath ?? this.resolvePath(req.path, req.query), headers, body, signal });
    } catch (err) {
      throw mapTransportError(err, info, passed());
    }
    const text = await readBounded(res.body, this.o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, info, passed, o.budget);
    return answerFrom(req, res.statusCode, res.headers, text);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * The request path of a route below the API root `base`, with its query. Refuses absolute paths
 * (only the configured origin ever receives the caller's credentials) and URLs over `max` bytes
 * (Waldur or a proxy would answer 414/431: the caller's input is too long, say so before sending).
 */
export function resolveRoute(base: URL, path: string, query: Query | undefined, max: number): string {
  if (/^[a-z]+:\/\//i.test(path) || path.startsWith('/')) throw new Error(`upstream paths must be relative to the API root: ${path}`);
  const qs = query?.toString();
  const full = `${base.pathname}${path}${qs ? `?${qs}` : ''}`;
  if (full.length > max)
    throw new UpstreamError(
      'REQUEST_TOO_LARGE',
      `The request this needs from Waldur would have a ${full.length}-byte URL; the limit is ${max}. Use shorter or fewer filter values.`,
      { method: 'GET', path },
    );
  return full;
}

/**
 * Waldur's answer, checked: the body parsed as JSON (or kept as text where a route answers with a
 * file), redirects and informational answers refused, errors typed with Waldur's own message and
 * `Retry-After`. Every transport hands its answers through here.
 */
export function answerFrom(req: UpstreamRequest, statusCode: number, headers: Record<string, string | string[] | undefined>, text: string): UpstreamResponse {
  const info: RequestInfo = { method: req.method, path: req.path };
  const flatHeaders: Record<string, string | undefined> = {};
  for (const k in headers) {
    const v = headers[k];
    flatHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  let data: unknown;
  const isJson = /json/i.test(flatHeaders['content-type'] ?? '');
  if (req.expect === 'text' && statusCode < 400 && !isJson) {
    data = text;
  } else if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      if (statusCode < 400 || isJson) {
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur answered HTTP ${statusCode} with a body that is not JSON.`, info, statusCode);
      }
      data = undefined;
    }
  }
  if (statusCode < 200 || (statusCode >= 300 && statusCode < 400)) {
    // A redirect or an informational answer means nothing was read or written as asked.
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur answered HTTP ${statusCode}, which the gateway does not expect here.`, info, statusCode);
  }
  if (statusCode >= 400) {
    const err = errorFromResponse(statusCode, data, info);
    const retryAfter = Number(flatHeaders['retry-after']);
    if (Number.isFinite(retryAfter)) err.retryAfter = retryAfter;
    throw err;
  }
  return { status: statusCode, headers: flatHeaders, data };
}

/**
 * Reads an answer up to `max` bytes; past that the rest is discarded and the answer is an error.
 * The body is always consumed or destroyed, so the connection never stalls on it.
 */
async function readBounded(
  body: Dispatcher.ResponseData['body'],
  max: number,
  info: RequestInfo,
  deadlinePassed: () => boolean,
  budget?: ByteBudget,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        body.destroy();
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur's answer is larger than ${max} bytes, the limit (UPSTREAM_MAX_RESPONSE_BYTES).`, info);
      }
      if (budget && !budget.take((chunk as Buffer).length)) {
        body.destroy();
        throw new UpstreamError(
          'REQUEST_LIMIT',
          `This operation's answers from Waldur exceed ${budget.max} bytes in all, the limit per operation (UPSTREAM_MAX_OPERATION_BYTES). Ask for fewer rows.`,
          info,
        );
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw mapTransportError(err, info, deadlinePassed());
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function mapTransportError(err: unknown, info: RequestInfo, deadlinePassed = false): Error {
  if (err instanceof UpstreamError) return err;
  if (deadlinePassed) return new UpstreamError('UPSTREAM_TIMEOUT', 'Waldur did not answer in time.', info);
  if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || err instanceof undiciErrors.ConnectTimeoutError) {
    return new UpstreamError('UPSTREAM_TIMEOUT', 'Waldur did not answer in time.', info);
  }
  if (err instanceof undiciErrors.RequestAbortedError || (err as Error)?.name === 'AbortError') {
    // The GraphQL request was cancelled; this error goes nowhere a client can see.
    return new UpstreamError('UPSTREAM_UNAVAILABLE', 'The request was aborted.', info);
  }
  return new UpstreamError('UPSTREAM_UNAVAILABLE', 'Waldur could not be reached.', info);
}
