import type { UpstreamSession } from './session.js';
import { UpstreamError } from './errors.js';
import { checkRows, type Shape } from './shape.js';

/** The shape every row of a list must have, and the operation named when one does not. */
export interface RowCheck {
  shape: Shape;
  operation: string;
}
import { MAX_PAGE_SIZE, planPages, parseResultCount, type Page, type PageWindow } from './pagination.js';
import type { Query } from './query.js';
import type { UpstreamRequest } from './types.js';

/** The read of one planned page of a list. */
export const pageRequest = (path: string, query: Query, w: PageWindow): UpstreamRequest => ({
  method: 'GET',
  path,
  query: query.clone().set('page', w.page).set('page_size', w.pageSize),
});

/** Reads rows [offset, offset + limit) of a paginated Waldur list, in as few requests as possible. */
export async function listWindow<T>(session: UpstreamSession, path: string, query: Query, offset: number, limit: number, rows?: RowCheck): Promise<Page<T>> {
  if (limit === 0) {
    // Only the total is wanted: HEAD answers with the same headers and no rows (behaviour 1.2).
    // HEAD declares no `field` parameter (it answers no rows anyway).
    const res = await session.request({ method: 'HEAD', path, query: query.clone().delete('field').set('page_size', 1) });
    return { items: [], totalCount: parseResultCount(res.headers['x-result-count']) ?? 0 };
  }
  const plan = planPages(offset, limit);
  const responses = await Promise.all(
    plan.map((w) =>
      session.request<T[]>(pageRequest(path, query, w)).catch((err: unknown) => {
        // Past the last page Waldur answers 404 "Invalid page."; for a window that is just empty.
        if (err && typeof err === 'object' && 'code' in err && err.code === 'NOT_FOUND' && w.page > 1) return null;
        throw err;
      }),
    ),
  );
  if (responses.every((r) => r === null)) {
    // A window wholly past the end (a numbered page beyond the last): no rows, and the total from
    // a HEAD, so the client still learns how many pages there are.
    return listWindow<T>(session, path, query, 0, 0);
  }
  const items: T[] = [];
  let totalCount = 0;
  responses.forEach((res, i) => {
    if (!res) return;
    // A list answers with a bare array (behaviour 1.2); anything else is not a page of rows.
    if (!Array.isArray(res.data))
      throw new UpstreamError(
        'UPSTREAM_BAD_RESPONSE',
        `Waldur answered ${path} with ${res.data === null ? 'null' : typeof res.data} where a list of rows was expected.`,
        { method: 'GET', path },
      );
    const rows = res.data;
    // No spread: a hostile page could hold more rows than a call's argument list may.
    for (let r = plan[i]!.skip; r < rows.length && items.length <= limit; r++) items.push(rows[r]!);
    totalCount = parseResultCount(res.headers['x-result-count']) ?? Math.max(totalCount, rows.length);
  });
  const window = items.slice(0, limit);
  if (rows) checkRows(window, rows.shape, rows.operation);
  return { items: window, totalCount };
}

/**
 * Reads every row of a list: the first page tells the total, the rest are fetched concurrently.
 * The total is Waldur's claim, not a plan: the pages it implies must fit the operation's request
 * budget before one more is asked for.
 */
export async function listAll<T>(session: UpstreamSession, path: string, query: Query, rows?: RowCheck): Promise<T[]> {
  const first = await listWindow<T>(session, path, query, 0, MAX_PAGE_SIZE, rows);
  if (first.totalCount <= MAX_PAGE_SIZE || first.items.length < MAX_PAGE_SIZE) return first.items;
  const pages = Math.ceil(first.totalCount / MAX_PAGE_SIZE) - 1;
  const left = session.requestsLeft();
  if (pages > left) {
    throw new UpstreamError(
      'REQUEST_LIMIT',
      `Waldur reports ${first.totalCount} rows at ${path}; reading them all needs ${pages} more requests, more than the ${left} this operation has left.`,
      { method: 'GET', path },
    );
  }
  const rest = await Promise.all(Array.from({ length: pages }, (_, i) => listWindow<T>(session, path, query, (i + 1) * MAX_PAGE_SIZE, MAX_PAGE_SIZE, rows)));
  const out = first.items;
  for (const page of rest) for (const row of page.items) out.push(row);
  return out;
}
