import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';
import type { UpstreamClient } from '../upstream/client.js';
import { UpstreamError } from '../upstream/errors.js';
import { getOfferingUser, OFFERING_USER_LIST } from '../upstream/resources/offering-users.js';
import { listEvery } from '../upstream/list-spec.js';
import type { LiveBus } from './bus.js';
import { changedFields, type LiveEvent, type NewEvent } from './events.js';

type Row = Record<string, unknown> & { uuid: string; modified: string; created?: string };

export interface CohortSpec {
  /** HMAC of the credentials and what is watched: the cohort's name in the bus. */
  key: string;
  authorization: string;
  /** The list filter, keyed by GraphQL filter name (as the offeringUsers query takes it). */
  filter: Record<string, unknown>;
  /** Watch one account instead of a list. */
  uuid?: string;
  /** Waldur fields to read (`field=`), with uuid, modified and created; all when absent. */
  fields?: readonly string[];
}

export interface CohortOptions {
  client: UpstreamClient;
  bus: LiveBus;
  /** This replica's name in leases. */
  owner: string;
  pollIntervalMs: number;
  reconcileMs: number;
  onPoll?: (outcome: 'changes' | 'quiet' | 'failed' | 'ended', ms: number) => void;
  /** Each poll is a span (`live.poll`), its REST calls its children. */
  tracer?: Tracer;
  /** Told when this replica starts or stops polling a cohort (operators see who polls what). */
  onLease?: (cohort: string, held: boolean) => void;
}

/**
 * One cohort on one replica: the subscribers here with the same credentials and filter. Whichever
 * replica holds the cohort's lease polls Waldur for it; every replica follows its stream, keeps the
 * rows it has seen (so it can take over with a diff), and hands each event to its subscribers.
 */
export class Cohort {
  readonly listeners = new Set<(event: LiveEvent) => void>();
  /** The rows as last read or as the stream last told. */
  private readonly rows = new Map<string, Row>();
  private holder = false;
  /** The holder's own reading started (baseline done): polls diff against `rows`. */
  private primed = false;
  private watermark: string | undefined;
  private lastReconcile = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private skip = 0;
  private ended = false;
  private readonly pendingDeletes = new Set<string>();
  private readonly stopped = new AbortController();
  private readonly unfollow: () => void;

  constructor(
    readonly spec: CohortSpec,
    private readonly o: CohortOptions,
  ) {
    this.unfollow = o.bus.follow(spec.key, (e) => this.onEvent(e));
    // Non-holders try for the lease twice per interval, so a dead holder's cohort moves within two.
    this.timer = setInterval(() => this.tick(), Math.max(50, Math.floor(o.pollIntervalMs / 2)));
    this.timer.unref();
    this.tick();
  }

  /** A mutation went through the gateway: poll now (if holding), and check these deletions. */
  poke(deleted: readonly string[]): void {
    for (const uuid of deleted) if (this.rows.has(uuid) || this.spec.uuid === uuid) this.pendingDeletes.add(uuid);
    if (!this.holder) return;
    this.poked = true;
    this.run();
  }

  private onEvent(e: LiveEvent): void {
    if (e.kind === 'CREATED' || e.kind === 'UPDATED') this.rows.set(e.uuid!, e.row as Row);
    else if (e.kind === 'DELETED') this.rows.delete(e.uuid!);
    for (const l of this.listeners) l(e);
  }

  private lastPoll = 0;

  /** A mutation asked for a poll now. */
  private poked = false;

  private get ttl(): number {
    return Math.round(this.o.pollIntervalMs * 1.2);
  }

  /** Twice per interval: take or renew the lease, and poll when one is due. */
  private tick(): void {
    if (this.ended) return;
    // A poll still running (Waldur slow) must not let the lease lapse under it.
    if (this.running && this.holder) void this.o.bus.acquire(this.spec.key, this.o.owner, this.ttl).catch(() => undefined);
    else this.run();
  }

