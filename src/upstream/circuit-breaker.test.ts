import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one trial through after the reset time, and closes on success', () => {
    let t = 0;
    const b = new CircuitBreaker(3, 1000, () => t);
    for (let i = 0; i < 3; i++) {
      expect(b.allow()).toBe(true);
      b.failure();
    }
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    t = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('a failed trial reopens for another full period', () => {
    let t = 0;
    const b = new CircuitBreaker(1, 500, () => t);
    b.failure();
    t = 500;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    t = 999;
    expect(b.allow()).toBe(false);
    t = 1000;
    expect(b.allow()).toBe(true);
  });
});
