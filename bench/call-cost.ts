// The cost of a call: what receiving a GraphQL request and passing REST calls through the gateway
// cost beyond the calls themselves, one request at a time against the replay upstream (answers
// recorded once, then served from memory after a fixed delay, so Waldur's own CPU is out of the
// picture). `npm run bench:call-cost` (also the last step of `npm run bench`); `--before <dir>` adds a
// second gateway built elsewhere (e.g. a worktree of an older commit) to the same run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { summarize, type Frame } from './cpu-profile.js';
import { cpuSeconds, startNode, type Child } from './proc.js';
import { S3_QUERY, s2Query } from './scenarios.js';
import { replaceSection } from './section.js';
import { median, round } from './stats.js';
import { pipelineCpuPerCall } from './pipeline-micro.js';
import { inProcessCost } from './in-process-cost.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let N = 300;
const TOKEN = DEMO_TOKENS.staff;
const S1 = `{ offeringUsers(first: 50) { totalCount nodes { uuid state username user { username fullName email } offering { uuid name } customer { name } } } }`;
const S2 = s2Query(50);
/** `k` detail reads of one account each: the per-call cost, with as little else as GraphQL allows. */
const reads = (uuids: string[]) => `{ ${uuids.map((u, i) => `a${i}: offeringUser(uuid: "${u}") { uuid }`).join(' ')} }`;

