import type { Tracer } from '@opentelemetry/api';
import { createHmac, randomBytes } from 'node:crypto';
import type { UpstreamClient } from '../upstream/client.js';
import type { LiveBus, Poke } from './bus.js';
import { Cohort } from './cohort.js';
import { compareIds, LiveError, type LiveEvent } from './events.js';

export interface LiveOptions {
  client: UpstreamClient;
  bus: LiveBus;
  pollIntervalMs: number;
  reconcileMs: number;
  maxPerCaller: number;
  maxSubscriptions: number;
  /** Events a subscriber may have waiting before it is disconnected as too slow. */
  subscriberBuffer: number;
  /** Keys cohorts (HMAC of the credentials); random per process when no replica shares cohorts. */
  secret?: string;
  metrics?: LiveMetrics;
  tracer?: Tracer;
  /** Lease changes, for the log: `cohort` is the first characters of the cohort's HMAC, never a credential. */
  onLease?: (cohort: string, held: boolean) => void;
}

/** What the feed reports; the server binds it to Prometheus. */
export interface LiveMetrics {
  subscriptions(delta: number): void;
  cohorts(delta: number): void;
  poll(outcome: 'changes' | 'quiet' | 'failed' | 'ended', ms: number): void;
  delivered(kind: string): void;
  replayed(n: number): void;
  resync(): void;
  refused(reason: string): void;
}

export interface SubscribeRequest {
  authorization: string | undefined;
  filter?: Record<string, unknown> | null;
  uuid?: string | null;
  /** Waldur fields to read (`field=`); part of the cohort, as the selection is in Hasura's. */
  fields?: readonly string[];
  /** The last event the client saw (SSE `Last-Event-ID`): what it missed comes first. */
  lastEventId?: string | null;
  /** Ends the subscription (the client went away, the server drains). */
  signal?: AbortSignal;
}

/** Sorted keys, so that the same filter written in another order is the same cohort. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] != null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Offering-user changes for subscribers, one poll per cohort (the same credentials, the same
 * filter) whatever the number of subscribers or replicas.
 */
export class LiveFeed {
  private readonly cohorts = new Map<string, Cohort>();
  private readonly perCaller = new Map<string, number>();
  private open = 0;
  private readonly secret: string;
  private readonly owner = randomBytes(8).toString('hex');
  private draining = false;

  constructor(private readonly o: LiveOptions) {
    this.secret = o.secret ?? randomBytes(32).toString('hex');
    o.bus.onPoke((p) => this.onPoke(p));
  }

  get subscriptions(): number {
    return this.open;
  }

  get cohortCount(): number {
    return this.cohorts.size;
  }

