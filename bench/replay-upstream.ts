import { createServer, type IncomingMessage } from 'node:http';
import { Pool } from 'undici';

/**
 * A Waldur that costs nothing: it answers each REST call from a response recorded from the
 * simulator, held in memory as bytes. `record` forwards to the simulator and keeps what it
 * answered; `replay` serves the recording (a call never recorded is forwarded and counted as a
 * miss). With it, the gateway or the peer is the bottleneck, not the simulator.
 */
const target = new Pool(process.env.TARGET_URL!, { connections: 64 });
const recorded = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
let mode: 'record' | 'replay' = 'record';
/** Every replayed answer waits this long first (a fixed upstream latency, none of Waldur's CPU). */
let delayMs = 0;
let hits = 0;
let misses = 0;

const KEEP = ['content-type', 'x-result-count', 'link'];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

createServer(async (req, res) => {
  if (req.url!.startsWith('/__replay/')) {
    const q = new URL(req.url!, 'http://x').searchParams;
    if (req.url!.startsWith('/__replay/mode')) mode = q.get('m') === 'replay' ? 'replay' : 'record';
    if (req.url!.startsWith('/__replay/delay')) delayMs = Number(q.get('ms') ?? 0);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ mode, recorded: recorded.size, hits, misses, delayMs }));
    return;
  }
  const body = await readBody(req);
  const key = `${req.method} ${req.url}`;
  const hit = mode === 'replay' ? recorded.get(key) : undefined;
  if (hit) {
    hits++;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    res.writeHead(hit.status, { ...hit.headers, 'content-length': hit.body.length });
    res.end(hit.body);
    return;
  }
  if (mode === 'replay') misses++;
  const headers: Record<string, string> = {};
  for (const h of ['authorization', 'content-type', 'accept']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
  const up = await target.request({ method: req.method as 'GET', path: req.url!, headers, body: body.length ? body : undefined });
  const out = Buffer.from(await up.body.arrayBuffer());
  const kept: Record<string, string> = {};
  for (const h of KEEP) if (typeof up.headers[h] === 'string') kept[h] = up.headers[h];
  if (mode === 'record') recorded.set(key, { status: up.statusCode, headers: kept, body: out });
  res.writeHead(up.statusCode, { ...kept, 'content-length': out.length });
  res.end(out);
}).listen(Number(process.env.PORT), '127.0.0.1');
