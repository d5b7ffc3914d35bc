import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { currentRssMiB, startNode, type Child } from '../bench/proc.js';
import { percentile, round } from '../bench/stats.js';
import type { FaultSpec } from 'waldur-simulator/faults';
import { DEMO_TOKENS } from 'waldur-simulator/seed';

/**
 * Load and soak with faults: concurrent clients run mixed queries and transitions against the
 * gateway while the simulator misbehaves, then every mutation outcome the clients saw is
 * reconciled with the writes the simulator actually applied.
 *   npm run soak -- --seconds 180 --clients 12
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    clients: { type: 'string', default: '12' },
    'no-faults': { type: 'boolean', default: false },
    'no-jit': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const root = fileURLToPath(new URL('..', import.meta.url));

const FAULTS: FaultSpec[] = [
  { kind: 'status', status: 503, rate: 0.03 },
  { kind: 'status', status: 502, rate: 0.01 },
  { kind: 'status', status: 429, retryAfter: 0, rate: 0.01 },
  { kind: 'reset', rate: 0.01 },
  { kind: 'non-json', rate: 0.005 },
  { kind: 'truncate', rate: 0.005 },
  { kind: 'hang', rate: 0.003 },
  { kind: 'latency', latencyMs: 150, rate: 0.05 },
  // The write happened, the answer is lost: the client must report "unknown", never "failed".
  { kind: 'reset', match: '^POST ', after: true, rate: 0.02 },
];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

type Outcome = 'ok' | 'refused' | 'unknown';

const QUERY_TEXTS = [
  '{ offeringUsers(first: 50) { nodes { uuid state user { fullName } offering { name } } } }',
  '{ offeringUsers(first: 20) { nodes { uuid consent { version } completionStatus { completionPercentage } serviceProvider { customerName } } } }',
  'query($u: UUID!) { serviceProvider(uuid: $u) { statistics { activeResources } revenue { total } compliance { overview { totalCount } } } }',
];
const WARMUP = (sp: string): Array<[string, Record<string, unknown>]> => [
  ...QUERY_TEXTS.map((q): [string, Record<string, unknown>] => [q, { u: sp }]),
  ['query($u: UUID!) { offeringUser(uuid: $u) { state } }', { u: '0'.repeat(32) }],
  ...['setOfferingUserPendingAdditionalValidation', 'setOfferingUserPendingAccountLinking'].map((m): [string, Record<string, unknown>] => [
    `mutation($u: UUID!) { r: ${m}(input: { uuid: $u }) { __typename } }`,
    { u: '0'.repeat(32) },
  ]),
];

async function main() {
  const children: Child[] = [];
  try {
    const simPort = await freePort();
    const sim = await startNode(
      `${root}packages/waldur-simulator/src/main.ts`,
      { SIMULATOR_PORT: String(simPort), SIMULATOR_SIZE: '2000', SIMULATOR_CONTROL: 'true', SIMULATOR_LATENCY_MS: '5' },
      `http://127.0.0.1:${simPort}/api/`,
    );
    children.push(sim);
    const simUrl = `http://127.0.0.1:${simPort}`;
    const gwPort = await freePort();
    // /metrics lives on its own port (METRICS_PORT), never the GraphQL one.
    const metricsPort = await freePort();
    const gw = await startNode(
      `${root}src/main.ts`,
      {
        PORT: String(gwPort),
        WALDUR_API_URL: `${simUrl}/api/`,
        NODE_ENV: 'production',
        UPSTREAM_HEADERS_TIMEOUT_MS: '1500',
        UPSTREAM_BODY_TIMEOUT_MS: '1500',
        GRAPHIQL: 'false',
        GRAPHQL_JIT: values['no-jit'] ? 'false' : 'true',
        SHUTDOWN_DELAY_MS: '0',
        METRICS_PORT: String(metricsPort),
      },
      `http://127.0.0.1:${gwPort}/health`,
    );
    children.push(gw);
    const rest = new Pool(simUrl, { connections: 8 });
    const gql = new Pool(`http://127.0.0.1:${gwPort}`, { connections: 64 });
    const restJson = async (method: 'GET' | 'POST', path: string) => {
      const r = await rest.request({
        method,
        path,
        headers: { authorization: `Token ${DEMO_TOKENS.owner}`, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      const t = await r.body.text();
      return t ? JSON.parse(t) : undefined;
    };
    // Four accounts per client on a checklist offering, in a pending state to toggle.
    const pool = await restJson('GET', `/api/marketplace-offering-users/?offering_slug=puhti-hpc-cluster&state=Requested&page_size=${clients * 4}`);
    const accounts: string[] = pool.map((o: { uuid: string }) => o.uuid);
    for (const a of accounts) {
      await restJson('POST', `/api/marketplace-offering-users/${a}/begin_creating/`);
      await restJson('POST', `/api/marketplace-offering-users/${a}/set_pending_account_linking/`);
    }
    const writesBefore = (await (await fetch(`${simUrl}/__simulator/writes`)).json()) as Record<string, number>;
    if (!values['no-faults'])
      await fetch(`${simUrl}/__simulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(FAULTS) });
    const spUuid = (await restJson('GET', '/api/marketplace-service-providers/?customer_keyword=Nordic'))[0].uuid;
    const ask0 = (query: string, variables: Record<string, unknown>) =>
      gql
        .request({
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.owner}` },
          body: JSON.stringify({ query, variables }),
        })
        .then((r) => r.body.text());
    // Warm up: each document runs three times, so it is parsed, validated and compiled (graphql-jit compiles a hot
    // document in one go, which can hold the loop for tens of milliseconds).
    for (let round = 0; round < 3; round++) for (const [q, v] of WARMUP(spUuid)) await ask0(q, v);
    // Scraping resets the event-loop delay histogram: what is read at the end covers the load only,
    // not the start-up (module loading blocks the loop for long stretches, once).
    await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

    const ask = async (query: string, variables: Record<string, unknown>) => {
      const r = await gql.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.owner}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: r.statusCode, body: (await r.body.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> } };
    };
    const QUERIES = QUERY_TEXTS.map((q) => [q, { u: spUuid }] as const);
    const outcomes = new Map<string, Outcome[]>(accounts.map((a) => [a, []]));
    const latencies: number[] = [];
    const codes = new Map<string, number>();
    const rss: number[] = [];
    let ops = 0;
    let http5xx = 0;
    const sampler = setInterval(() => rss.push(currentRssMiB(gw.pid)), 5_000);
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const mine = accounts.slice(c * 4, c * 4 + 4);
        const toggled = new Map<string, boolean>();
        let i = 0;
        while (Date.now() < end) {
          i++;
          const t = performance.now();
          let res: Awaited<ReturnType<typeof ask>>;
          if (i % 3 === 0 && mine.length) {
            const a = mine[i % mine.length]!;
            const toggle = !toggled.get(a);
            const m = toggle ? 'setOfferingUserPendingAdditionalValidation' : 'setOfferingUserPendingAccountLinking';
            res = await ask(`mutation($u: UUID!) { r: ${m}(input: { uuid: $u }) { __typename } }`, { u: a });
            const typename = res.body.data?.r?.__typename as string | undefined;
            const outcome: Outcome = typename?.endsWith('Success') ? 'ok' : typename ? 'refused' : 'unknown';
            outcomes.get(a)!.push(outcome);
            // After an unknown outcome the state is unknown too: read it back before choosing the next move.
            if (outcome === 'ok') toggled.set(a, toggle);
            if (outcome === 'unknown') {
              const state = (await ask('query($u: UUID!) { offeringUser(uuid: $u) { state } }', { u: a })).body.data?.offeringUser?.state;
              if (state) toggled.set(a, state === 'PENDING_ADDITIONAL_VALIDATION');
            }
          } else {
            const [q, v] = QUERIES[i % QUERIES.length]!;
            res = await ask(q, v);
          }
          ops++;
          latencies.push(performance.now() - t);
          if (res.status >= 500) http5xx++;
          for (const e of res.body.errors ?? []) codes.set(e.extensions?.code ?? 'NONE', (codes.get(e.extensions?.code ?? 'NONE') ?? 0) + 1);
        }
      }),
    );
    clearInterval(sampler);
    await fetch(`${simUrl}/__simulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    const writesAfter = (await (await fetch(`${simUrl}/__simulator/writes`)).json()) as Record<string, number>;

    // Reconcile: per account, applied transitions = acknowledged + some of the unknown ones;
    // refused ones never applied; no other write happened anywhere.
    const problems: string[] = [];
    let ok = 0;
    let refused = 0;
    let unknown = 0;
    let appliedUnknown = 0;
    const applied = new Map<string, number>();
    for (const [key, n] of Object.entries(writesAfter)) {
      const delta = n - (writesBefore[key] ?? 0);
      if (delta === 0) continue;
      // The gateway sends UUIDs dashed (as the schema declares); the accounts are known by Waldur's hex form.
      const m = /^POST \/api\/marketplace-offering-users\/([0-9a-f-]{32,36})\/set_pending_(account_linking|additional_validation)\/$/.exec(key);
      const account = m?.[1]!.replace(/-/g, '');
      if (!account || !outcomes.has(account)) problems.push(`unexpected write: ${key} x${delta}`);
      else applied.set(account, (applied.get(account) ?? 0) + delta);
    }
    for (const [a, list] of outcomes) {
      const k = list.filter((o) => o === 'ok').length;
      const u = list.filter((o) => o === 'unknown').length;
      ok += k;
      unknown += u;
      refused += list.filter((o) => o === 'refused').length;
      const n = applied.get(a) ?? 0;
      appliedUnknown += n - k;
      if (n < k || n > k + u) problems.push(`${a}: ${n} applied, ${k} acknowledged, ${u} unknown`);
    }
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const lagMax = Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(metrics)?.[1] ?? NaN) * 1000;
    const report = {
      seconds,
      clients,
      faults: values['no-faults'] ? [] : FAULTS,
      operations: ops,
      throughput: round(ops / seconds, 1),
      p50: round(percentile(latencies, 50), 1),
      p99: round(percentile(latencies, 99), 1),
      http5xx,
      errorsByCode: Object.fromEntries([...codes].sort((x, y) => y[1] - x[1])),
      rssMiB: rss,
      eventLoopLagMaxMs: round(lagMax, 1),
      mutations: { acknowledged: ok, refused, unknown, unknownThatApplied: appliedUnknown },
      reconciliation: problems.length
        ? problems
        : 'every acknowledged mutation happened exactly once; no refused one happened; unknown ones happened at most once; nothing else changed',
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.exitCode = problems.length || http5xx ? 1 : 0;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

await main();