  /** One turn: take or renew the lease; the holder polls. Turns never overlap. */
  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.turn()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.ended) {
          this.again = false;
          this.run();
        }
      });
  }

  private async turn(): Promise<void> {
    const held = await this.o.bus.acquire(this.spec.key, this.o.owner, this.ttl);
    if (!held) {
      if (this.holder) this.o.onLease?.(this.spec.key, false);
      this.holder = false;
      this.primed = false;
      return;
    }
    const tookOver = !this.holder;
    if (tookOver) this.o.onLease?.(this.spec.key, true);
    this.holder = true;
    const due = Date.now() - this.lastPoll >= this.o.pollIntervalMs * 0.9;
    const poked = this.poked;
    this.poked = false;
    // Renewed the lease; no poll until one is due, unless a mutation asked or the cohort is new here.
    if (!tookOver && !poked && !due) return;
    if (this.skip > 0 && !poked && !tookOver) {
      // Backing off after failures: this interval is skipped.
      this.skip--;
      this.lastPoll = Date.now();
      return;
    }
    const started = performance.now();
    this.lastPoll = Date.now();
    const span = this.o.tracer?.startSpan('live.poll', {
      kind: SpanKind.INTERNAL,
      attributes: { 'live.cohort': this.spec.key.slice(0, 12), 'live.took_over': tookOver, 'live.watches_one': Boolean(this.spec.uuid) },
    });
    try {
      const events = await this.poll(tookOver, span ? trace.setSpan(ROOT_CONTEXT, span) : undefined);
      for (const e of events) await this.o.bus.append(this.spec.key, e);
      this.failures = 0;
      span?.setAttribute('live.events', events.filter((e) => e.kind !== 'OPEN').length);
      this.o.onPoll?.(events.length ? 'changes' : 'quiet', performance.now() - started);
    } catch (err) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof UpstreamError ? err.code : 'error' });
      if (err instanceof UpstreamError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN')) {
        // The credentials were revoked or lost their rights: every stream of the cohort ends.
        await this.o.bus.append(this.spec.key, { kind: 'ERROR', error: { code: err.code, message: err.message } });
        this.o.onPoll?.('ended', performance.now() - started);
        return;
      }
      // Waldur failing (or the breaker open): back off, 1, 2, 4, 8 intervals, and keep the streams.
      this.failures++;
      this.skip = Math.min(8, 2 ** (this.failures - 1)) - 1;
      this.o.onPoll?.('failed', performance.now() - started);
    } finally {
      span?.end();
    }
  }

  private session(traceContext?: Context) {
    const s = this.o.client.session({ authorization: this.spec.authorization, signal: this.stopped.signal });
    s.traceContext = traceContext;
    return s;
  }

  /** Reads what changed since the watermark and turns it into events (the holder only). */
  private async poll(tookOver: boolean, traceContext?: Context): Promise<NewEvent[]> {
    const s = this.session(traceContext);
    try {
      if (this.spec.uuid) return await this.pollOne(s, this.spec.uuid);
      const events: NewEvent[] = [];
      if (!this.primed) {
        // A holder starting out reads the whole list once. After another holder (its watermark
        // is in the bus) it reports what changed since then against the rows the stream told it;
        // after nobody, it opens the stream afresh: a client resuming from before gets RESYNC.
        const previous = tookOver ? await this.o.bus.watermark(this.spec.key) : undefined;
        const all = await listEvery<Row>(s, OFFERING_USER_LIST, { values: this.spec.filter, ordering: ['modified'], fields: this.spec.fields });
        const seen = new Set(all.map((r) => r.uuid));
        if (previous) {
          for (const row of all) {
            if (row.modified < previous) continue;
            const before = this.rows.get(row.uuid);
            if (before) events.push(...this.compare(row));
            // Changed since the last holder's poll, and never told to this replica: all its fields.
            else if (row.created && row.created >= previous) events.push({ kind: 'CREATED', uuid: row.uuid, row });
            else
              events.push({
                kind: 'UPDATED',
                uuid: row.uuid,
                row,
                changedFields: Object.keys(row)
                  .filter((k) => k !== 'modified')
                  .sort(),
              });
          }
          for (const uuid of this.rows.keys()) if (!seen.has(uuid)) events.push({ kind: 'DELETED', uuid });
        } else events.push({ kind: 'OPEN' });
        this.rows.clear();
        for (const row of all) this.rows.set(row.uuid, row);
        this.watermark = maxModified(all, previous);
        this.primed = true;
        this.lastReconcile = Date.now();
      } else {
        // `modified` is "on or after" (older Waldur: by day): rows come back until they change
        // again; the (uuid, modified) pair already seen is skipped.
        const rows = await listEvery<Row>(s, OFFERING_USER_LIST, {
          values: { ...this.spec.filter, ...(this.watermark ? { modified: this.watermark } : {}) },
          ordering: ['modified'],
          fields: this.spec.fields,
        });
        for (const row of rows) events.push(...this.compare(row));
        this.watermark = maxModified(rows, this.watermark);
        if (Date.now() - this.lastReconcile >= this.o.reconcileMs) events.push(...(await this.reconcile(s)));
      }
      for (const uuid of this.pendingDeletes) {
        this.pendingDeletes.delete(uuid);
        if (!this.rows.has(uuid)) continue;
        const gone = await getOfferingUser(s, uuid, ['uuid']).then(
          () => false,
          (err: unknown) => err instanceof UpstreamError && err.code === 'NOT_FOUND',
        );
        if (gone) {
          this.rows.delete(uuid);
          events.push({ kind: 'DELETED', uuid });
        }
      }
      if (this.watermark) await this.o.bus.watermark(this.spec.key, this.watermark, this.o.pollIntervalMs * 3);
      return events;
    } finally {
      s.finish();
    }
  }

  private async pollOne(s: ReturnType<Cohort['session']>, uuid: string): Promise<NewEvent[]> {
    this.pendingDeletes.clear();
    let row: Row;
    try {
      row = await getOfferingUser(s, uuid, this.spec.fields ? [...this.spec.fields] : undefined);
    } catch (err) {
      if (err instanceof UpstreamError && err.code === 'NOT_FOUND') {
        const had = this.rows.delete(uuid);
        this.primed = true;
        return had ? [{ kind: 'DELETED', uuid }] : [];
      }
      throw err;
    }
    if (!this.primed) {
      this.primed = true;
      const known = this.rows.has(uuid);
      if (!known) {
        this.rows.set(uuid, row);
        return [{ kind: 'OPEN' }];
      }
    }
    return this.compare(row);
  }

  /** CREATED for a row not seen before, UPDATED when a field changed, nothing otherwise. */
  private compare(row: Row): NewEvent[] {
    const before = this.rows.get(row.uuid);
    this.rows.set(row.uuid, row);
    if (!before) return [{ kind: 'CREATED', uuid: row.uuid, row }];
    if (before.modified === row.modified) return [];
    const changed = changedFields(before, row);
    return changed.length ? [{ kind: 'UPDATED', uuid: row.uuid, row, changedFields: changed }] : [];
  }

  /** Deletions do not show in a `modified` poll: compare the cohort's uuid set now and then. */
  private async reconcile(s: ReturnType<Cohort['session']>): Promise<NewEvent[]> {
    this.lastReconcile = Date.now();
    const uuids = await listEvery<{ uuid: string }>(s, OFFERING_USER_LIST, { values: this.spec.filter, fields: ['uuid'] });
    const now = new Set(uuids.map((r) => r.uuid));
    const out: NewEvent[] = [];
    for (const uuid of [...this.rows.keys()]) {
      if (now.has(uuid)) continue;
      this.rows.delete(uuid);
      out.push({ kind: 'DELETED', uuid });
    }
    return out;
  }

  /** The last subscriber here left: stop polling and give the lease back. */
  async close(): Promise<void> {
    this.ended = true;
    clearInterval(this.timer);
    this.stopped.abort();
    this.unfollow();
    await this.running;
    if (this.holder) await this.o.bus.release(this.spec.key, this.o.owner).catch(() => undefined);
  }
}

function maxModified(rows: readonly Row[], floor: string | undefined): string | undefined {
  let max = floor;
  for (const r of rows) if (typeof r.modified === 'string' && (max === undefined || r.modified > max)) max = r.modified;
  return max;
}
