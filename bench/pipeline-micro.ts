// µs per REST call through the upstream session alone (no GraphQL, no wire): `npx tsx bench/pipeline-micro.ts [before-dir]`.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

async function measure(dir: string): Promise<number> {
  const mod = (p: string) => import(pathToFileURL(join(dir, 'dist', p)).href);
  const { createLogger } = await mod('config/logger.js');
  const { UpstreamClient } = await mod('upstream/client.js');
  const client = new UpstreamClient({
    apiUrl: 'http://w.invalid/api/',
    connectTimeoutMs: 1,
    headersTimeoutMs: 5000,
    bodyTimeoutMs: 5000,
    connections: 128,
    maxConcurrencyPerOperation: 64,
    logger: createLogger('silent'),
  });
  const answer = { status: 200, headers: {}, data: {} };
  if (client.transport) client.transport.send = async () => answer;
  else client.dispatch = async () => answer;
  const op = async (k: number) => {
    const s = client.session({ authorization: 'Token abcdef0123456789' });
    await Promise.all(Array.from({ length: k }, (_, i) => s.request({ method: 'GET', path: `things/${i}/` })));
    s.finish();
  };
  for (let i = 0; i < 2000; i++) await op(20);
  const c0 = process.cpuUsage();
  const n = 5000;
  for (let i = 0; i < n; i++) await op(20);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n / 20;
}
const dirs = { gateway: resolve('.'), ...(process.argv[2] ? { before: resolve(process.argv[2]) } : {}) };
for (let r = 0; r < 3; r++) for (const [k, d] of Object.entries(dirs)) console.log(k, (await measure(d)).toFixed(2), 'µs CPU per call');
