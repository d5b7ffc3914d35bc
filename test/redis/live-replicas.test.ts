import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'waldur-simulator/server';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { SseReader } from '../helpers/sse.js';

/**
 * Three gateway replicas, one redis-server, one simulator: live updates as operators run them.
 * The simulator is in this process, so the test changes Waldur directly and counts its polls.
 */
const INTERVAL = 500;
const SUB = 'subscription { offeringUserChanged { kind uuid changedFields offeringUser { uuid isRestricted } } }';

let redis: RedisServer;
let sim: Simulator;
let replicas: GatewayProcess[] = [];

const startReplica = (extra: Record<string, string> = {}) =>
  startGatewayProcess({
    WALDUR_API_URL: sim.apiRoot,
    REDIS_URL: redis.url,
    LIVE_SECRET: 'a-deployment-secret-of-enough-length',
    LIVE_POLL_INTERVAL_MS: String(INTERVAL),
    LIVE_RETENTION_MS: '120000',
    SHUTDOWN_DELAY_MS: '0',
    GRAPHIQL: 'false',
    ...extra,
  });

beforeAll(async () => {
  redis = await startRedis();
  sim = await startSimulator({ size: 60 });
  replicas = await Promise.all([startReplica(), startReplica(), startReplica()]);
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await sim?.close();
  await redis?.stop();
});

const subscribe = async (replica: GatewayProcess, token: string = DEMO_TOKENS.staff, headers: Record<string, string> = {}, query = SUB) => {
  const res = await fetch(`${replica.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Token ${token}`, ...headers },
    body: JSON.stringify({ query }),
  });
  expect(res.status).toBe(200);
  return new SseReader(res);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A change made at Waldur behind the gateways' backs. */
const touch = (uuid: string) => {
  const ou = sim.store.offeringUsers.get(uuid)!;
  ou.is_restricted = !ou.is_restricted;
  ou.modified = new Date().toISOString().replace('Z', '000Z');
};
const accounts = () => [...sim.store.offeringUsers.values()];
const polls = () => sim.requests.filter((r) => r.path.startsWith('/api/marketplace-offering-users/?') && r.path.includes('modified=')).length;
const holderOf = () =>
  replicas.findIndex((r) => (r.output().match(/live: polling cohort/g) ?? []).length > (r.output().match(/another replica polls cohort/g) ?? []).length);

