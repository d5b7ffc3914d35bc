import { EventEmitter } from 'node:events';
import { compareIds, idMs, isEventId, type LiveEvent, type NewEvent } from './events.js';

/** A mutation went through this gateway: holders of cohorts poll now instead of at their next tick. */
export interface Poke {
  uuids: string[];
  /** Accounts deleted through the gateway: each cohort that saw one reports it at once. */
  deleted: string[];
}

/**
 * Where cohorts' events, leases and watermarks live: in this process (one replica, the default)
 * or in Redis (several replicas share each cohort). Nothing here ever holds a credential.
 */
export interface LiveBus {
  /** Adds an event to a cohort's stream; resolves to its id. */
  append(cohort: string, event: NewEvent): Promise<string>;
  /** Events after `lastId`, or 'gone' when some of them may no longer be retained. */
  since(cohort: string, lastId: string): Promise<LiveEvent[] | 'gone'>;
  /** The newest retained event's id (a RESYNC carries it, so the client resumes from there). */
  head(cohort: string): Promise<string | undefined>;
  /** Calls `listener` with each event appended from now on, in order; returns the unfollow. */
  follow(cohort: string, listener: (event: LiveEvent) => void): () => void;
  /** Takes or renews the cohort's polling lease for `owner`; false while another owner holds it. */
  acquire(cohort: string, owner: string, ttlMs: number): Promise<boolean>;
  release(cohort: string, owner: string): Promise<void>;
  /** The newest `modified` a holder has seen, kept `ttlMs` for the next holder. */
  watermark(cohort: string, value?: string, ttlMs?: number): Promise<string | undefined>;
  poke(poke: Poke): Promise<void>;
  onPoke(listener: (poke: Poke) => void): void;
  close(): Promise<void>;
}

export interface RetentionOptions {
  retentionMs: number;
  retentionEvents: number;
}

/** Everything in this process: one replica, no Redis. */
export class MemoryBus implements LiveBus {
  private readonly streams = new Map<string, LiveEvent[]>();
  private readonly listeners = new Map<string, Set<(e: LiveEvent) => void>>();
  private readonly watermarks = new Map<string, string>();
  private readonly pokes = new EventEmitter();
  private lastMs = 0;
  private seq = 0;

  constructor(private readonly retention: RetentionOptions) {}

  private nextId(): string {
    const now = Date.now();
    if (now > this.lastMs) [this.lastMs, this.seq] = [now, 0];
    else this.seq++;
    return `${this.lastMs}-${this.seq}`;
  }

  append(cohort: string, event: NewEvent): Promise<string> {
    const stored = { ...event, id: this.nextId() };
    const stream = this.streams.get(cohort) ?? [];
    stream.push(stored);
    if (stream.length > this.retention.retentionEvents) stream.splice(0, stream.length - this.retention.retentionEvents);
    this.streams.set(cohort, stream);
    for (const l of this.listeners.get(cohort) ?? []) l(stored);
    return Promise.resolve(stored.id);
  }

  since(cohort: string, lastId: string): Promise<LiveEvent[] | 'gone'> {
    return Promise.resolve(eventsSince(this.streams.get(cohort) ?? [], lastId, this.retention.retentionMs));
  }

  head(cohort: string): Promise<string | undefined> {
    return Promise.resolve(this.streams.get(cohort)?.at(-1)?.id);
  }

  follow(cohort: string, listener: (event: LiveEvent) => void): () => void {
    const set = this.listeners.get(cohort) ?? new Set();
    set.add(listener);
    this.listeners.set(cohort, set);
    return () => {
      set.delete(listener);
      if (!set.size) {
        this.listeners.delete(cohort);
        // Nobody left to resume it in this process: the stream goes with its last follower.
        this.streams.delete(cohort);
        this.watermarks.delete(cohort);
      }
    };
  }

  acquire(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  watermark(cohort: string, value?: string): Promise<string | undefined> {
    if (value !== undefined) this.watermarks.set(cohort, value);
    return Promise.resolve(this.watermarks.get(cohort));
  }

  poke(poke: Poke): Promise<void> {
    this.pokes.emit('poke', poke);
    return Promise.resolve();
  }

  onPoke(listener: (poke: Poke) => void): void {
    this.pokes.on('poke', listener);
  }

  close(): Promise<void> {
    this.pokes.removeAllListeners();
    return Promise.resolve();
  }
}

/**
 * The events after `lastId` of a retained stream (oldest first), or 'gone' when the id is older
 * than the retention or than the oldest event kept: events between may have been dropped, and a
 * client must refetch rather than trust a silent gap. An OPEN after `lastId` is such a gap too.
 */
export function eventsSince(stream: readonly LiveEvent[], lastId: string, retentionMs: number, now = Date.now()): LiveEvent[] | 'gone' {
  if (!isEventId(lastId) || !stream.length || idMs(lastId) < now - retentionMs) return 'gone';
  if (compareIds(lastId, stream[0]!.id) < 0) return 'gone';
  const after = stream.filter((e) => compareIds(e.id, lastId) > 0);
  // OPEN: polling started afresh (nobody polled for a while), so changes before it were not seen.
  return after.some((e) => e.kind === 'OPEN') ? 'gone' : after;
}
