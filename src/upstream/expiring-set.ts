/**
 * Keys remembered for `ttlMs`, at most `max` of them (the oldest is forgotten first). Holds
 * digests of credentials, never credentials.
 */
export class ExpiringSet {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(key: string): void {
    // Re-inserted, so that Map order stays oldest-first.
    this.until.delete(key);
    this.until.set(key, this.now() + this.ttlMs);
    if (this.until.size > this.max) this.until.delete(this.until.keys().next().value!);
  }

  /** Adds the key, or renews it once half its time has passed (cheap enough for every REST call). */
  touch(key: string): void {
    const t = this.until.get(key);
    if (t === undefined || t - this.now() < this.ttlMs / 2) this.add(key);
  }

  has(key: string): boolean {
    const t = this.until.get(key);
    if (t === undefined) return false;
    if (t > this.now()) return true;
    this.until.delete(key);
    return false;
  }

  delete(key: string): void {
    this.until.delete(key);
  }
}
