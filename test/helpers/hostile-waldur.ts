import type { Socket } from 'node:net';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

/** What the script does with one request: answer (JSON or raw), stream, or hang. */
export type Act = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * A deliberately misbehaving Waldur on loopback, scripted per test: the gateway fronts it with
 * `WALDUR_API_URL`. Every request it receives is recorded, including those that arrive after the
 * gateway has answered its client.
 */
export async function startHostileWaldur(script: (r: Received) => Act) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const r = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
    received.push(r);
    req.resume();
    void script(r)(req, res);
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiRoot: `${url}/api/`,
    received,
    /** Requests other than the readiness probe. */
    calls: () => received.filter((r) => r.path !== '/api/'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Act =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
  };

/** A JSON array of `bytes` bytes or more, streamed so the server itself stays small. */
export const hugeList =
  (bytes: number, headers: Record<string, string> = {}): Act =>
  async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-result-count': '1', ...headers });
    const row = JSON.stringify({ uuid: '0'.repeat(32), pad: 'x'.repeat(1000) });
    const chunk = Buffer.from(`${Array.from({ length: 64 }, () => row).join(',')},`);
    res.write('[');
    for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end(`${row}]`);
  };

/** Headers, then a body that never ends (a byte every 100 ms). */
export const neverEnding: Act = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('[');
  const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 100);
  res.on('close', () => clearInterval(t));
};