/** `, commit abc1234` when `dir` is a git checkout. */
function gitRev(dir: string): string {
  try {
    return `, commit ${execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}`;
  } catch {
    return '';
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

interface Call {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
}
const pathOf = (c: Call) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  const qs = q.toString();
  return `${c.path}${qs ? `?${qs}` : ''}`;
};

async function post(pool: Pool, query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) {
  const res = await pool.request({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Token ${TOKEN}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.body.json()) as { errors?: unknown[]; extensions?: { upstreamCalls?: Call[] } };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body;
}

async function get(pool: Pool, path: string) {
  const res = await pool.request({ method: 'GET', path, headers: { authorization: `Token ${TOKEN}`, accept: 'application/json' } });
  await res.body.text();
  if (res.statusCode >= 400) throw new Error(`${path}: ${res.statusCode}`);
}

/** Median wall time of `fn` over N sequential runs, and the CPU the gateway process spent per run. */
async function time(fn: () => Promise<unknown>, pid?: number, n = N) {
  for (let i = 0; i < Math.min(50, n); i++) await fn();
  const walls: number[] = [];
  const cpu0 = pid ? cpuSeconds(pid) : 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    walls.push(performance.now() - t);
  }
  return { ms: median(walls), cpuMs: pid ? ((cpuSeconds(pid) - cpu0) * 1000) / n : 0 };
}

interface Gateway {
  label: string;
  child: Child;
  pool: Pool;
}

async function startGateway(label: string, dir: string, apiUrl: string, nodeArgs: string[] = []): Promise<Gateway> {
  const port = await freePort();
  const child = await startNode(
    join(dir, 'dist/main.js'),
    { PORT: String(port), WALDUR_API_URL: apiUrl, NODE_ENV: 'production', GRAPHIQL: 'false', METRICS_PORT: '0', SHUTDOWN_DELAY_MS: '0', LOG_LEVEL: 'warn' },
    `http://127.0.0.1:${port}/health`,
    nodeArgs,
  );
  return { label, child, pool: new Pool(`http://127.0.0.1:${port}`, { connections: 4 }) };
}

/** The call-cost section of docs/performance.md; `before` is a second built checkout to compare with. */
export async function runCallCost(o: { iterations?: number; before?: string } = {}): Promise<string> {
  N = o.iterations ?? 300;
  const children: Child[] = [];
  try {
    const simPort = await freePort();
    children.push(
      await startNode(
        `${root}packages/waldur-simulator/src/main.ts`,
        { SIMULATOR_PORT: String(simPort), SIMULATOR_SIZE: '2000' },
        `http://127.0.0.1:${simPort}/api/`,
      ),
    );
    const replayPort = await freePort();
    const replayUrl = `http://127.0.0.1:${replayPort}`;
    children.push(
      await startNode(
        `${root}bench/replay-upstream.ts`,
        { PORT: String(replayPort), TARGET_URL: `http://127.0.0.1:${simPort}` },
        `${replayUrl}/__replay/stats`,
      ),
    );
    const control = (what: string) => fetch(`${replayUrl}/__replay/${what}`).then((r) => r.json() as Promise<{ misses: number; recorded: number }>);
    const apiUrl = `${replayUrl}/api/`;
    const gateways = [await startGateway('gateway', root, apiUrl)];
    if (o.before) gateways.push(await startGateway('before', resolve(o.before), apiUrl));
    children.push(...gateways.map((g) => g.child));
    // Enough connections for a whole level at once, like the gateway's pool.
    const direct = new Pool(replayUrl, { connections: 64 });

    // Record: each document once through each gateway (with its REST calls listed), the per-call
    // accounts, then every call replayed from memory.
    const trace = { 'x-upstream-trace': '1' };
    const s1Calls = (await post(gateways[0]!.pool, S1, trace)).extensions!.upstreamCalls!;
    const s2Calls = (await post(gateways[0]!.pool, S2, trace)).extensions!.upstreamCalls!;
    const list = (await (
      await fetch(`${apiUrl}marketplace-offering-users/?page=1&page_size=15&field=uuid`, { headers: { authorization: `Token ${TOKEN}` } })
    ).json()) as Array<{
      uuid: string;
    }>;
    const providers = (await (
      await fetch(`${apiUrl}marketplace-service-providers/?customer_keyword=Nordic`, { headers: { authorization: `Token ${TOKEN}` } })
    ).json()) as Array<{
      uuid: string;
    }>;
    const dashboard = { u: providers[0]!.uuid };
    const one = reads([list[0]!.uuid]);
    // 15: the default alias limit.
    const many = reads(list.map((r) => r.uuid));
    for (const g of gateways) {
      for (const q of [S1, S2, one, many]) await post(g.pool, q);
      await post(g.pool, S3_QUERY, {}, dashboard);
    }
    for (const c of [...s1Calls, ...s2Calls]) await get(direct, pathOf(c));
    await control('mode?m=replay');
    const [s2List, ...s2Rest] = s2Calls;
    const directS1 = () => get(direct, pathOf(s1Calls[0]!));
    const parallelS2 = async () => {
      await get(direct, pathOf(s2List!));
      await Promise.all(s2Rest.map((c) => get(direct, pathOf(c))));
    };

    const rows: string[] = [];
    const figures: Record<string, number> = {};
    for (const delay of [0, 20]) {
      await control(`delay?ms=${delay}`);
      const d1 = await time(directS1);
      const p2 = await time(parallelS2);
      figures[`direct1@${delay}`] = d1.ms;
      figures[`parallel2@${delay}`] = p2.ms;
      for (const g of gateways) {
        const t1 = await time(() => post(g.pool, S1), g.child.pid);
        const t2 = await time(() => post(g.pool, S2), g.child.pid);
        const r1 = await time(() => post(g.pool, one), g.child.pid);
        const r15 = await time(() => post(g.pool, many), g.child.pid);
        const perCall = (r15.cpuMs - r1.cpuMs) / 14;
        figures[`${g.label}S1@${delay}`] = t1.ms;
        figures[`${g.label}S2@${delay}`] = t2.ms;
        figures[`${g.label}PerCall@${delay}`] = perCall;
        rows.push(
          `| ${g.label} | ${delay} | ${round(t1.ms, 2)} (direct ${round(d1.ms, 2)}, +${round(t1.ms - d1.ms, 2)}) | ${round(t1.cpuMs, 2)} | ` +
            `${round(t2.ms, 2)} (parallel ${round(p2.ms, 2)}, x${round(t2.ms / p2.ms, 2)}) | ${round(t2.cpuMs, 2)} | ${round(r1.cpuMs, 3)} | ${round(perCall, 3)} |`,
        );
      }
    }
    // Scenario 3 (the provider dashboard, three dependent levels): the look-ahead's gain shows here.
    const dashboardRows: string[] = [];
    for (const delay of [20, 100]) {
      await control(`delay?ms=${delay}`);
      for (const g of gateways) {
        const t3 = await time(() => post(g.pool, S3_QUERY, {}, dashboard), g.child.pid, Math.max(20, Math.round(N / (delay / 10))));
        dashboardRows.push(`| ${g.label} | ${delay} | ${round(t3.ms, 1)} | ${round(t3.cpuMs, 2)} |`);
      }
    }
    const misses = (await control('stats')).misses;

    // CPU profiles: a fresh gateway per document, profiled over N runs at 0 ms.
    await control('delay?ms=0');
    const profiles: Array<{ what: string; frames: Frame[]; areas: Frame[] }> = [];
    for (const [what, query] of [
      ['scenario 1 (one call, 50 rows)', S1],
      ['15 detail reads (per-call cost)', many],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'call-cost-prof-'));
      const g = await startGateway('profiled', root, apiUrl, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      for (let i = 0; i < 50; i++) await post(g.pool, query);
      const t = performance.now();
      for (let i = 0; i < N; i++) await post(g.pool, query);
      const windowMs = performance.now() - t;
      await g.pool.close();
      await g.child.stop();
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) profiles.push({ what, ...summarize(join(dir, file), windowMs, 10) });
    }

    const goal = (ok: boolean) => (ok ? 'yes' : '**no**');
    const over1 = figures['gatewayS1@0']! - figures['direct1@0']!;
    const ratio2 = figures['gatewayS2@20']! / figures['parallel2@20']!;
    // Beyond the transport: the session's pipeline with an in-memory transport, per call.
    const trees: Record<string, string> = { gateway: root, ...(o.before ? { before: o.before } : {}) };
    const pipelineCpu = await pipelineCpuPerCall(trees);
    const inProcess = await inProcessCost(trees);
    const us = (ms: number) => `${round(ms * 1000, 2)} µs`;
    const lines = [
      `\`npm run bench:call-cost\`: one request at a time against the replay upstream (${s2Calls.length} calls for scenario 2, ${s1Calls.length} for scenario 1;`,
      `replay misses: ${misses}), ${N} sequential runs per cell after 50 warm-up runs, medians; CPU is the gateway process's, per operation. Node ${process.version}.`,
      '"Direct" is the same REST call made with undici from the benchmark; "parallel" the same 36 calls made by a plain parallel undici client',
      '(the list, then the rest at once, one connection per call). "Per extra call" is the gateway CPU of 15 detail reads (aliases) minus that of one, over 14.',
      ...(o.before ? [`"before" is the gateway built from \`${o.before}\`${gitRev(o.before)}, measured in the same run.`] : []),
      '',
      '| gateway | upstream ms | scenario 1 ms | S1 CPU ms | scenario 2 ms | S2 CPU ms | one read, CPU ms | CPU per extra call ms |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Scenario 3, the provider dashboard (41 calls in three dependent levels; statistics, revenue and the compliance overview read ahead with the provider):',
      '',
      '| gateway | upstream ms | p50 ms | CPU ms |',
      '|---|---|---|---|',
      ...dashboardRows,
      '',
      inProcess,
      '',
      `CPU per REST call through the session's pipeline alone (\`bench/pipeline-micro.ts\`: 20 calls per operation, an in-memory transport, median of 7 alternating rounds): ${Object.entries(
        pipelineCpu,
      )
        .map(([k, v]) => `${k} ${us(v)}`)
        .join(', ')}.`,
      '',
      '| goal | measured | met |',
      '|---|---|---|',
      `| scenario 1 within 1.5 ms of the direct call (0 ms upstream) | +${round(over1, 2)} ms | ${goal(over1 <= 1.5)} |`,
      `| scenario 2 within 10% of the parallel client at 20 ms | x${round(ratio2, 3)} | ${goal(ratio2 <= 1.1)} |`,
      `| gateway CPU per REST call beyond the transport, halved | ${us(pipelineCpu.gateway!)}${pipelineCpu.before !== undefined ? ` (before: ${us(pipelineCpu.before)})` : ''} | ${
        pipelineCpu.before !== undefined ? goal(pipelineCpu.gateway! <= pipelineCpu.before / 2) : 'run with --before'
      } |`,
      '',
      ...profiles.flatMap((p) => [
        `CPU profile, ${p.what} (self time, idle left out): ${p.areas.map((a) => `${a.frame} ${a.selfPct}%`).join(', ')}.`,
        '',
        ...p.frames.map((f) => `- ${f.selfPct}% ${f.frame}`),
        '',
      ]),
    ];
    await direct.close();
    for (const g of gateways) await g.pool.close();
    return lines.join('\n');
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

const START = '<!-- call-cost:start -->';
const END = '<!-- call-cost:end -->';

export async function writeCallCostSection(out: string, o: Parameters<typeof runCallCost>[0] = {}): Promise<string> {
  return replaceSection(out, START, END, `${START}\n## The cost of a call (replay upstream, one request at a time)\n\n${await runCallCost(o)}\n${END}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { iterations: { type: 'string', default: '300' }, before: { type: 'string' }, out: { type: 'string', default: 'docs/performance.md' } },
  });
  mkdirSync(`${root}bench/results`, { recursive: true });
  const out = resolve(root, values.out);
  if (!existsSync(out)) writeFileSync(out, '');
  const text = await writeCallCostSection(out, { iterations: Number(values.iterations), before: values.before });
  writeFileSync(`${root}bench/results/call-cost.md`, `${text}\n`);
  process.stdout.write(`${text}\n`);
}
