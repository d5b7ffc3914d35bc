import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { replaceSection } from './section.js';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { sha256Id } from '../src/server/trusted/manifest.js';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { cpuSeconds, startNode, type Child } from './proc.js';
import { median, round } from './stats.js';

/**
 * CPU per operation of a registered document sent by id against the same document sent as text,
 * on one gateway process against the replay upstream (Waldur's CPU out of the picture), for
 * scenario 1 (one list read) and scenario 4's read (an offering user with its checklist). Writes
 * the section between the markers in docs/performance.md. `npm run bench` runs it last.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(root, 'docs', 'performance.md');
const START = '<!-- trusted-documents:start -->';
const END = '<!-- trusted-documents:end -->';
const OPS = Number(process.env.BENCH_TRUSTED_OPS ?? 400);
const RUNS = Number(process.env.BENCH_TRUSTED_RUNS ?? 12);

const S1 = `query S1 { offeringUsers(first: 50) { totalCount nodes { uuid state username user { username fullName email } offering { uuid name } customer { name } } } }`;
const S4_READ = `query S4Read($u: UUID!) { offeringUser(uuid: $u) { state checklist { completion { completionPercentage } questions { uuid description questionType existingAnswer { value } } } } }`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function post(pool: Pool, body: unknown): Promise<{ data?: Record<string, any>; errors?: unknown[] }> {
  const res = await pool.request({
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Token ${DEMO_TOKENS.staff}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const out = (await res.body.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (out.errors?.length) throw new Error(JSON.stringify(out.errors).slice(0, 300));
  return out;
}

/** The three ways of sending an operation, each measured on a gateway process of its own. */
const WAYS = ['fresh', 'text', 'id'] as const;
type Way = (typeof WAYS)[number];

/** The orders of three variants, each following each other equally often over six runs. */
const ORDERS = [
  [0, 1, 2],
  [1, 2, 0],
  [2, 0, 1],
  [0, 2, 1],
  [2, 1, 0],
  [1, 0, 2],
];

/** CPU ms per operation of `ops` sequential requests, measured on the gateway process. */
async function cpuPerOp(pool: Pool, pid: number, body: (i: number) => unknown): Promise<number> {
  const before = cpuSeconds(pid);
  for (let i = 0; i < OPS; i++) await post(pool, body(i));
  return ((cpuSeconds(pid) - before) * 1000) / OPS;
}

