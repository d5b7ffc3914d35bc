/** Waldur pages with page/page_size (max 300) and reports the total in X-Result-Count. */
export const MAX_PAGE_SIZE = 300;

export interface PageWindow {
  page: number;
  pageSize: number;
  /** Index into the fetched page where the requested window starts. */
  skip: number;
}

/**
 * Chooses the page requests that cover the rows [offset, offset + limit).
 * One request when some page size >= limit puts the whole window on one page (always the case
 * when clients keep `first` constant across pages); otherwise two adjacent pages of size `limit`.
 */
export function planPages(offset: number, limit: number): PageWindow[] {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError('offset must be a non-negative integer');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new RangeError(`limit must be 1..${MAX_PAGE_SIZE}`);
  for (let size = limit; size <= MAX_PAGE_SIZE; size++) {
    const first = Math.floor(offset / size);
    const last = Math.floor((offset + limit - 1) / size);
    if (first === last) return [{ page: first + 1, pageSize: size, skip: offset - first * size }];
  }
  const page = Math.floor(offset / limit);
  return [
    { page: page + 1, pageSize: limit, skip: offset - page * limit },
    { page: page + 2, pageSize: limit, skip: 0 },
  ];
}

export function parseResultCount(header: string | undefined | null): number | undefined {
  if (header == null || header === '') return undefined;
  const n = Number(header);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export interface Page<T> {
  items: T[];
  /** Total rows matching the query, from X-Result-Count. */
  totalCount: number;
}
