import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { rowShape } from './row.js';
import { checkShape } from './shape.js';

const Row = z.object({
  uuid: z.string(),
  state: z.enum(['OK', 'Erred']),
  count: z.number(),
  comment: z.string().nullable(),
  tags: z.array(z.string()).optional(),
  extra: z.unknown().optional(),
});
const SHAPE = rowShape(Row, ['uuid']);

describe('one description per row: the zod object compiles into the row check', () => {
  it('passes a whole row, a sparse one, and fields the description leaves untyped', () => {
    expect(() => checkShape({ uuid: 'u', state: 'OK', count: 1, comment: null, tags: [], extra: { any: 1 } }, SHAPE, 'op')).not.toThrow();
    expect(() => checkShape({ uuid: 'u' }, SHAPE, 'op')).not.toThrow();
  });

  it('refuses what the description says a field cannot be, naming the field', () => {
    expect(() => checkShape({ state: 'OK' }, SHAPE, 'op')).toThrow('field "uuid" is missing');
    expect(() => checkShape({ uuid: 'u', state: 'Gone' }, SHAPE, 'op')).toThrow('field "state" is not one of the values Waldur documents');
    expect(() => checkShape({ uuid: 'u', count: '1' }, SHAPE, 'op')).toThrow('field "count" is string, not number');
    expect(() => checkShape({ uuid: 'u', comment: 5 }, SHAPE, 'op')).toThrow('field "comment" is number, not string');
    expect(() => checkShape({ uuid: 'u', tags: null }, SHAPE, 'op')).toThrow('field "tags" is null');
  });

  it('refuses to compile a description it cannot check', () => {
    expect(() => rowShape(z.object({ uuid: z.string(), when: z.date() }), ['uuid'])).toThrow(/ZodDate has no check/);
  });
});