export async function runTrustedDocuments(): Promise<string> {
  const children: Child[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-trusted-'));
  try {
    const simPort = await freePort();
    const simUrl = `http://127.0.0.1:${simPort}`;
    children.push(
      await startNode(`${root}packages/waldur-simulator/src/main.ts`, { SIMULATOR_PORT: String(simPort), SIMULATOR_SIZE: '2000' }, `${simUrl}/api/`),
    );
    const replayPort = await freePort();
    const replayUrl = `http://127.0.0.1:${replayPort}`;
    children.push(await startNode(`${root}bench/replay-upstream.ts`, { PORT: String(replayPort), TARGET_URL: simUrl }, `${replayUrl}/__replay/stats`));
    const manifest = join(dir, 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [sha256Id(S1)]: S1, [sha256Id(S4_READ)]: S4_READ }));
    // One gateway process per way of sending: V8 optimises the resolvers for the code that calls
    // them, and a gateway in enforce mode runs ids only, as one before trusted documents ran text.
    // Audit mode everywhere, so text runs too. Repeated text carries a trailing space, which makes
    // it another document (its hash is not registered): it takes the text path, yoga's caches.
    const gateways = {} as Record<Way, { gw: Child; pool: Pool }>;
    for (const way of WAYS) {
      const gwPort = await freePort();
      const gw = await startNode(
        `${root}dist/main.js`,
        {
          PORT: String(gwPort),
          WALDUR_API_URL: `${replayUrl}/api/`,
          SHUTDOWN_DELAY_MS: '0',
          METRICS_PORT: '0',
          GRAPHIQL: 'false',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          TRUSTED_DOCUMENTS: manifest,
          TRUSTED_DOCUMENTS_MODE: 'audit',
        },
        `http://127.0.0.1:${gwPort}/health`,
      );
      children.push(gw);
      gateways[way] = { gw, pool: new Pool(`http://127.0.0.1:${gwPort}`, { connections: 4 }) };
    }
    const pick = await post(gateways.text.pool, {
      query:
        '{ offeringUsers(first: 100, filter: { state: [PENDING_ACCOUNT_LINKING, PENDING_ADDITIONAL_VALIDATION] }) { nodes { uuid hasComplianceChecklist } } }',
    });
    const u = (pick.data!.offeringUsers.nodes as Array<{ uuid: string; hasComplianceChecklist: boolean }>).find((n) => n.hasComplianceChecklist)!.uuid;
    const cases: Array<{ scenario: string; body: Record<Way, (i: number) => unknown> }> = [
      {
        scenario: '1 (a list of 50)',
        body: {
          fresh: (i) => ({ query: `${S1} # ${i}`, variables: {} }),
          text: () => ({ query: `${S1} `, variables: {} }),
          id: () => ({ documentId: sha256Id(S1), variables: {} }),
        },
      },
      {
        scenario: "4's read (an account and its checklist)",
        body: {
          fresh: (i) => ({ query: `${S4_READ} # ${i}`, variables: { u } }),
          text: () => ({ query: `${S4_READ} `, variables: { u } }),
          id: () => ({ documentId: sha256Id(S4_READ), variables: { u } }),
        },
      },
    ];
    // Record what Waldur answers, warm each gateway on its own way (graphql-jit compiles what it
    // has seen three times), then replay.
    let sent = 0;
    for (const c of cases) for (let i = 0; i < 100; i++) for (const way of WAYS) await post(gateways[way].pool, c.body[way](sent++));
    await fetch(`${replayUrl}/__replay/mode?m=replay`);
    const rows: string[] = [];
    for (const c of cases) {
      const cpu: Record<Way, number[]> = { fresh: [], text: [], id: [] };
      // Alternating runs, so drift in the machine's load falls on all alike. "Fresh" text differs
      // in a comment each time: no cache helps it, as for a client that writes values into its text.
      for (let r = 0; r < RUNS; r++) {
        for (const k of ORDERS[r % ORDERS.length]!) {
          const way = WAYS[k]!;
          const { pool, gw } = gateways[way];
          cpu[way].push(await cpuPerOp(pool, gw.pid, (n) => c.body[way](sent + n)));
          sent += OPS;
        }
      }
      const [f, t, i] = [median(cpu.fresh), median(cpu.text), median(cpu.id)];
      rows.push(`| ${c.scenario} | ${round(f, 3)} | ${round(t, 3)} | ${round(i, 3)} | ${round(i / f, 2)} | ${round(i / t, 2)} |`);
    }
    await Promise.all(WAYS.map((w) => gateways[w].pool.close()));
    const stats = (await (await fetch(`${replayUrl}/__replay/stats`)).json()) as { misses: number };
    return [
      START,
      '### Trusted documents: by id against by text',
      '',
      `\`npm run bench\` (its last step, \`bench/trusted-documents.ts\`): three gateway processes in \`TRUSTED_DOCUMENTS_MODE=audit\`, one per way of sending (V8 optimises the resolvers for the code that calls them; a gateway in enforce mode runs ids only), against the replay upstream, ${OPS} sequential operations per run, median of ${RUNS} runs (each way after each other equally often), CPU of the gateway process per operation. ${cpus().length} cores, Node ${process.version}; replay misses: ${stats.misses}.`,
      '',
      '| scenario | CPU ms/op by new text | by repeated text | by id | by id / by new text | by id / by repeated text |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      '"New text" is a different text every request (a comment numbered per request): parsed, validated, costed and executed by graphql-js each time, as every request was before trusted documents. "Repeated text" is one unregistered text sent again and again: yoga\'s parse and validation caches and graphql-jit (from its third run) serve it. "By id" is the registered document, parsed, validated, costed and compiled when the manifest loaded: it runs compiled from its first request and skips the text, the caches and the validation rules. The trusted-documents issue\'s goal is by id at most 0.6 of by text: compare the two ratio columns with it. Against repeated text the caches already did most of that work, and what is left (the REST calls, reading Waldur\'s JSON, the resolvers and serialising the answer) is the same on both paths.',
      END,
    ].join('\n');
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the comparison and puts its section into the report (replacing an earlier one). */
export async function writeTrustedDocumentsSection(out = OUT): Promise<string> {
  return replaceSection(out, START, END, await runTrustedDocuments());
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${await writeTrustedDocumentsSection()}\n`);
