import { OpenAPIBackend } from 'openapi-backend';
import { readFileSync } from 'node:fs';
const definition = JSON.parse(readFileSync('/work/shared/waldur-api/openapi-8.0.5-subset.json', 'utf8'));
import addFormats from 'ajv-formats';
const fix = (n: any): any => { if (Array.isArray(n)) return n.map(fix); if (n && typeof n === 'object') { const o: any = {}; for (const [k, v] of Object.entries(n)) o[k] = fix(v); if (o.nullable === true && o.type === undefined) { const { nullable, ...rest } = o; return { anyOf: [rest, { type: 'null' }] }; } return o; } return n; };
const api = new OpenAPIBackend({ definition: fix(definition), strict: false, quick: false, ignoreTrailingSlashes: false, validate: true, customizeAjv: (ajv: any) => { (addFormats as any)(ajv); ajv.addFormat('decimal', /^-?\d*(\.\d+)?$/); return ajv; } });
await api.init();
const req = (method: string, path: string, body?: unknown, headers: Record<string,string> = {}) => {
  const u = new URL(path, 'http://x');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of u.searchParams) query[k] = k in query ? [...[query[k]].flat(), v] : v;
  return { method, path: u.pathname, query, body, headers: { 'content-type': 'application/json', ...headers } };
};
for (const [m, p, b] of [
  ['post', '/api/marketplace-offering-users/0123456789abcdef0123456789abcdef/begin_creating/', {}],
  ['post', '/api/marketplace-offering-users/01234567-89ab-cdef-0123-456789abcdef/begin_creating/', undefined],
  ['get', '/api/marketplace-offering-users/?o=-created,username&state=Requested&state=OK&offering_uuid=01234567-89ab-cdef-0123-456789abcdef,01234567-89ab-cdef-0123-456789abcdee&page=1&page_size=10'],
  ['get', '/api/marketplace-offering-users/?o=-bogus&state=Nope&page=x'],
  ['get', '/api/marketplace-service-providers/01234567-89ab-cdef-0123-456789abcdef/list_users/?o=-full_name,email'],
] as const) {
  const r = req(m, p, b);
  const op = api.matchOperation(r as any);
  if (!op) { console.log('NO MATCH', m, p); continue; }
  const v = api.validateRequest(r as any, op);
  console.log(op?.operationId, v.valid, JSON.stringify(v.errors)?.slice(0, 400));
}
