// CPU per REST call through the upstream session alone: no GraphQL, no wire (the transport answers
// from memory at once), 20 calls per operation. `npx tsx bench/pipeline-micro.ts [before-dir]`.
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './stats.js';
import { loadTree } from './tree.js';

interface Session {
  request(req: { method: string; path: string }): Promise<unknown>;
  finish(): void;
}
interface Client {
  session(c: { authorization: string }): Session;
}

async function once(dir: string, ops: number): Promise<number> {
  const answer = { status: 200, headers: {}, data: {} };
  const client = (await loadTree(dir)).client<Client>(async () => answer);
  const op = async () => {
    const s = client.session({ authorization: 'Token 0123456789abcdef0123456789abcdef01234567' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.request({ method: 'GET', path: `things/${i}/` })));
    s.finish();
  };
  for (let i = 0; i < 1000; i++) await op();
  const c0 = process.cpuUsage();
  for (let i = 0; i < ops; i++) await op();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / ops / 20;
}

/** Median CPU ms per call of each tree, over `rounds` alternating rounds. */
export async function pipelineCpuPerCall(dirs: Record<string, string>, rounds = 7, ops = 4000): Promise<Record<string, number>> {
  const out: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) for (const [k, d] of Object.entries(dirs)) (out[k] ??= []).push(await once(resolve(d), ops));
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = await pipelineCpuPerCall({ gateway: root, ...(process.argv[2] ? { before: process.argv[2] } : {}) });
  for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${(v * 1000).toFixed(2)} µs CPU per call\n`);
}
