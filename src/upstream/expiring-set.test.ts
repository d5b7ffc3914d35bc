import { describe, expect, it } from 'vitest';
import { ExpiringSet } from './expiring-set.js';

describe('ExpiringSet', () => {
  it('forgets keys after their time, renews on touch past half of it, and keeps at most `max` keys', () => {
    let now = 0;
    const s = new ExpiringSet(100, 2, () => now);
    s.add('a');
    now = 40;
    s.touch('a'); // more than half left: not renewed
    now = 99;
    expect(s.has('a')).toBe(true);
    now = 100;
    expect(s.has('a')).toBe(false);
    s.add('a');
    now = 160;
    s.touch('a'); // less than half left: renewed to 260
    now = 250;
    expect(s.has('a')).toBe(true);
    s.add('b');
    s.add('c');
    expect([s.has('a'), s.has('b'), s.has('c')]).toEqual([false, true, true]);
  });
});
