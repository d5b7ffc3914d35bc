import { describe, expect, it } from 'vitest';
import { offeringUserListQuery } from './resources/offering-users.js';
import { wireUuid } from './uuid.js';

describe('offering-user filter encoding', () => {
  it('repeats choice filters, joins In filters and ordering with commas, repeats field', () => {
    const q = offeringUserListQuery({
      state: ['Requested', 'OK'],
      offeringUuid: ['a'.repeat(32), 'b'.repeat(32)],
      offeringSlug: ['x', 'y'],
      ordering: ['-created', 'username'],
      fields: ['uuid', 'state'],
      isRestricted: false,
      createdAfter: '2026-01-01T00:00:00.000Z',
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
    expect(offeringUserListQuery({ state: [], offeringUuid: [] }).toString()).toBe('');
  });
});
