import { hash } from 'node:crypto';
import { ExpiringMap, ExpiringSet } from './expiring-set.js';
import { Limiter } from './limiter.js';
import { ANONYMOUS, type CallerStanding } from './types.js';

/** How long a refused credential stays in the anonymous share, an accepted one is trusted to fan out, and how many of each are remembered. */
const REFUSED_TTL_MS = 60_000;
const ACCEPTED_TTL_MS = 10 * 60_000;
/** A credential's user (from `users/me/`): a token belongs to one user, so this only bounds memory and staleness. */
const IDENTITY_TTL_MS = 60_000;
const CALLERS_REMEMBERED = 10_000;
/** A 429 without Retry-After backs its caller off this long; a longer Retry-After is capped. */
const DEFAULT_BACKOFF_S = 1;
const MAX_BACKOFF_S = 60;

/**
 * Callers across operations, by a digest of their credential: each one's share of the pool, whether
 * Waldur accepted, refused or throttled it recently, and whose credential it is.
 */
export class Callers implements CallerStanding {
  private readonly shares = new Map<string, Limiter>();
  /** Caller keys Waldur answered 401 recently. */
  private readonly refused = new ExpiringSet(REFUSED_TTL_MS, CALLERS_REMEMBERED);
  /** Caller keys Waldur accepted recently (any answer but 401). */
  private readonly accepted = new ExpiringSet(ACCEPTED_TTL_MS, CALLERS_REMEMBERED);
  /**
   * Whose credential each caller key is (Waldur's user UUID), as HomePort keeps the signed-in user
   * from its start: a screen filtered by "me" need not ask `users/me/` again on every operation.
   */
  private readonly identities = new ExpiringMap<string>(IDENTITY_TTL_MS, CALLERS_REMEMBERED);
  /** Caller keys Waldur throttled (429), with when they may call again. */
  private readonly backoff = new Map<string, number>();

  constructor(
    private readonly perCaller: number,
    private readonly anonymous: number,
  ) {}

  /**
   * One caller's key for the pool share: a digest (no credential is kept as a map key) of the
   * scheme and credential as Waldur reads them (DRF splits on whitespace and compares the scheme
   * case-insensitively), so `Token X`, `token  X` and `TOKEN X` are one caller. No credential, or one
   * Waldur refused recently, is the anonymous share.
   */
  key(authorization: string | undefined): string {
    const parts = authorization?.trim().split(/\s+/) ?? [];
    if (parts.length < 2) return ANONYMOUS;
    // One-shot hash(): a Hash object per request cost about 1% of a GraphQL request's CPU.
    const key = hash('sha256', `${parts[0]!.toLowerCase()} ${parts.slice(1).join(' ')}`, 'base64url');
    return this.refused.has(key) ? ANONYMOUS : key;
  }

  /** Runs `task` within the caller's share of the pool; a caller's limiter lives while it is busy. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let limiter = this.shares.get(key);
    if (!limiter) {
      limiter = new Limiter(key === ANONYMOUS ? this.anonymous : this.perCaller);
      this.shares.set(key, limiter);
    }
    try {
      return await limiter.run(task);
    } finally {
      if (limiter.idle) this.shares.delete(key);
    }
  }

  /** Waldur answered 401 to this caller: its later operations share the anonymous share for a while. */
  markRefused(key: string): void {
    if (key === ANONYMOUS) return;
    this.accepted.delete(key);
    this.identities.delete(key);
    this.refused.add(key);
  }

  /** Waldur authenticated this caller (it answered anything but 401). */
  markAccepted(key: string): void {
    if (key !== ANONYMOUS) this.accepted.touch(key);
  }

  /**
   * Has Waldur accepted this credential recently? Until it has, an operation sends one call and
   * waits for its answer before the others: a garbage token costs Waldur one request, not a wave.
   */
  isAccepted(key: string): boolean {
    // The anonymous share (no credential, or a refused one) is never trusted to fan out.
    return key !== ANONYMOUS && this.accepted.has(key);
  }

  /** The Waldur user behind a caller key, when `users/me/` answered for it recently. */
  identityOf(key: string): string | undefined {
    return key === ANONYMOUS ? undefined : this.identities.get(key);
  }

  rememberIdentity(key: string, userUuid: string): void {
    if (key !== ANONYMOUS) this.identities.set(key, userUuid);
  }

  /** Waldur throttled this caller: none of its calls go out until the wait is over. */
  backOff(key: string, retryAfterSeconds: number | undefined): void {
    const s = Math.min(MAX_BACKOFF_S, Math.max(DEFAULT_BACKOFF_S, retryAfterSeconds ?? DEFAULT_BACKOFF_S));
    const until = Math.max(this.backoff.get(key) ?? 0, Date.now() + s * 1000);
    // Re-inserted so Map order stays oldest-first; bounded like the other caller sets, so many
    // throttled callers cannot grow it without end (an entry is otherwise dropped when next read).
    this.backoff.delete(key);
    this.backoff.set(key, until);
    if (this.backoff.size > CALLERS_REMEMBERED) this.backoff.delete(this.backoff.keys().next().value!);
  }

  /** Seconds this caller must still wait after a 429, or 0. */
  backingOff(key: string): number {
    const until = this.backoff.get(key);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.backoff.delete(key);
    return 0;
  }
}
