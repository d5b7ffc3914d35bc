/**
 * Values remembered for `ttlMs` by key, at most `max` of them (the oldest is forgotten first).
 * Keyed by digests of credentials, never credentials.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { until: number; value: V }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  set(key: string, value: V): void {
    // Re-inserted, so that Map order stays oldest-first.
    this.entries.delete(key);
    this.entries.set(key, { until: this.now() + this.ttlMs, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Sets the key, or renews it once half its time has passed (cheap enough for every REST call). */
  touch(key: string, value: V): void {
    const e = this.entries.get(key);
    if (e === undefined || e.until - this.now() < this.ttlMs / 2) this.set(key, value);
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (e.until > this.now()) return e.value;
    this.entries.delete(key);
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** Keys remembered for `ttlMs`, at most `max` of them. */
export class ExpiringSet {
  private readonly map: ExpiringMap<true>;

  constructor(ttlMs: number, max: number, now: () => number = Date.now) {
    this.map = new ExpiringMap(ttlMs, max, now);
  }

  add(key: string): void {
    this.map.set(key, true);
  }

  touch(key: string): void {
    this.map.touch(key, true);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}