describe('three replicas, one Redis', () => {
  /** Each subscriber and the replica it is connected to. */
  let subs: SseReader[] = [];
  let on: number[] = [];
  /** Subscribers whose replica was killed. */
  const dead = new Set<number>();

  it('N subscribers of one cohort spread over the replicas: one poll per interval, every change to every subscriber exactly once', async () => {
    subs = await Promise.all(replicas.flatMap((r) => [subscribe(r), subscribe(r)]));
    on = [0, 0, 1, 1, 2, 2];
    await sleep(INTERVAL * 3);
    sim.clearLog();
    await sleep(INTERVAL * 6);
    const counted = polls();
    // Six intervals: about six polls in all, not six per subscriber (36) or per replica (18).
    expect(counted).toBeGreaterThanOrEqual(4);
    expect(counted).toBeLessThanOrEqual(8);
    const target = accounts()[0];
    const t0 = Date.now();
    touch(target.uuid);
    const got = await Promise.all(subs.map((s) => s.nextResult(INTERVAL + 1_000)));
    expect(Date.now() - t0).toBeLessThanOrEqual(INTERVAL + 1_000);
    for (const g of got) expect(g.result.data.offeringUserChanged).toMatchObject({ kind: 'UPDATED', uuid: target.uuid, changedFields: ['isRestricted'] });
    // One event, one id, the same on every replica.
    expect(new Set(got.map((g) => g.id)).size).toBe(1);
    await expect(subs[0].nextResult(INTERVAL * 2)).rejects.toThrow(/no SSE event/);
  });

  it('a subscriber that reconnects to another replica with Last-Event-ID gets exactly the events it missed', async () => {
    const [a, b, c, d] = accounts().slice(1, 5);
    touch(a.uuid);
    const seen = await subs[0].nextResult(INTERVAL + 1_000);
    await subs[0].close();
    for (const ou of [b, c, d]) {
      touch(ou.uuid);
      await sleep(INTERVAL + 100);
    }
    const back = await subscribe(replicas[2], DEMO_TOKENS.staff, { 'last-event-id': seen.id! });
    const missed = [await back.nextResult(), await back.nextResult(), await back.nextResult()];
    expect(missed.map((m) => m.result.data.offeringUserChanged.uuid)).toEqual([b.uuid, c.uuid, d.uuid]);
    await expect(back.nextResult(INTERVAL)).rejects.toThrow(/no SSE event/);
    subs[0] = back;
    on[0] = 2;
    // Everyone else saw the four, in order.
    for (const s of subs.slice(1)) {
      const four = [await s.nextResult(), await s.nextResult(), await s.nextResult(), await s.nextResult()];
      expect(four.map((m) => m.result.data.offeringUserChanged.uuid)).toEqual([a.uuid, b.uuid, c.uuid, d.uuid]);
    }
  });

  it('an id past retention gets RESYNC', async () => {
    const old = await subscribe(replicas[1], DEMO_TOKENS.staff, { 'last-event-id': `${Date.now() - 3_600_000}-0` });
    expect((await old.nextResult()).result.data.offeringUserChanged).toEqual({ kind: 'RESYNC', uuid: null, changedFields: [], offeringUser: null });
    await old.close();
  });

  it('SIGKILL of the lease holder: polling resumes on another replica within two intervals, and no event is lost', async () => {
    const holder = holderOf();
    if (holder < 0)
      console.log(
        replicas
          .map((r) =>
            r
              .output()
              .split('\n')
              .filter((l) => l.includes('live:'))
              .join('\n'),
          )
          .join('\n---\n'),
      );
    expect(holder).toBeGreaterThanOrEqual(0);
    const survivors = subs.filter((_, i) => on[i] !== holder);
    subs.forEach((_, i) => on[i] === holder && dead.add(i));
    expect(survivors.length).toBeGreaterThan(0);
    replicas[holder].proc.kill('SIGKILL');
    const killedAt = Date.now();
    const target = accounts()[6];
    touch(target.uuid);
    const got = await Promise.all(survivors.map((s) => s.nextResult(INTERVAL * 2 + 1_500)));
    expect(Date.now() - killedAt).toBeLessThanOrEqual(INTERVAL * 2 + 1_500);
    for (const g of got) expect(g.result.data.offeringUserChanged).toMatchObject({ uuid: target.uuid });
    replicas[holder] = await startReplica();
  });

  it('SIGTERM: the replica ends its streams with a retry hint, and their clients resume on another replica with Last-Event-ID', async () => {
    const leaving = await startReplica();
    const sse = await subscribe(leaving);
    await sleep(INTERVAL * 2);
    const [a, b] = accounts().slice(7, 9);
    touch(a.uuid);
    const seen = await sse.nextResult(INTERVAL * 3);
    expect(seen.result.data.offeringUserChanged.uuid).toBe(a.uuid);
    leaving.proc.kill('SIGTERM');
    expect(await sse.next(5_000)).toMatchObject({ retry: 1000 });
    expect(await sse.next(5_000)).toBeUndefined();
    touch(b.uuid);
    await sleep(INTERVAL * 2);
    const back = await subscribe(replicas[0], DEMO_TOKENS.staff, { 'last-event-id': seen.id! });
    expect((await back.nextResult()).result.data.offeringUserChanged.uuid).toBe(b.uuid);
    await back.close();
    await leaving.stop();
    // The others saw both.
    for (const s of subs.filter((_, i) => !dead.has(i))) {
      const two = [await s.nextResult(), await s.nextResult()];
      expect(two.map((m) => m.result.data.offeringUserChanged.uuid)).toEqual([a.uuid, b.uuid]);
    }
  });

  it("no demo caller's subscription (staff, support, owner, manager, user, another user) carries an account their own list does not show", async () => {
    for (const who of Object.keys(DEMO_TOKENS) as Array<keyof typeof DEMO_TOKENS>) {
      const token = DEMO_TOKENS[who];
      if (!token) continue;
      const visible = await fetch(`${replicas[0].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
        body: JSON.stringify({ query: '{ offeringUsers(first: 300) { nodes { uuid } } }' }),
      }).then(async (r) => new Set((await r.json()).data.offeringUsers.nodes.map((n: { uuid: string }) => n.uuid)));
      const sse = await subscribe(replicas[1], token);
      await sleep(INTERVAL * 2);
      for (const ou of accounts().slice(10, 40)) touch(ou.uuid);
      const carried = new Set<string>();
      try {
        for (;;) carried.add((await sse.nextResult(INTERVAL * 3)).result.data.offeringUserChanged.uuid);
      } catch {
        // quiet: every change it was going to get has come
      }
      await sse.close();
      const touchedVisible = accounts()
        .slice(10, 40)
        .filter((o) => visible.has(o.uuid)).length;
      expect([...carried].filter((u) => !visible.has(u))).toEqual([]);
      expect(carried.size).toBe(touchedVisible);
    }
  });

  it('a token revoked at Waldur ends its streams with UNAUTHENTICATED', async () => {
    const sse = await subscribe(replicas[0], DEMO_TOKENS.support);
    await sleep(INTERVAL * 2);
    sim.store.tokens.delete(DEMO_TOKENS.support);
    // Changes of the test before may still be on their way to this cohort: the error comes after them.
    let last = (await sse.nextResult(INTERVAL * 3)).result as { data: unknown; errors?: unknown };
    while (!last.errors) last = (await sse.nextResult(INTERVAL * 3)).result as { data: unknown; errors?: unknown };
    expect(last).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await sse.next()).toEqual({ event: 'complete', data: '' });
  });

  it('200 open subscriptions on one replica: RSS measured', async () => {
    const replica = await startReplica({ LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '1000' });
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${replica.proc.pid}/status`, 'utf8'))![1]) * 1024;
    await subscribe(replica).then((s) => s.close());
    await sleep(500);
    const before = rss();
    const many = await Promise.all(Array.from({ length: 200 }, () => subscribe(replica, DEMO_TOKENS.staff)));
    await sleep(INTERVAL * 2);
    const perSubscription = (rss() - before) / 200;
    console.log(`RSS per open subscription: ${Math.round(perSubscription / 1024)} KB (${Math.round(before / 1048576)} MB before 200 were opened)`);
    expect(perSubscription).toBeLessThan(200 * 1024);
    await Promise.all(many.map((s) => s.close()));
    await replica.stop();
  });
});
