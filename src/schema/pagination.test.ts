import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toConnection, windowFromArgs } from './pagination.js';

describe('cursors and windows', () => {
  it('round-trips cursors and continues after them', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(windowFromArgs({ first: 10, after: encodeCursor(9) })).toEqual({ offset: 10, first: 10 });
  });

  it('rejects foreign cursors and oversize pages with BAD_USER_INPUT', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(/not a cursor/);
    expect(() => windowFromArgs({ first: 301 })).toThrow(/between 0 and 300/);
    expect(() => windowFromArgs({ first: -1 })).toThrow(/between 0 and 300/);
  });

  it('builds pageInfo from the total', () => {
    const c = toConnection({ items: ['a', 'b'], totalCount: 5 }, { offset: 2, first: 2 });
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(c.edges.map((e) => decodeCursor(e.cursor))).toEqual([2, 3]);
  });
});
