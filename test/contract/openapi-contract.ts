import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import type { Exchange } from 'waldur-simulator/server';
import { ROOT } from '../helpers/gateway-process.js';
import { DASHED_UUID, DRF_ERROR_BODY, HEX_UUID, NAME_OR_UUID_PARAMS, OUTSIDE_SUBSET } from './deviations.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The schema is read where the team keeps it, never copied into the project (WALDUR_OPENAPI overrides). */
export const SCHEMA_CANDIDATES = [
  process.env.WALDUR_OPENAPI,
  resolve(ROOT, '../shared/waldur-api/openapi-8.0.5-subset.json'),
  '/work/shared/waldur-api/openapi-8.0.5-subset.json',
].filter((p): p is string => !!p);

export function findSchema(): string | undefined {
  return SCHEMA_CANDIDATES.find((p) => existsSync(p));
}

/** One request/answer pair, as the simulator reports it. */
export type ExchangeLike = Exchange;

export interface Violation {
  /** Whose fault: the gateway's request or the (simulated) Waldur's response. */
  side: 'request' | 'response';
  operation: string;
  location: string;
  message: string;
  value?: unknown;
}

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 allows `nullable` beside `allOf`/`$ref` without a `type`, which Ajv refuses. Rewritten in
 * memory into the equivalent `anyOf [..., null]`; the newer question types are added (deviations.ts).
 */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = normalise(v);
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function withDeviations(doc: Json): Json {
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
  const q = schemas.QuestionTypeEnum;
  if (q && Array.isArray(q.enum)) q.enum = [...new Set([...(q.enum as string[]), 'likert', 'rich_text'])];
  return doc;
}

export class ContractChecker {
  private constructor(
    private readonly api: OpenAPIBackend,
    private readonly errorBody: (v: unknown) => boolean,
    private readonly outside: Map<string, { method: string; validate: (v: unknown) => boolean }>,
  ) {}

