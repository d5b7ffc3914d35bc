import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoFor } from 'waldur-simulator/demo';
import { startSimulator } from 'waldur-simulator/server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONSOLE = join(ROOT, 'examples', 'provider-console');
export const CONSOLE_MANIFEST = join(CONSOLE, 'src', 'gql', 'persisted-documents.json');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface ConsoleStack {
  /** The console, signed in as the demo provider owner on the demo provider. */
  url: string;
  consoleUrl: string;
  gatewayUrl: string;
  simulator: Awaited<ReturnType<typeof startSimulator>>;
  output(): string;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The provider console beside a gateway as production runs it (`node dist/main.js`, trusted
 * documents enforced with the console's manifest, staff may still use GraphiQL) in front of a
 * simulator. The console's server proxies `/graphql` to the gateway: one origin, no CORS to set up.
 */
export async function startConsoleStack(opts: { port?: number; gatewayPort?: number } = {}): Promise<ConsoleStack> {
  // The demo site agent moves accounts along in `npm run console`, not in the tests (they move them themselves).
  const simulator = await startSimulator({ port: 0, size: 300, agentIntervalMs: process.env.NODE_ENV === 'test' ? 0 : 5_000 });
  const demo = demoFor(simulator);
  const gatewayPort = opts.gatewayPort ?? 0;
  const gateway = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      WALDUR_API_URL: simulator.apiRoot,
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      TRUSTED_DOCUMENTS: CONSOLE_MANIFEST,
      TRUSTED_DOCUMENTS_MODE: 'enforce',
      TRUSTED_DOCUMENTS_ARBITRARY: 'staff',
      LIVE_POLL_INTERVAL_MS: process.env.LIVE_POLL_INTERVAL_MS ?? '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  gateway.stdout.on('data', (d) => (out += d));
  gateway.stderr.on('data', (d) => (out += d));
  const gatewayUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${out.slice(-2000)}`)), 30_000);
    const check = () => {
      const m = /GraphQL gateway ready at (http:\/\/[^\s"]+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    gateway.stdout.on('data', check);
    gateway.stderr.on('data', check);
    gateway.once('exit', (code) => reject(new Error(`the gateway exited with ${code}: ${out.slice(-2000)}`)));
  });
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://console');
      if (url.pathname === '/graphql') {
        const headers: Record<string, string> = {};
        for (const h of ['content-type', 'accept', 'authorization', 'last-event-id']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
        const gone = new AbortController();
        res.once('close', () => gone.abort());
        const upstream = await fetch(`${gatewayUrl}/graphql${url.search}`, {
          method: req.method,
          headers,
          body: req.method === 'POST' ? new Uint8Array(await body(req)) : undefined,
          signal: gone.signal,
        });
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
          ...(upstream.headers.get('x-accel-buffering') ? { 'cache-control': 'no-cache' } : {}),
        });
        // Subscriptions stream (SSE): pass each chunk on as it comes.
        if (upstream.body) for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        res.end();
        return;
      }
      const file = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '');
      try {
        const data = await readFile(join(CONSOLE, 'dist', file));
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(data);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
      }
    })().catch((err: unknown) => {
      // A stream the client closed, or the gateway ended, mid-way: nothing more to say.
      if (res.headersSent) return void res.end();
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`The gateway did not answer: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const consoleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${consoleUrl}/#token=${demo.tokens.owner}&provider=${demo.examples.serviceProvider}`,
    consoleUrl,
    gatewayUrl,
    simulator,
    output: () => out,
    async close() {
      server.close();
      const exited = new Promise((r) => gateway.once('exit', r));
      if (gateway.exitCode === null) gateway.kill('SIGTERM');
      await exited;
      await simulator.close();
    },
  };
}
