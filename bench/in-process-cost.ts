// The gateway's own CPU per operation and per REST call, with no socket anywhere: GraphQL in through
// `yoga.fetch`, REST answered from memory (the same parsed row for both: the wire and JSON parsing are out).
// What is left is receiving the operation, the pipeline of steps and execution. A gateway built
// elsewhere (`before`, e.g. a worktree of an older commit) is measured in the same process: its
// client's wire method is replaced by the same in-memory answer.
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, round } from './stats.js';
import { loadTree } from './tree.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ACCOUNT = (i: number) => `0c6bd5f9-0001-4000-8000-${String(i).padStart(12, '0')}`;
const row = (uuid: string) =>
  JSON.stringify({
    uuid: uuid.replace(/-/g, ''),
    offering_uuid: 'a'.repeat(32),
    user_uuid: 'b'.repeat(32),
    state: 'OK',
    username: 'x',
    created: '2024-01-01T00:00:00Z',
    modified: '2024-01-01T00:00:00Z',
  });
const reads = (k: number) => `{ ${Array.from({ length: k }, (_, i) => `a${i}: offeringUser(uuid: "${ACCOUNT(i)}") { uuid }`).join(' ')} }`;

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  data: unknown;
}
type Yoga = { fetch: (url: string, init: RequestInit) => Promise<Response> | Response };

/** A gateway (dist/ of `dir`) over an in-memory Waldur answering every detail read with one row. */
async function build(dir: string): Promise<Yoga> {
  const tree = await loadTree(dir);
  const answer = async (req: { path: string }): Promise<Answer> => {
    const uuid = /([0-9a-f-]{36})\/$/.exec(req.path)?.[1] ?? ACCOUNT(0);
    return { status: 200, headers: { 'content-type': 'application/json' }, data: JSON.parse(row(uuid)) };
  };
  return tree.createGateway({ client: tree.client(answer), logger: tree.logger, graphiql: false, introspection: true, jit: true });
}

async function cpuPerOp(yoga: Yoga, query: string, n: number): Promise<number> {
  const run = async () => {
    const r = await yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Token 0123456789abcdef0123456789abcdef01234567' },
      body: JSON.stringify({ query }),
    });
    const text = await r.text();
    if (text.includes('"errors"')) throw new Error(text.slice(0, 300));
  };
  for (let i = 0; i < 200; i++) await run();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}

/** Per operation (one read) and per extra REST call (15 reads against 1), medians of `rounds`. */
export async function inProcessCost(dirs: Record<string, string>, n = 1500, rounds = 5): Promise<string> {
  const gateways = Object.fromEntries(await Promise.all(Object.entries(dirs).map(async ([k, d]) => [k, await build(resolve(d))] as const)));
  const one: Record<string, number[]> = {};
  const perCall: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    // Alternating, so drift in the machine's speed hits every gateway alike.
    for (const [label, yoga] of Object.entries(gateways)) {
      const a = await cpuPerOp(yoga, reads(1), n);
      const b = await cpuPerOp(yoga, reads(15), Math.round(n / 4));
      (one[label] ??= []).push(a);
      (perCall[label] ??= []).push((b - a) / 14);
    }
  }
  const lines = [
    `In-process (no socket: \`yoga.fetch\` in, an in-memory transport out; \`npx tsx bench/in-process-cost.ts\`), median of ${rounds} alternating rounds of ${n} operations, CPU of the process:`,
    '',
    '| gateway | one read: CPU per operation ms | CPU per extra REST call ms |',
    '|---|---|---|',
    ...Object.keys(gateways).map((k) => `| ${k} | ${round(median(one[k]!), 3)} | ${round(median(perCall[k]!), 3)} |`),
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dirs: Record<string, string> = { gateway: root };
  if (process.argv[2]) dirs.before = process.argv[2];
  process.stdout.write(`${await inProcessCost(dirs)}\n`);
}
