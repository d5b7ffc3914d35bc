import type { IncomingMessage, ServerResponse } from 'node:http';

/** An answer the simulator sends; thrown by handlers to stop early, like DRF exceptions. */
export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const drf = {
  badRequest: (body: unknown) => new HttpAnswer(400, body),
  unauthenticated: (detail = 'Authentication credentials were not provided.') => new HttpAnswer(401, { detail }, { 'www-authenticate': 'Token' }),
  forbidden: (detail = 'You do not have permission to perform this action.') => new HttpAnswer(403, { detail }),
  notFound: (model = 'object') => new HttpAnswer(404, { detail: `No ${model} matches the given query.` }),
  methodNotAllowed: (method: string) => new HttpAnswer(405, { detail: `Method "${method}" not allowed.` }),
};

export interface SimRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Handler<Ctx> = (req: SimRequest, ctx: Ctx) => HttpAnswer | Promise<HttpAnswer>;

interface Route<Ctx> {
  method: string;
  pattern: RegExp;
  handler: Handler<Ctx>;
}

/** Minimal router: `{name}` segments match one URL path segment. */
export class Router<Ctx> {
  private readonly routes: Route<Ctx>[] = [];

  on(method: string, path: string, handler: Handler<Ctx>): this {
    const pattern = new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
    this.routes.push({ method, pattern, handler });
    return this;
  }

  match(method: string, pathname: string): { handler: Handler<Ctx>; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.method === method || (method === 'HEAD' && r.method === 'GET')) {
        return { handler: r.handler, params: { ...(m.groups ?? {}) } };
      }
    }
    return pathMatched ? 'method' : undefined;
  }
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return undefined;
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(raw, type);
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpAnswer(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' });
  }
}

/** Uploaded file as DRF would see it after parsing multipart/form-data. */
export interface UploadedFile {
  filename: string;
  size: number;
  content_type: string;
}

async function readMultipart(raw: Buffer, type: string): Promise<Record<string, string | UploadedFile>> {
  try {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const out: Record<string, string | UploadedFile> = {};
    for (const [k, v] of form) out[k] = typeof v === 'string' ? v : { filename: v.name, size: v.size, content_type: v.type };
    return out;
  } catch {
    throw new HttpAnswer(400, { detail: 'Multipart form parse error.' });
  }
}

/** Writes the answer; returns the body's size in bytes. */
export function send(res: ServerResponse, answer: HttpAnswer, head: boolean): number {
  const headers: Record<string, string> = { ...answer.headers };
  let payload = '';
  if (typeof answer.body === 'string' && headers['content-type']) {
    payload = answer.body;
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] = 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(head ? undefined : payload);
  return head ? 0 : Buffer.byteLength(payload);
}

/** DRF LinkHeaderPagination: bare array body, X-Result-Count and Link headers, 404 past the end. */
export function paginate<T>(url: URL, rows: T[]): HttpAnswer & { body: T[] } {
  const rawSize = Number(url.searchParams.get('page_size'));
  const pageSize = Number.isInteger(rawSize) && rawSize > 0 ? Math.min(rawSize, 300) : 10;
  const rawPage = url.searchParams.get('page');
  const page = rawPage === null ? 1 : Number(rawPage);
  const lastPage = Math.max(1, Math.ceil(rows.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > lastPage) {
    throw new HttpAnswer(404, { detail: 'Invalid page.' });
  }
  const withPage = (p: number | null) => {
    const u = new URL(url);
    if (p === null) u.searchParams.delete('page');
    else u.searchParams.set('page', String(p));
    return u.toString();
  };
  const links = [`<${withPage(null)}>; rel="first"`];
  if (page > 1) links.push(`<${withPage(page === 2 ? null : page - 1)}>; rel="prev"`);
  if (page < lastPage) links.push(`<${withPage(page + 1)}>; rel="next"`);
  links.push(`<${withPage(lastPage === 1 ? null : lastPage)}>; rel="last"`);
  const body = rows.slice((page - 1) * pageSize, page * pageSize);
  return new HttpAnswer(200, body, { 'x-result-count': String(rows.length), link: links.join(', ') }) as HttpAnswer & { body: T[] };
}

/** `field=` sparse fieldsets: repeated values, unknown names dropped, none valid means all. */
export function sparse<T extends object>(url: URL, obj: T): Partial<T> {
  const wanted = url.searchParams.getAll('field').filter((f) => f in obj);
  if (wanted.length === 0) return obj;
  const keep = new Set(wanted);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => keep.has(k))) as Partial<T>;
}

/** Django-filter ordering with `o=a,-b`; unknown keys give DRF's 400. */
export function order<T>(url: URL, rows: T[], keys: Record<string, (row: T) => string | number | null>, fallback: (a: T, b: T) => number): T[] {
  const raw = url.searchParams.get('o');
  if (!raw) return [...rows].sort(fallback);
  const terms = raw.split(',').filter(Boolean);
  for (const t of terms) {
    if (!(t.replace(/^-/, '') in keys)) {
      throw drf.badRequest({ o: [`Select a valid choice. ${t} is not one of the available choices.`] });
    }
  }
  return [...rows].sort((a, b) => {
    for (const t of terms) {
      const desc = t.startsWith('-');
      const get = keys[t.replace(/^-/, '')]!;
      const c = compare(get(a), get(b));
      if (c !== 0) return desc ? -c : c;
    }
    return fallback(a, b);
  });
}

export function compare(a: string | number | null, b: string | number | null): number {
  // PostgreSQL sorts NULLs last in ascending order.
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const HEX = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts dashed or hex input like Django; returns Waldur's hex form or undefined. */
export function normUuid(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (HEX.test(v)) return v.toLowerCase();
  if (DASHED.test(v)) return v.replace(/-/g, '').toLowerCase();
  return undefined;
}

export function parseBoolParam(url: URL, name: string): boolean | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  if (['true', 'True', '1'].includes(v)) return true;
  if (['false', 'False', '0'].includes(v)) return false;
  throw drf.badRequest({ [name]: ['Select a valid choice.'] });
}

export function parseDateParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw drf.badRequest({ [name]: ['Enter a valid date/time.'] });
  return t;
}

export const isUrl = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/** A single UUID query parameter; an invalid one is DRF's 400 for that parameter. */
export function uuidParam(url: URL, name: string): string | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const u = normUuid(raw);
  if (!u) throw drf.badRequest({ [name]: [`“${raw}” is not a valid UUID.`] });
  return u;
}
