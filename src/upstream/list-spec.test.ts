import { describe, expect, it } from 'vitest';
import { listQuery, type ListSpec } from './list-spec.js';
import { OFFERING_USER_LIST } from './resources/offering-users.js';
import { wireUuid } from './uuid.js';

describe('list query encoding', () => {
  it('repeats choice filters, joins In filters and ordering with commas, repeats field', () => {
    const q = listQuery(OFFERING_USER_LIST, {
      values: {
        state: ['Requested', 'OK'],
        offering_uuid: ['a'.repeat(32), 'b'.repeat(32)],
        offering_slug: ['x', 'y'],
        is_restricted: false,
        created: new Date('2026-01-01T00:00:00.000Z'),
      },
      ordering: ['-created', 'username', '-created'],
      fields: ['uuid', 'state'],
    });
    const p = new URLSearchParams(q.toString());
    expect(p.getAll('state')).toEqual(['Requested', 'OK']);
    // UUIDs go out in the dashed form the schema declares.
    expect(p.getAll('offering_uuid')).toEqual([`${wireUuid('a'.repeat(32))},${wireUuid('b'.repeat(32))}`]);
    expect(wireUuid('a'.repeat(32))).toBe('aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa');
    expect(p.get('offering_slug')).toBe('x,y');
    expect(p.getAll('o')).toEqual(['-created,username']);
    expect(p.getAll('field')).toEqual(['uuid', 'state']);
    expect(p.get('is_restricted')).toBe('false');
    expect(p.get('created')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('sends nothing for absent or empty filters', () => {
    expect(listQuery(OFFERING_USER_LIST, { values: { state: [], offering_uuid: [], query: null } }).toString()).toBe('');
  });

  it('refuses a value outside a closed set before any call, by its parameter name', () => {
    expect(() => listQuery(OFFERING_USER_LIST, { values: { state: ['Gone'] } })).toThrow('`state` takes only Requested, Creating');
  });

  it('sends `o` repeated and unsigned where the list declares it so, and no `field` where none is taken', () => {
    const spec: ListSpec = { path: 'x/', filters: [], ordering: ['name', 'email'], orderingWire: 'ascendingRepeat' };
    expect(listQuery(spec, { ordering: ['name', 'email'], fields: ['uuid'] }).toString()).toBe('o=name&o=email');
  });
});