  private hmac(...parts: string[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\n')).digest('hex').slice(0, 40);
  }

  /** A mutation through this gateway changed these accounts: every replica's holders poll now. */
  publish(poke: Poke): void {
    if (poke.uuids.length || poke.deleted.length) void this.o.bus.poke(poke).catch(() => undefined);
  }

  private onPoke(p: Poke): void {
    for (const c of this.cohorts.values()) c.poke(p.deleted);
  }

  private refuse(reason: string, code: string, message: string): never {
    this.o.metrics?.refused(reason);
    throw new LiveError(code, message);
  }

  /**
   * The events of the caller's cohort from now on (after the missed ones when `lastEventId` is
   * given, or one RESYNC when those are no longer retained). Throws LiveError for refusals.
   */
  async *subscribe(req: SubscribeRequest): AsyncGenerator<LiveEvent> {
    const authorization = req.authorization?.trim();
    if (!authorization) this.refuse('anonymous', 'UNAUTHENTICATED', 'Subscriptions need credentials: send an Authorization header (Token <key>).');
    if (this.draining) this.refuse('draining', 'UNAVAILABLE', 'This replica is shutting down: reconnect (with Last-Event-ID) to another.');
    const caller = this.hmac('caller', authorization);
    if (this.open >= this.o.maxSubscriptions)
      this.refuse('process_limit', 'SUBSCRIPTION_LIMIT', `This gateway has ${this.o.maxSubscriptions} open subscriptions, its limit (LIVE_MAX_SUBSCRIPTIONS).`);
    if ((this.perCaller.get(caller) ?? 0) >= this.o.maxPerCaller)
      this.refuse(
        'caller_limit',
        'SUBSCRIPTION_LIMIT',
        `These credentials have ${this.o.maxPerCaller} open subscriptions, the limit per caller (LIVE_MAX_SUBSCRIPTIONS_PER_CALLER).`,
      );
    const filter = req.filter ?? {};
    const fields = req.fields ? [...new Set([...req.fields, 'uuid', 'modified', 'created'])].sort() : undefined;
    const key = this.hmac('cohort', authorization, canonical(filter), req.uuid ?? '', fields?.join(',') ?? '*');

    const queue: LiveEvent[] = [];
    let wake: (() => void) | undefined;
    let overflow = false;
    let last: string | undefined = undefined;
    const push = (e: LiveEvent) => {
      if (e.kind === 'OPEN' || (last !== undefined && compareIds(e.id, last) <= 0)) return;
      if (queue.length >= this.o.subscriberBuffer) overflow = true;
      else queue.push(e);
      wake?.();
    };
    const signal = req.signal;
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort);

    this.open++;
    this.perCaller.set(caller, (this.perCaller.get(caller) ?? 0) + 1);
    this.o.metrics?.subscriptions(1);
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      cohort = new Cohort(
        { key, authorization, filter, ...(req.uuid ? { uuid: req.uuid } : {}), ...(fields ? { fields } : {}) },
        {
          client: this.o.client,
          bus: this.o.bus,
          owner: this.owner,
          pollIntervalMs: this.o.pollIntervalMs,
          reconcileMs: this.o.reconcileMs,
          onPoll: this.o.metrics?.poll,
          onLease: this.o.onLease,
          tracer: this.o.tracer,
        },
      );
      this.cohorts.set(key, cohort);
      this.o.metrics?.cohorts(1);
    }
    cohort.listeners.add(push);
    try {
      if (req.lastEventId) {
        const missed = await this.o.bus.since(key, req.lastEventId);
        if (missed === 'gone') {
          this.o.metrics?.resync();
          const head = await this.o.bus.head(key);
          yield { id: head ?? req.lastEventId, kind: 'RESYNC' };
          last = head;
        } else {
          const real = missed.filter((e) => e.kind !== 'OPEN');
          this.o.metrics?.replayed(real.length);
          for (const e of real) {
            last = e.id;
            yield e;
          }
        }
        // Live events that arrived while replaying, and were replayed already, are skipped by id.
        for (let i = queue.length - 1; i >= 0; i--) if (last !== undefined && compareIds(queue[i]!.id, last) <= 0) queue.splice(i, 1);
      }
      for (;;) {
        if (signal?.aborted) return;
        if (overflow) {
          throw new LiveError(
            'SLOW_SUBSCRIBER',
            `More than ${this.o.subscriberBuffer} events were waiting for this subscriber: it is disconnected; reconnect with Last-Event-ID.`,
          );
        }
        const next = queue.shift();
        if (!next) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (next.kind === 'ERROR') throw new LiveError(next.error?.code ?? 'UNAVAILABLE', next.error?.message ?? 'The live feed ended.');
        last = next.id;
        this.o.metrics?.delivered(next.kind);
        yield next;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      cohort.listeners.delete(push);
      this.open--;
      const n = (this.perCaller.get(caller) ?? 1) - 1;
      if (n) this.perCaller.set(caller, n);
      else this.perCaller.delete(caller);
      this.o.metrics?.subscriptions(-1);
      if (!cohort.listeners.size && this.cohorts.get(key) === cohort) {
        this.cohorts.delete(key);
        this.o.metrics?.cohorts(-1);
        void cohort.close();
      }
    }
  }

  /** SIGTERM: refuse new subscriptions; open streams are ended by the server with a retry hint. */
  drain(): void {
    this.draining = true;
  }

  async close(): Promise<void> {
    this.draining = true;
    await Promise.all([...this.cohorts.values()].map((c) => c.close()));
    this.cohorts.clear();
    await this.o.bus.close();
  }
}
