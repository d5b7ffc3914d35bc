import { describe, expect, it } from 'vitest';
import { checkShape, isDescribedBy, type Shape } from './shape.js';

const A: Shape = { uuid: { type: 'string', required: true } };
const B: Shape = { uuid: { type: 'string', required: true } };

describe('a row carries the description that checked it', () => {
  it('is described by the shape that checked it, and by no other, however alike', () => {
    const row = checkShape({ uuid: 'x' }, A, 'op');
    expect(isDescribedBy(row, A)).toBe(true);
    expect(isDescribedBy(row, B)).toBe(false);
    expect(isDescribedBy({ uuid: 'x' }, A)).toBe(false);
    expect(isDescribedBy(null, A)).toBe(false);
  });

  it('a row that fails its check is not described by it', () => {
    const row = { id: 1 };
    expect(() => checkShape(row, A, 'op')).toThrow(/field "uuid" is missing/);
    expect(isDescribedBy(row, A)).toBe(false);
  });
});
