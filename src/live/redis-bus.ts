import { Redis } from 'ioredis';
import type { LiveBus, Poke, RetentionOptions } from './bus.js';
import { compareIds, idMs, isEventId, type LiveEvent, type NewEvent } from './events.js';

const STREAM = (cohort: string) => `waldur-gw:live:{${cohort}}:events`;
const LEASE = (cohort: string) => `waldur-gw:live:{${cohort}}:lease`;
const WATERMARK = (cohort: string) => `waldur-gw:live:{${cohort}}:watermark`;
const POKES = 'waldur-gw:live:pokes';

// Renew only one's own lease, or take a free one: a stale holder never renews a lease another took.
const ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

type Entry = [id: string, fields: string[]];

const parse = ([id, fields]: Entry): LiveEvent => ({ ...(JSON.parse(fields[1] ?? '{}') as NewEvent), id });

/**
 * Cohorts shared by several replicas: events in a bounded Redis Stream per cohort (any replica
 * delivers and replays them), polling leases with SET NX PX, and pokes over pub/sub. Keys hold
 * HMACs of credentials, never credentials.
 */
export class RedisBus implements LiveBus {
  private readonly redis: Redis;
  /** XREAD BLOCK holds its connection: followers read on their own. */
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private readonly followers = new Map<string, { cursor: string; listeners: Set<(e: LiveEvent) => void> }>();
  private reading = false;
  private closed = false;

  constructor(
    url: string,
    private readonly retention: RetentionOptions,
  ) {
    const options = { maxRetriesPerRequest: 3, lazyConnect: false, enableOfflineQueue: true };
    this.redis = new Redis(url, options);
    this.reader = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const c of [this.redis, this.reader, this.subscriber]) c.on('error', () => undefined);
  }

  /** Resolves once Redis answers (start-up fails early on a wrong URL or password). */
  async ready(): Promise<void> {
    await this.redis.ping();
  }

  async append(cohort: string, event: NewEvent): Promise<string> {
    const key = STREAM(cohort);
    const id = (await this.redis.xadd(key, 'MAXLEN', this.retention.retentionEvents, '*', 'e', JSON.stringify(event)))!;
    await this.redis.pexpire(key, this.retention.retentionMs);
    return id;
  }

  async since(cohort: string, lastId: string): Promise<LiveEvent[] | 'gone'> {
    if (!isEventId(lastId) || idMs(lastId) < Date.now() - this.retention.retentionMs) return 'gone';
    const key = STREAM(cohort);
    const first = (await this.redis.xrange(key, '-', '+', 'COUNT', 1)) as Entry[];
    if (!first.length || compareIds(lastId, first[0]![0]) < 0) return 'gone';
    const after = ((await this.redis.xrange(key, `(${lastId}`, '+', 'COUNT', this.retention.retentionEvents)) as Entry[]).map(parse);
    return after.some((e) => e.kind === 'OPEN') ? 'gone' : after;
  }

  async head(cohort: string): Promise<string | undefined> {
    const last = (await this.redis.xrevrange(STREAM(cohort), '+', '-', 'COUNT', 1)) as Entry[];
    return last[0]?.[0];
  }

  follow(cohort: string, listener: (event: LiveEvent) => void): () => void {
    let f = this.followers.get(cohort);
    if (!f) {
      // From now on: the newest id at this moment is the cursor (set before any poll of ours).
      f = { cursor: `${Date.now()}-0`, listeners: new Set() };
      this.followers.set(cohort, f);
    }
    f.listeners.add(listener);
    this.read();
    return () => {
      f.listeners.delete(listener);
      if (!f.listeners.size && this.followers.get(cohort) === f) this.followers.delete(cohort);
    };
  }

  /** One reader for every followed cohort of this replica. */
  private read(): void {
    if (this.reading || this.closed) return;
    this.reading = true;
    void (async () => {
      while (!this.closed && this.followers.size) {
        const cohorts = [...this.followers.keys()];
        try {
          const answer = await this.reader.xread(
            'COUNT',
            1000,
            'BLOCK',
            200,
            'STREAMS',
            ...cohorts.map(STREAM),
            ...cohorts.map((c) => this.followers.get(c)!.cursor),
          );
          for (const [key, entries] of answer ?? []) {
            const cohort = cohorts.find((c) => STREAM(c) === key);
            const f = cohort ? this.followers.get(cohort) : undefined;
            if (!f) continue;
            for (const entry of entries) {
              f.cursor = entry[0];
              const event = parse(entry);
              for (const l of f.listeners) l(event);
            }
          }
        } catch {
          if (!this.closed) await new Promise((r) => setTimeout(r, 500));
        }
      }
      this.reading = false;
    })();
  }

  async acquire(cohort: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, LEASE(cohort), owner, ttlMs)) === 1;
  }

  async release(cohort: string, owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, LEASE(cohort), owner);
  }

  async watermark(cohort: string, value?: string, ttlMs = this.retention.retentionMs): Promise<string | undefined> {
    // It outlives its holder by a little: the next holder continues from it; after that, afresh.
    if (value !== undefined) await this.redis.set(WATERMARK(cohort), value, 'PX', ttlMs);
    return (await this.redis.get(WATERMARK(cohort))) ?? undefined;
  }

  async poke(poke: Poke): Promise<void> {
    await this.redis.publish(POKES, JSON.stringify(poke));
  }

  onPoke(listener: (poke: Poke) => void): void {
    void this.subscriber.subscribe(POKES);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== POKES) return;
      try {
        listener(JSON.parse(message) as Poke);
      } catch {
        // Not ours: ignored.
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await Promise.allSettled([this.redis.quit(), this.subscriber.quit()]);
  }
}
