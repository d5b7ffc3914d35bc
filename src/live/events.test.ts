import { describe, expect, it } from 'vitest';
import { eventsSince } from './bus.js';
import { changedFields, compareIds, type LiveEvent } from './events.js';

describe('changedFields', () => {
  it('names the fields whose value changed, never modified alone, and not fields read only once', () => {
    expect(changedFields({ uuid: 'a', state: 'OK', modified: '1' }, { uuid: 'a', state: 'OK', modified: '2' })).toEqual([]);
    expect(changedFields({ state: 'OK', is_restricted: false, tags: [1] }, { state: 'Creating', is_restricted: false, tags: [1, 2] })).toEqual([
      'state',
      'tags',
    ]);
    expect(changedFields({ state: 'OK' }, { state: 'OK', username: 'new' })).toEqual([]);
  });
});

describe('event ids and retention', () => {
  const now = 1_800_000_000_000;
  const ev = (id: string, kind: LiveEvent['kind'] = 'UPDATED'): LiveEvent => ({ id, kind });
  const stream = [ev(`${now - 5000}-0`, 'OPEN'), ev(`${now - 4000}-0`), ev(`${now - 4000}-1`), ev(`${now - 1000}-0`)];

  it('orders ids by time, then sequence', () => {
    expect(compareIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareIds('11-0', '10-10')).toBeGreaterThan(0);
  });

  it('replays exactly the events after an id', () => {
    expect(eventsSince(stream, `${now - 4000}-0`, 60_000, now)).toEqual([stream[2], stream[3]]);
    expect(eventsSince(stream, `${now - 1000}-0`, 60_000, now)).toEqual([]);
  });

  it("is 'gone' for an id past retention, before the oldest kept, malformed, before an OPEN, or for a stream not kept", () => {
    expect(eventsSince(stream, `${now - 4000}-0`, 2_000, now)).toBe('gone');
    // Trimmed to its last two: from the oldest kept on, nothing is missing; from before it, maybe.
    expect(eventsSince(stream.slice(2), `${now - 4000}-1`, 2_000_000, now)).toEqual([stream[3]]);
    expect(eventsSince(stream.slice(2), `${now - 4000}-0`, 2_000_000, now)).toBe('gone');
    expect(eventsSince(stream, 'nope', 60_000, now)).toBe('gone');
    expect(eventsSince(stream, `${now - 6000}-0`, 60_000, now)).toBe('gone');
    expect(eventsSince([], `${now - 1000}-0`, 60_000, now)).toBe('gone');
  });
});
