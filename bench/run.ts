import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { cpuSeconds, currentRssMiB, peakRssMiB, startNode, type Child } from './proc.js';
import { summarize } from './cpu-profile.js';
import { gqlRun, s2Query, scenarios, type Env, type Run, type Scenario } from './scenarios.js';
import { median, percentile, round } from './stats.js';
import { writeReport, type Ceiling, type Growth, type Report, type Result } from './report.js';
import { writeLiveSection } from './live.js';
import { writeTrustedDocumentsSection } from './trusted-documents.js';
import { writeCallCostSection } from './call-cost.js';

/** The served build (`npm run bench` builds it first), with the default configuration. */
const GATEWAY_ENV = { SHUTDOWN_DELAY_MS: '0', METRICS_PORT: '0', GRAPHIQL: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' };

const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: '2000' },
    latencies: { type: 'string', default: '0,20,100' },
    'ceiling-seconds': { type: 'string', default: '3' },
    growth: { type: 'string', default: 'true' },
    runs: { type: 'string', default: '3' },
    iterations: { type: 'string', default: '40' },
    'budget-ms': { type: 'string', default: '2500' },
    'load-seconds': { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    scenarios: { type: 'string', default: '1,2,3,4' },
    'soak-seconds': { type: 'string', default: '0' },
    out: { type: 'string', default: 'docs/performance.md' },
    'no-jit': { type: 'boolean', default: false },
    trusted: { type: 'string', default: 'true' },
    live: { type: 'string', default: 'true' },
    /** A second built tree for the call-cost section to compare with (e.g. a worktree of an older commit). */
    before: { type: 'string' },
  },
});

