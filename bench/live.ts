import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { replaceSection } from './section.js';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { startSimulator } from 'waldur-simulator/server';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { cpuSeconds, startNode } from './proc.js';
import { percentile, round } from './stats.js';

/**
 * Live updates as operators meet them: Waldur polls per minute against the number of subscribers
 * of one cohort and against the number of cohorts, event latency from the change at Waldur to the
 * client, RSS per idle subscription and CPU per delivered event. One gateway process (dist/) in
 * front of the simulator, which runs here so the bench can change Waldur and count its polls.
 * Writes the section between the markers in docs/performance.md; `npm run bench` runs it.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(root, 'docs', 'performance.md');
const START = '<!-- live:start -->';
const END = '<!-- live:end -->';
const INTERVAL = Number(process.env.BENCH_LIVE_INTERVAL_MS ?? 1_000);
const CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 20);
const HEAP_FILE = join(tmpdir(), `bench-live-heap-${process.pid}`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** An open subscription that records when each account's change arrived. */
interface Stream {
  received: Map<string, number[]>;
  events: number;
  close(): void;
}

export async function runLive(): Promise<string> {
  const sim = await startSimulator({ size: 2_000 });
  const gwPort = await freePort();
  const gw = await startNode(
    `${root}dist/main.js`,
    {
      PORT: String(gwPort),
      WALDUR_API_URL: sim.apiRoot,
      LIVE_POLL_INTERVAL_MS: String(INTERVAL),
      LIVE_RECONCILE_MS: '3600000',
      LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '100000',
      LIVE_MAX_SUBSCRIPTIONS: '100000',
      SHUTDOWN_DELAY_MS: '0',
      METRICS_PORT: '0',
      GRAPHIQL: 'false',
      NODE_ENV: 'production',
      BENCH_HEAP_FILE: HEAP_FILE,
    },
    `http://127.0.0.1:${gwPort}/health`,
    [
      '--expose-gc',
      '--import',
      `${root}bench/gc-on-signal.mjs`,
      ...(process.env.BENCH_LIVE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LIVE_CPU_PROF}`] : []),
    ],
  );
  /** RSS after a full collection: memory held, not garbage waiting (the heap in use is noted too). */
  const heaps: number[] = [];
  const heldRss = async () => {
    process.kill(gw.pid, 'SIGUSR2');
    await sleep(500);
    heaps.push(Number(readFileSync(HEAP_FILE, 'utf8')));
    return rssBytes(gw.pid);
  };
  const agent = new Agent({ connections: null, pipelining: 0 });
  const streams: Stream[] = [];
  const open = async (filter: Record<string, unknown> = {}): Promise<Stream> => {
    const ac = new AbortController();
    const res = await fetch(`http://127.0.0.1:${gwPort}/graphql`, {
      method: 'POST',
      signal: ac.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Token ${DEMO_TOKENS.staff}` },
      body: JSON.stringify({
        query: 'subscription($f: OfferingUserFilter) { offeringUserChanged(filter: $f) { kind uuid changedFields } }',
        variables: { f: filter },
      }),
      // @ts-expect-error undici's fetch takes a dispatcher
      dispatcher: agent,
    });
    const s: Stream = { received: new Map(), events: 0, close: () => ac.abort() };
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          const at = performance.now();
          for (const m of decoder.decode(chunk, { stream: true }).matchAll(/"uuid":"([0-9a-f]{32})"/g)) {
            s.events++;
            s.received.set(m[1]!, [...(s.received.get(m[1]!) ?? []), at]);
          }
        }
      } catch {
        // aborted
      }
    })();
    streams.push(s);
    return s;
  };
  // Every read of the list is a poll (a cohort whose filter matches nothing has no watermark yet).
  const polls = () => sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/marketplace-offering-users/?')).length;
  const pollsPerMinute = async () => {
    await sleep(INTERVAL * 2);
    sim.clearLog();
    const t0 = performance.now();
    await sleep(INTERVAL * 6);
    return round((polls() * 60_000) / (performance.now() - t0), 1);
  };
  try {
    const rows: string[] = [];
    const cohort: Stream[] = [];
    let rssWith1 = 0;
    for (const n of [1, 10, 100, 1_000]) {
      while (cohort.length < n) cohort.push(...(await Promise.all(Array.from({ length: Math.min(100, n - cohort.length) }, () => open()))));
      rows.push(`| ${n} subscribers, 1 cohort | ${await pollsPerMinute()} |`);
      if (n === 1) rssWith1 = await heldRss();
    }
    // Memory held per idle subscription: after a full collection, 1,000 open against 1 open.
    const rssWith1000 = await heldRss();
    const rssPerSub = (rssWith1000 - rssWith1) / 999;
    // Latency and CPU with the 1,000 subscribers: changes at Waldur at random moments.
    const changed = new Map<string, number>();
    const cpu0 = cpuSeconds(gw.pid);
    const delivered0 = cohort.reduce((n, s) => n + s.events, 0);
    const accounts = [...sim.store.offeringUsers.values()];
    for (let i = 0; i < CHANGES; i++) {
      const ou = accounts[(i * 37) % accounts.length]!;
      ou.is_restricted = !ou.is_restricted;
      ou.modified = new Date().toISOString().replace('Z', '000Z');
      changed.set(ou.uuid, performance.now());
      await sleep(INTERVAL * (0.3 + Math.random()));
    }
    await sleep(INTERVAL * 2);
    const delivered = cohort.reduce((n, s) => n + s.events, 0) - delivered0;
    const cpuPerEvent = ((cpuSeconds(gw.pid) - cpu0) * 1_000_000) / Math.max(1, delivered);
    const latencies: number[] = [];
    for (const s of cohort) for (const [uuid, t0] of changed) for (const at of s.received.get(uuid) ?? []) if (at >= t0) latencies.push(at - t0);
    const lost = changed.size * cohort.length - latencies.length;
    for (const s of cohort) s.close();
    await sleep(INTERVAL * 2);
    const rssIdleBase = await heldRss();
    // 100 cohorts: one subscriber each, each its own filter.
    const many = await Promise.all(Array.from({ length: 100 }, (_, i) => open({ query: `user-${i}` })));
    rows.push(`| 100 cohorts, 1 subscriber each | ${await pollsPerMinute()} |`);
    for (const s of many) s.close();
    await sleep(INTERVAL * 2);
    const p = (q: number) => round(percentile(latencies, q), 0);
    return [
      START,
      '### Live updates',
      '',
      `\`npm run bench\` (\`bench/live.ts\`, alone: \`npm run bench:live\`): one gateway process (dist/) in front of the simulator (2,000 offering users), \`LIVE_POLL_INTERVAL_MS=${INTERVAL}\`, staff credentials. ${cpus().length} cores, Node ${process.version}.`,
      '',
      '| subscribers | Waldur polls per minute |',
      '|---|---|',
      ...rows,
      '',
      `Goal: polls independent of subscribers within a cohort (one per interval: ${60_000 / INTERVAL} per minute at this interval); one cohort per filter.`,
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| event latency, change at Waldur to client, p50 / p99 (${changed.size} changes x ${cohort.length} subscribers, ${lost} not received) | ${p(50)} / ${p(99)} ms | p99 <= interval + 250 ms = ${INTERVAL + 250} ms |`,
      `| RSS per idle subscription (RSS after a full GC with 1,000 open against 1 open) | ${round(rssPerSub / 1024, 1)} KB | <= 50 KB |`,
      `| CPU per delivered event (${delivered} delivered) | ${round(cpuPerEvent, 0)} us | |`,
      `| gateway RSS (after a full GC) with 1 / 1,000 subscribers / after they closed | ${round(rssWith1 / 1_048_576, 0)} / ${round(rssWith1000 / 1_048_576, 0)} / ${round(rssIdleBase / 1_048_576, 0)} MiB | |`,
      `| JS heap in use (after a full GC) at the same three points | ${heaps.map((h) => round(h / 1_048_576, 0)).join(' / ')} MiB | |`,
      `| JS heap per idle subscription (same GC'd points) | ${round((heaps[1]! - heaps[0]!) / 999 / 1024, 1)} KB | |`,
      '',
      'RSS after a full collection moves in steps (V8 keeps pages it committed while the subscriptions were opening), so the JS heap per subscription is given beside it: together they bound what one idle subscription holds. The latency is measured with the 1,000 subscribers of one cohort read by this same process, on the same two cores as the gateway and the simulator.',
      END,
    ].join('\n');
  } finally {
    for (const s of streams) s.close();
    await gw.stop();
    await agent.close().catch(() => undefined);
    await sim.close();
  }
}

export async function writeLiveSection(out = OUT): Promise<string> {
  return replaceSection(out, START, END, await runLive());
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${await writeLiveSection()}\n`);
