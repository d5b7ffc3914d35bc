import { describe, expect, it } from 'vitest';
import { parseResultCount, planPages } from './pagination.js';

describe('planPages', () => {
  it('maps aligned windows onto one page of size `limit`', () => {
    expect(planPages(0, 20)).toEqual([{ page: 1, pageSize: 20, skip: 0 }]);
    expect(planPages(40, 20)).toEqual([{ page: 3, pageSize: 20, skip: 0 }]);
  });

  it('finds a single larger page for unaligned windows', () => {
    const [w] = planPages(5, 10);
    expect(planPages(5, 10)).toHaveLength(1);
    const start = (w!.page - 1) * w!.pageSize + w!.skip;
    expect(start).toBe(5);
    expect(w!.skip + 10).toBeLessThanOrEqual(w!.pageSize);
  });

  it('falls back to two adjacent pages when no single page fits', () => {
    const plan = planPages(299, 300);
    expect(plan).toEqual([
      { page: 1, pageSize: 300, skip: 299 },
      { page: 2, pageSize: 300, skip: 0 },
    ]);
  });

  it('every plan covers exactly the requested rows', () => {
    for (const [offset, limit] of [
      [0, 1],
      [7, 3],
      [123, 45],
      [1000, 300],
      [301, 299],
      [59, 60],
    ] as const) {
      const rows: number[] = [];
      for (const w of planPages(offset, limit)) {
        for (let i = w.skip; i < w.pageSize; i++) rows.push((w.page - 1) * w.pageSize + i);
      }
      expect(rows.slice(0, limit)).toEqual(Array.from({ length: limit }, (_, i) => offset + i));
    }
  });

  it('rejects sizes Waldur cannot serve', () => {
    expect(() => planPages(0, 301)).toThrow(RangeError);
    expect(() => planPages(-1, 10)).toThrow(RangeError);
    expect(() => planPages(0, 0)).toThrow(RangeError);
  });
});

describe('X-Result-Count', () => {
  it('reads counts and ignores garbage', () => {
    expect(parseResultCount('42')).toBe(42);
    expect(parseResultCount('x')).toBeUndefined();
    expect(parseResultCount(undefined)).toBeUndefined();
  });
});