const root = fileURLToPath(new URL('..', import.meta.url));
const OPENAPI = fileURLToPath(new URL('../../shared/waldur-api/openapi-8.0.5-subset.json', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

type Mode = 'gateway' | 'restSequential' | 'restParallel' | 'mesh';

interface Sample {
  /** Warm-up calls made before the measured ones. */
  warm: number;
  ms: number[];
  upstream: number[];
  cpuMsPerOp?: number;
}

async function measure(fn: () => Promise<Run>, iterations: number, budgetMs: number, pid?: number): Promise<Sample> {
  // Warm: documents compiled (graphql-jit compiles what it saw three times), V8 optimised; at
  // least ten calls of a server whose CPU is measured (three of direct REST), or a second, whichever is more.
  const warmUntil = performance.now() + 1000;
  let warm = 0;
  for (; warm < 30 && (warm < (pid ? 10 : 3) || performance.now() < warmUntil); warm++) await fn();
  const ms: number[] = [];
  const upstream: number[] = [];
  const cpu0 = pid ? cpuSeconds(pid) : 0;
  const started = performance.now();
  while (ms.length < iterations && (ms.length < 5 || performance.now() - started < budgetMs)) {
    const t = performance.now();
    const r = await fn();
    ms.push(performance.now() - t);
    upstream.push(r.upstream);
  }
  return { warm, ms, upstream, ...(pid ? { cpuMsPerOp: ((cpuSeconds(pid) - cpu0) * 1000) / ms.length } : {}) };
}

async function load(fn: () => Promise<Run>, concurrency: number, seconds: number, pid?: number) {
  const ms: number[] = [];
  let errors = 0;
  const cpu0 = pid ? cpuSeconds(pid) : 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await fn();
          ms.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    throughput: ms.length / elapsed,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    errors,
    cpuMsPerOp: pid ? ((cpuSeconds(pid) - cpu0) * 1000) / Math.max(1, ms.length) : undefined,
    upstreamMaxInFlight: undefined as number | undefined,
  };
}

async function main() {
  const size = Number(opts.size);
  const latencies = opts.latencies.split(',').map(Number);
  const runs = Number(opts.runs);
  const wanted = new Set(opts.scenarios.split(',').map(Number));
  const children: Child[] = [];
  const stopAll = () => Promise.all(children.map((c) => c.stop()));
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const simPort = await freePort();
    const sim = await startNode(
      `${root}packages/waldur-simulator/src/main.ts`,
      { SIMULATOR_PORT: String(simPort), SIMULATOR_SIZE: String(size), SIMULATOR_CONTROL: 'true' },
      `http://127.0.0.1:${simPort}/api/`,
    );
    children.push(sim);
    const simUrl = `http://127.0.0.1:${simPort}`;
    const gwPort = await freePort();
    const metricsPort = await freePort();
    const gw = await startNode(
      `${root}dist/main.js`,
      {
        PORT: String(gwPort),
        WALDUR_API_URL: `${simUrl}/api/`,
        GRAPHQL_JIT: opts['no-jit'] ? 'false' : 'true',
        ...GATEWAY_ENV,
        METRICS_PORT: String(metricsPort),
      },
      `http://127.0.0.1:${gwPort}/health`,
    );
    children.push(gw);
    let mesh: Child | undefined;
    let meshSkipped: string | undefined;
    if (existsSync(OPENAPI)) {
      const meshPort = await freePort();
      mesh = await startNode(
        `${root}bench/mesh-peer.ts`,
        { PORT: String(meshPort), OPENAPI_PATH: OPENAPI, WALDUR_URL: simUrl },
        `http://127.0.0.1:${meshPort}/graphql?query=%7B__typename%7D`,
      );
      children.push(mesh);
      (mesh as Child & { url: string }).url = `http://127.0.0.1:${meshPort}`;
    } else {
      meshSkipped = `${OPENAPI} is absent: the GraphQL Mesh peer is skipped.`;
      process.stderr.write(`${meshSkipped}\n`);
    }

    const poolOpts = { connections: 64, keepAliveTimeout: 30_000 };
    const rest = new Pool(simUrl, poolOpts);
    const env: Env = {
      gateway: new Pool(`http://127.0.0.1:${gwPort}`, poolOpts),
      rest,
      mesh: mesh ? new Pool((mesh as Child & { url: string }).url, poolOpts) : undefined,
      staff: DEMO_TOKENS.staff,
      owner: DEMO_TOKENS.owner,
      providerUuid: '',
      checklistUsers: [],
    };
    const getJson = async (path: string, method: 'GET' | 'POST' = 'GET') => {
      const r = await rest.request({
        method,
        path,
        headers: { authorization: `Token ${DEMO_TOKENS.owner}`, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      const t = await r.body.text();
      return t ? JSON.parse(t) : undefined;
    };
    const providers = await getJson('/api/marketplace-service-providers/?customer_keyword=Nordic');
    env.providerUuid = providers[0].uuid;
    // Accounts on a checklist offering, moved into a pending state the benchmark can toggle.
    const candidates = await getJson(
      `/api/marketplace-offering-users/?offering_slug=puhti-hpc-cluster&state=Requested&page_size=${Number(opts.concurrency) + 4}`,
    );
    if (candidates.length < Number(opts.concurrency)) throw new Error('not enough Requested accounts on Puhti for the checklist scenario: raise --size');
    for (const cu of candidates) {
      await getJson(`/api/marketplace-offering-users/${cu.uuid}/begin_creating/`, 'POST');
      await getJson(`/api/marketplace-offering-users/${cu.uuid}/set_pending_account_linking/`, 'POST');
      env.checklistUsers.push(cu.uuid);
    }

    // Scraping resets the event-loop delay histogram, so the figure read at the end covers the
    // measurements, not the gateway's start-up.
    await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const simStats = async () => (await (await fetch(`${simUrl}/__simulator/stats`)).json()) as { requests: number; bytes: number };
    const all = scenarios(env).filter((s) => wanted.has(s.id));
    const results: Result[] = [];
    for (const latency of latencies) {
      await fetch(`${simUrl}/__simulator/latency?ms=${latency}`, { method: 'POST' });
      for (const s of all) {
        const bound = await s.bound();
        const perRun: Record<Mode, Sample[]> = { gateway: [], restSequential: [], restParallel: [], mesh: [] };
        const loads: Record<'gateway' | 'mesh', Array<Awaited<ReturnType<typeof load>>>> = { gateway: [], mesh: [] };
        const bytes: Record<string, number[]> = { gateway: [], restParallel: [] };
        for (let run = 0; run < runs; run++) {
          for (const mode of ['gateway', 'restParallel', 'restSequential', 'mesh'] as Mode[]) {
            const fn = (s as unknown as Record<Mode, (() => Promise<Run>) | undefined>)[mode];
            if (!fn || (mode === 'mesh' && !env.mesh)) continue;
            const before = await simStats();
            const sample = await measure(
              fn,
              Number(opts.iterations),
              Number(opts['budget-ms']),
              mode === 'gateway' ? gw.pid : mode === 'mesh' ? mesh?.pid : undefined,
            );
            const after = await simStats();
            const ops = sample.ms.length + sample.warm;
            if (mode === 'gateway' || mode === 'restParallel') bytes[mode]!.push((after.bytes - before.bytes) / ops);
            // What Waldur saw, whoever asked: trust the simulator's count over self-reports.
            sample.upstream = [Math.round((after.requests - before.requests) / ops)];
            perRun[mode].push(sample);
          }
          if (Number(opts['load-seconds']) > 0) {
            await fetch(`${simUrl}/__simulator/reset-stats`);
            const l = await load(s.gateway, Number(opts.concurrency), Number(opts['load-seconds']), gw.pid);
            loads.gateway.push({
              ...l,
              upstreamMaxInFlight: ((await (await fetch(`${simUrl}/__simulator/stats`)).json()) as { maxInFlight: number }).maxInFlight,
            });
            if (env.mesh && s.mesh) loads.mesh.push(await load(s.mesh, Number(opts.concurrency), Number(opts['load-seconds']), mesh?.pid));
          }
        }
        const summary = (mode: Mode) => {
          const samples = perRun[mode];
          if (!samples.length) return undefined;
          return {
            p50: round(median(samples.map((x) => percentile(x.ms, 50))), 2),
            p99: round(median(samples.map((x) => percentile(x.ms, 99))), 2),
            upstream: median(samples.flatMap((x) => x.upstream)),
            cpuMsPerOp: samples[0]!.cpuMsPerOp !== undefined ? round(median(samples.map((x) => x.cpuMsPerOp!)), 2) : undefined,
          };
        };
        const loadSummary = (k: 'gateway' | 'mesh') =>
          loads[k].length
            ? {
                throughput: round(median(loads[k].map((l) => l.throughput)), 1),
                p50: round(median(loads[k].map((l) => l.p50)), 1),
                p99: round(median(loads[k].map((l) => l.p99)), 1),
                errors: loads[k].reduce((a, l) => a + l.errors, 0),
                cpuMsPerOp: round(median(loads[k].map((l) => l.cpuMsPerOp ?? NaN)), 2),
                upstreamMaxInFlight: Math.max(...loads[k].map((l) => l.upstreamMaxInFlight ?? 0)),
              }
            : undefined;
        const result: Result = {
          scenario: s.id,
          name: s.name,
          latencyMs: latency,
          bound,
          gateway: summary('gateway')!,
          restSequential: summary('restSequential')!,
          restParallel: summary('restParallel')!,
          mesh: summary('mesh'),
          gatewayLoad: loadSummary('gateway'),
          meshLoad: loadSummary('mesh'),
          bytesPerOp: { gateway: round(median(bytes.gateway!), 0), restFull: round(median(bytes.restParallel!), 0) },
        };
        results.push(result);
        process.stderr.write(
          `S${s.id} @${latency}ms: gateway p50 ${result.gateway.p50} ms (${result.gateway.upstream} req, bound ${bound.requests}), REST parallel ${result.restParallel.p50} ms, mesh ${result.mesh?.p50 ?? '-'} ms\n`,
        );
      }
    }

    // The same gateway without graphql-jit, for the choice recorded in the report.
    const plainPort = await freePort();
    const plain = await startNode(
      `${root}dist/main.js`,
      { PORT: String(plainPort), WALDUR_API_URL: `${simUrl}/api/`, ...GATEWAY_ENV, GRAPHQL_JIT: 'false' },
      `http://127.0.0.1:${plainPort}/health`,
    );
    children.push(plain);
    await fetch(`${simUrl}/__simulator/latency?ms=0`, { method: 'POST' });
    const jitComparison: Report['jit'] = [];
    const plainScenarios = scenarios({ ...env, gateway: new Pool(`http://127.0.0.1:${plainPort}`, poolOpts) });
    for (const s of all.filter((x) => x.id <= 2)) {
      const withJit: number[] = [];
      const withoutJit: number[] = [];
      const p50 = { jit: [] as number[], plain: [] as number[] };
      for (let run = 0; run < runs; run++) {
        const a = await measure(s.gateway, Number(opts.iterations) * 2, Number(opts['budget-ms']), gw.pid);
        const b = await measure(plainScenarios.find((x) => x.id === s.id)!.gateway, Number(opts.iterations) * 2, Number(opts['budget-ms']), plain.pid);
        withJit.push(a.cpuMsPerOp!);
        withoutJit.push(b.cpuMsPerOp!);
        p50.jit.push(percentile(a.ms, 50));
        p50.plain.push(percentile(b.ms, 50));
      }
      jitComparison.push({
        scenario: s.id,
        cpuMsPerOpJit: round(median(withJit), 2),
        cpuMsPerOpPlain: round(median(withoutJit), 2),
        p50Jit: round(median(p50.jit), 2),
        p50Plain: round(median(p50.plain), 2),
      });
    }

    await plain.stop();
    process.stderr.write('ceiling: replay upstream, gateway and peer\n');
    const ceiling =
      env.mesh && mesh && Number(opts['ceiling-seconds']) > 0
        ? await runCeiling(all, env, simUrl, children, Number(opts['ceiling-seconds']), Number(opts.concurrency))
        : undefined;
    const growth = opts.growth !== 'false' ? await runGrowth(env, simUrl, children, Number(opts.iterations), Number(opts['budget-ms']), runs) : undefined;

    let soak: { seconds: number; rssMiB: number[]; lagMaxMs: number } | undefined;
    if (Number(opts['soak-seconds']) > 0) soak = await runSoak(all, env, gw, Number(opts['soak-seconds']), `http://127.0.0.1:${metricsPort}`);
    const lagText = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const lagMax = Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(lagText)?.[1] ?? NaN) * 1000;
    const machine = {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      size,
      runs,
      concurrency: Number(opts.concurrency),
      gatewayPeakRssMiB: peakRssMiB(gw.pid),
      meshPeakRssMiB: mesh ? peakRssMiB(mesh.pid) : undefined,
      eventLoopLagMaxMs: round(lagMax, 1),
    };
    const command = process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench';
    mkdirSync(`${root}bench/results`, { recursive: true });
    const report: Report = { command, machine, results, soak, meshSkipped, jit: jitComparison, ceiling, growth };
    writeFileSync(`${root}bench/results/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeReport(resolve(root, opts.out), report);
    if (opts.trusted !== 'false') {
      process.stderr.write('trusted documents: by id against by text\n');
      await writeTrustedDocumentsSection(resolve(root, opts.out));
    }
    if (opts.live !== 'false') {
      process.stderr.write('live updates: polls, latency, memory\n');
      await writeLiveSection(resolve(root, opts.out));
    }
    process.stderr.write('the cost of a call: replay upstream, one request at a time\n');
    await writeCallCostSection(resolve(root, opts.out), { before: opts.before });
    process.stderr.write(`wrote ${opts.out} and bench/results/latest.json\n`);
  } finally {
    await stopAll();
  }
}

/**
 * The gateway's own ceiling: gateway and peer each against a replay upstream (responses recorded
 * from the simulator, served from memory), so neither waits on the simulator's CPU. Ops per
 * CPU-second of the serving process is throughput per core. CPU profiles of scenarios 1 and 2
 * come from the same setup.
 */
async function runCeiling(all: Scenario[], env: Env, simUrl: string, children: Child[], seconds: number, concurrency: number): Promise<Ceiling> {
  await fetch(`${simUrl}/__simulator/latency?ms=0`, { method: 'POST' });
  const replayPort = await freePort();
  const replayUrl = `http://127.0.0.1:${replayPort}`;
  const replay = await startNode(`${root}bench/replay-upstream.ts`, { PORT: String(replayPort), TARGET_URL: simUrl }, `${replayUrl}/__replay/stats`);
  children.push(replay);
  const profileDir = mkdtempSync(resolve(tmpdir(), 'gateway-prof-'));
  const gwPort = await freePort();
  const gw = await startNode(
    `${root}dist/main.js`,
    { PORT: String(gwPort), WALDUR_API_URL: `${replayUrl}/api/`, ...GATEWAY_ENV },
    `http://127.0.0.1:${gwPort}/health`,
  );
  children.push(gw);
  const meshPort = await freePort();
  const mesh = await startNode(
    `${root}bench/mesh-peer.ts`,
    { PORT: String(meshPort), OPENAPI_PATH: OPENAPI, WALDUR_URL: replayUrl },
    `http://127.0.0.1:${meshPort}/graphql?query=%7B__typename%7D`,
  );
  children.push(mesh);
  const saved = { gateway: env.gateway, mesh: env.mesh };
  env.gateway = new Pool(`http://127.0.0.1:${gwPort}`, { connections: 64 });
  env.mesh = new Pool(`http://127.0.0.1:${meshPort}`, { connections: 64 });
  const rows: Ceiling['rows'] = [];
  try {
    // Record every call both make (each account of scenario 4 in both directions), then replay.
    for (const s of all) {
      await load(s.gateway, concurrency, 1.5);
      await load(s.mesh!, concurrency, 1.5);
    }
    process.stderr.write('ceiling: recorded, replaying\n');
    await fetch(`${replayUrl}/__replay/mode?m=replay`);
    for (const s of all) {
      process.stderr.write(`ceiling: scenario ${s.id}\n`);
      const g = await load(s.gateway, concurrency, seconds, gw.pid);
      const m = await load(s.mesh!, concurrency, seconds, mesh.pid);
      rows.push({
        scenario: s.id,
        gateway: { throughput: round(g.throughput, 1), cpuMsPerOp: round(g.cpuMsPerOp!, 2), errors: g.errors },
        mesh: { throughput: round(m.throughput, 1), cpuMsPerOp: round(m.cpuMsPerOp!, 2), errors: m.errors },
      });
    }
    // The profiles: one gateway process per scenario, profiled from start to exit.
    const profiles: Ceiling['profiles'] = [];
    for (const s of all.filter((x) => x.id <= 2)) {
      const dir = resolve(profileDir, `s${s.id}`);
      const port = await freePort();
      const p = await startNode(
        `${root}dist/main.js`,
        { PORT: String(port), WALDUR_API_URL: `${replayUrl}/api/`, ...GATEWAY_ENV },
        `http://127.0.0.1:${port}/health`,
        ['--cpu-prof', `--cpu-prof-dir=${dir}`],
      );
      env.gateway = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
      process.stderr.write(`ceiling: profiling scenario ${s.id}\n`);
      // Warm (documents compiled by graphql-jit), then the window the profile summary reads.
      await load(s.gateway, concurrency, 2);
      const t = performance.now();
      await load(s.gateway, concurrency, seconds);
      const windowMs = performance.now() - t;
      await p.stop();
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) profiles.push({ scenario: s.id, ...summarize(resolve(dir, file), windowMs) });
    }
    const stats = (await (await fetch(`${replayUrl}/__replay/stats`)).json()) as { recorded: number; misses: number; hits: number };
    return { seconds, concurrency, recorded: stats.recorded, hits: stats.hits, misses: stats.misses, rows, profiles };
  } finally {
    env.gateway = saved.gateway;
    env.mesh = saved.mesh;
    await Promise.all([gw.stop(), mesh.stop(), replay.stop()]);
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * How cost grows: scenario 2 at 50 and 300 rows (per row), and at 50 rows over 2,000 and 30,000
 * offering users (a second simulator). At 0 ms per call: the gateway's own cost.
 */
async function runGrowth(env: Env, simUrl: string, children: Child[], iterations: number, budgetMs: number, runs: number): Promise<Growth> {
  await fetch(`${simUrl}/__simulator/latency?ms=0`, { method: 'POST' });
  const sample = async (pool: Pool, pid: number, first: number, simStats: () => Promise<{ requests: number; bytes: number }>) => {
    const all: Sample[] = [];
    const before = await simStats();
    for (let i = 0; i < runs; i++) all.push(await measure(() => gqlRun(pool, env.staff, s2Query(first)), iterations, budgetMs, pid));
    const after = await simStats();
    const ops = all.reduce((a, x) => a + x.ms.length + x.warm, 0);
    return {
      first,
      p50: round(median(all.map((x) => percentile(x.ms, 50))), 2),
      cpuMsPerOp: round(median(all.map((x) => x.cpuMsPerOp!)), 2),
      restCalls: round((after.requests - before.requests) / ops, 1),
      bytes: round((after.bytes - before.bytes) / ops, 0),
    };
  };
  const statsOf = (url: string) => async () => (await (await fetch(`${url}/__simulator/stats`)).json()) as { requests: number; bytes: number };
  // 300 rows with three per-row links cost about 23,000, more than the default LIMIT_COST (5,000) allows: raised here.
  const gatewayFor = async (url: string) => {
    const port = await freePort();
    const child = await startNode(
      `${root}dist/main.js`,
      { PORT: String(port), WALDUR_API_URL: `${url}/api/`, ...GATEWAY_ENV, LIMIT_COST: '30000' },
      `http://127.0.0.1:${port}/health`,
    );
    children.push(child);
    return { child, pool: new Pool(`http://127.0.0.1:${port}`, { connections: 16 }) };
  };
  const small = await gatewayFor(simUrl);
  const bigPort = await freePort();
  const bigUrl = `http://127.0.0.1:${bigPort}`;
  const big = await startNode(
    `${root}packages/waldur-simulator/src/main.ts`,
    { SIMULATOR_PORT: String(bigPort), SIMULATOR_SIZE: '30000', SIMULATOR_CONTROL: 'true' },
    `${bigUrl}/api/`,
  );
  children.push(big);
  const large = await gatewayFor(bigUrl);
  try {
    const small50 = await sample(small.pool, small.child.pid, 50, statsOf(simUrl));
    const small300 = await sample(small.pool, small.child.pid, 300, statsOf(simUrl));
    const big50 = await sample(large.pool, large.child.pid, 50, statsOf(bigUrl));
    return {
      rows: [
        { offeringUsers: 2000, ...small50 },
        { offeringUsers: 2000, ...small300 },
        { offeringUsers: 30000, ...big50 },
      ],
    };
  } finally {
    await Promise.all([small.child.stop(), large.child.stop(), big.stop()]);
  }
}

async function runSoak(all: Scenario[], env: Env, gw: Child, seconds: number, gwUrl: string) {
  const rssMiB: number[] = [];
  const end = Date.now() + seconds * 1000;
  const sampler = setInterval(() => rssMiB.push(currentRssMiB(gw.pid)), 10_000);
  void env;
  await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      while (Date.now() < end) await all[i % all.length]!.gateway().catch(() => undefined);
    }),
  );
  clearInterval(sampler);
  const text = await (await fetch(`${gwUrl}/metrics`)).text();
  return {
    seconds,
    rssMiB: rssMiB.map((x) => round(x, 0)),
    lagMaxMs: round(Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1] ?? NaN) * 1000, 1),
  };
}

await main();
