import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../src/live/redis-bus.js';
import { startGatewayProcess } from '../helpers/gateway-process.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

describe('the Redis bus', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis({ password: 's3cret/with:odd@chars' });
  });
  afterAll(() => redis?.stop());

  it('takes the password in the URL; keeps a bounded stream, replays after an id, and leases to one owner at a time', async () => {
    const bus = new RedisBus(redis.url, { retentionMs: 60_000, retentionEvents: 10 });
    await bus.ready();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await bus.append('c1', { kind: 'UPDATED', uuid: `u${i}` }));
    // Ten kept (LIVE_RETENTION_EVENTS): an id before them is gone, the last ones replay.
    expect(await bus.since('c1', ids[0])).toBe('gone');
    const tail = await bus.since('c1', ids[27]);
    expect(tail).not.toBe('gone');
    expect((tail as Array<{ uuid?: string }>).map((e) => e.uuid)).toEqual(['u28', 'u29']);
    expect(await bus.acquire('c1', 'replica-a', 1_000)).toBe(true);
    expect(await bus.acquire('c1', 'replica-b', 1_000)).toBe(false);
    expect(await bus.acquire('c1', 'replica-a', 1_000)).toBe(true);
    await bus.release('c1', 'replica-b');
    expect(await bus.acquire('c1', 'replica-b', 1_000)).toBe(false);
    await bus.release('c1', 'replica-a');
    expect(await bus.acquire('c1', 'replica-b', 1_000)).toBe(true);
    await bus.close();
  });

  it('a gateway with a wrong Redis password refuses to start, saying what to check', async () => {
    const wrong = redis.url.replace(/:[^:@/]+@/, ':nope@');
    await expect(
      startGatewayProcess({ REDIS_URL: wrong, LIVE_SECRET: 'a-deployment-secret-of-enough-length', WALDUR_API_URL: 'http://127.0.0.1:9/api/' }),
    ).rejects.toThrow(/exited with 2: [\s\S]*Redis at REDIS_URL does not answer[\s\S]*check the URL, password and TLS/);
  });
});
