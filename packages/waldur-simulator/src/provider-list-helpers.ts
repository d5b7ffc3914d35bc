import type { SimContext } from './context.js';
import { HttpAnswer, normUuid, paginate, parseBoolParam, sparse, type SimRequest } from './http.js';
import type { User } from './store.js';

/** Shared pieces of the simulator's service-provider lists. */
export type Row = Record<string, unknown>;

export const contains = (hay: unknown, needle: string | null) =>
  needle === null ||
  needle === '' ||
  String(hay ?? '')
    .toLowerCase()
    .includes(needle.toLowerCase());
export const exact = (value: unknown, wanted: string | null) => wanted === null || wanted === '' || String(value ?? '') === wanted;
export const uuidIs = (value: unknown, wanted: string | null) => wanted === null || wanted === '' || value === normUuid(wanted);

/** Applies the simple text, UUID and boolean filters a list supports, by parameter name. */
export function filterRows(url: URL, rows: Row[], rules: Record<string, (row: Row, v: string) => boolean>): Row[] {
  const active = Object.entries(rules).filter(([name]) => url.searchParams.get(name) !== null && url.searchParams.get(name) !== '');
  return rows.filter((row) => active.every(([name, test]) => test(row, url.searchParams.get(name)!)));
}

export const bool = (url: URL, name: string) => parseBoolParam(url, name);

export function answerList(req: SimRequest, rows: Row[], sparseFields: boolean): HttpAnswer {
  const page = paginate(req.url, rows);
  return new HttpAnswer(200, sparseFields ? page.body.map((r) => sparse(req.url, r)) : page.body, page.headers);
}

export function projectUsers(ctx: SimContext, projectUuids: Set<string>): User[] {
  const ids = new Set(ctx.store.projectRoles.filter((r) => projectUuids.has(r.project_uuid)).map((r) => r.user_uuid));
  return [...ids].map((id) => ctx.store.users.get(id)!).filter((u) => u && (u.is_active || ctx.caller.is_staff || ctx.caller.is_support));
}
