import { GraphQLError } from 'graphql';
import { DEFAULTS } from '../config/defaults.js';
import type { Page } from '../upstream/pagination.js';
import { MAX_PAGE_SIZE } from '../upstream/pagination.js';

export const DEFAULT_FIRST = DEFAULTS.first;

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Cursors are opaque to clients; inside they carry the row offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const m = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput(`"after" is not a cursor this API issued: ${JSON.stringify(cursor.slice(0, 40))}.`);
  return Number(m[1]);
}

export interface Window {
  offset: number;
  /** Rows the client asked for (may be 0: count only). */
  first: number;
}

/** The largest `offset` (and cursor position): nine digits, far past any list Waldur pages. */
export const MAX_OFFSET = 999_999_999;

/**
 * Validates `first`/`after`/`offset` before any upstream call. `offset` numbers pages the way
 * HomePort does ("page 7 of 12" is `offset: 60, first: 10`); it and a cursor are two ways to say
 * where to start, so both at once is an error rather than a guess.
 */
export function windowFromArgs(args: { first?: number | null; after?: string | null; offset?: number | null }): Window {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be between 0 and ${MAX_PAGE_SIZE} (Waldur's largest page); got ${first}. Page with "after" or "offset" for more.`);
  }
  if (args.offset != null) {
    if (args.after) throw badInput('"offset" and "after" both say where the page starts: give one of them.');
    if (!Number.isInteger(args.offset) || args.offset < 0 || args.offset > MAX_OFFSET)
      throw badInput(`"offset" must be between 0 and ${MAX_OFFSET}; got ${args.offset}.`);
    return { offset: args.offset, first };
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, first };
}

/** An edge's cursor is encoded only when a client selects it (most ask for `nodes`). */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

/** A page of rows as a Relay connection; `first: 0` asks Waldur for the total alone. */
export function toConnection<T>(page: Page<T>, window: Window) {
  const items = page.items.slice(0, window.first);
  const edges = items.map((node, i) => new Edge(node, window.offset + i));
  return {
    edges,
    pageInfo: {
      hasNextPage: window.offset + Math.max(items.length, window.first) < page.totalCount,
      hasPreviousPage: window.offset > 0,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount: page.totalCount,
  };
}