  static async load(path = findSchema()): Promise<ContractChecker> {
    if (!path) throw new Error(`Waldur's OpenAPI schema was not found at ${SCHEMA_CANDIDATES.join(' or ')}; set WALDUR_OPENAPI to its path.`);
    const definition = withDeviations(normalise(JSON.parse(readFileSync(path, 'utf8'))) as Json);
    const api = new OpenAPIBackend({
      definition: definition as never,
      strict: false,
      // Quick start: the reference file is not itself re-validated against the OpenAPI meta-schema,
      // and each operation's validators are compiled when an exchange first needs them. A full
      // eager load took ~5 s in every test file that starts a stack; most use a few operations.
      quick: true,
      validate: true,
      ignoreTrailingSlashes: false,
      customizeAjv: (ajv, _opts, context) => {
        addFormats(ajv);
        ajv.addFormat('decimal', /^-?\d*(\.\d+)?$/);
        // Deviation empty-uri: "" clears a URL field, in what the gateway sends as in what Waldur answers.
        ajv.addFormat('uri', (s: string) => s === '' || /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s));
        if (context === 'responseValidator') {
          // Deviations hex-uuid-in-responses and empty-uri-in-responses: only in what Waldur sends.
          ajv.addFormat('uuid', (s: string) => HEX_UUID.test(s) || DASHED_UUID.test(s));
        }
        return ajv;
      },
    });
    await api.init();
    const ajv = new Ajv({ strict: false });
    const outside = new Map(Object.entries(OUTSIDE_SUBSET).map(([path, o]) => [path, { method: o.method, validate: ajv.compile(o.response) }]));
    return new ContractChecker(api, ajv.compile(DRF_ERROR_BODY), outside);
  }

  /** Every way this exchange departs from the schema; empty when it conforms. */
  check(x: ExchangeLike): Violation[] {
    const url = new URL(x.path, 'http://waldur.invalid');
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
    }
    const method = x.method.toLowerCase();
    const hasBody = x.requestBody !== undefined;
    const req = { method, path: url.pathname, query, body: x.requestBody, headers: { 'content-type': x.requestType ?? '' } };
    const extra = this.outside.get(url.pathname);
    if (extra && extra.method === x.method) {
      if (url.search || hasBody)
        return [{ side: 'request', operation: `${x.method} ${url.pathname}`, location: 'request', message: 'takes no query and no body' }];
      const ok = x.status >= 400 ? this.errorBody(x.responseBody) : x.status === 200 && extra.validate(x.responseBody);
      return ok
        ? []
        : [{ side: 'response', operation: `${x.method} ${url.pathname}`, location: 'body', message: 'not the expected shape', value: x.responseBody }];
    }
    const op = this.api.matchOperation(req as never) as Operation | undefined;
    if (!op)
      return [{ side: 'request', operation: `${x.method} ${url.pathname}`, location: 'path', message: 'no operation of the schema has this method and path' }];
    const name = op.operationId ?? `${x.method} ${op.path}`;
    const out: Violation[] = [];
    const add = (side: Violation['side'], location: string, message: string, value?: unknown) =>
      out.push({ side, operation: name, location, message, ...(value !== undefined ? { value } : {}) });

    // Request: parameters (path and query, with their style/explode and formats) and the body.
    const params = [...((op as { parameters?: Array<{ in: string; name: string }> }).parameters ?? [])];
    const declaredQuery = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
    for (const k of Object.keys(query)) if (!declaredQuery.has(k)) add('request', `query.${k}`, 'parameter not declared for this operation', query[k]);
    const body = op.requestBody as { content?: Record<string, unknown>; required?: boolean } | undefined;
    if (hasBody && !body) add('request', 'body', 'a body was sent but the operation declares none', x.requestBody);
    if (body && hasBody) {
      const type = (x.requestType ?? '').split(';')[0]!.trim();
      if (!Object.keys(body.content ?? {}).includes(type)) add('request', 'content-type', `not one of ${Object.keys(body.content ?? {}).join(', ')}`, type);
    }
    const parsed = { path: this.api.router.parseRequest(req as never, op).params, query, requestBody: x.requestBody };
    const v = this.api.validateRequest({ ...req, body: type(x.requestType) === 'multipart/form-data' ? undefined : x.requestBody } as never, op);
    for (const e of v.errors ?? []) {
      if (e.instancePath === '' && e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'requestBody' && hasBody)
        continue;
      const param = /^\/query\/([^/]+)$/.exec(e.instancePath)?.[1];
      if (e.keyword === 'format' && param && NAME_OR_UUID_PARAMS[name]?.includes(param)) continue;
      add('request', e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request', e.message ?? e.keyword, pick(parsed, e.instancePath));
    }

    // Response: a declared status, its content type and body.
    const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
    const declared = responses[String(x.status)];
    if (!declared) {
      if (x.status < 400) add('response', `status ${x.status}`, `not a status the operation declares (${Object.keys(responses).join(', ')})`);
      else if (x.responseBody !== undefined && method !== 'head' && !this.errorBody(x.responseBody))
        add('response', `status ${x.status}`, 'not a DRF error body', x.responseBody);
      return out;
    }
    if (method === 'head') return out;
    const types = Object.keys(declared.content ?? {});
    if (types.length === 0 && x.status >= 400) {
      // An error status listed without a body schema: DRF's error bodies (deviation drf-error-bodies).
      if (x.responseBody !== undefined && !this.errorBody(x.responseBody)) add('response', `status ${x.status}`, 'not a DRF error body', x.responseBody);
      return out;
    }
    if (types.length === 0) {
      if (x.responseBody !== undefined && x.responseBody !== '') add('response', 'body', 'the operation declares no response body', x.responseBody);
      return out;
    }
    const rtype = type(x.responseType);
    if (!types.includes(rtype)) add('response', 'content-type', `not one of ${types.join(', ')}`, rtype);
    if (rtype === 'application/json') {
      const r = this.api.validateResponse(x.responseBody, op, x.status);
      for (const e of r.errors ?? [])
        add('response', `body${e.instancePath.replace(/\//g, '.')}`, e.message ?? e.keyword, pick({ body: x.responseBody }, `/body${e.instancePath}`));
    }
    return out;
  }
}

const type = (t: string | undefined) => (t ?? '').split(';')[0]!.trim().toLowerCase();

/** The value at a JSON pointer, shortened so a violation report stays readable. */
function pick(root: unknown, pointer: string): unknown {
  let v: unknown = root;
  for (const part of pointer.split('/').filter(Boolean)) v = v && typeof v === 'object' ? (v as Json)[part] : undefined;
  const s = JSON.stringify(v);
  return s && s.length > 200 ? `${s.slice(0, 200)}…` : v;
}

export const formatViolation = (v: Violation) =>
  `${v.side} ${v.operation} ${v.location}: ${v.message}${v.value !== undefined ? ` (${JSON.stringify(v.value)})` : ''}`;
