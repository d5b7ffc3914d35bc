import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Misbehaviour the simulator can be told to show, per route or at a rate: what a real Waldur
 * (or the proxies in front of it) does on a bad day.
 */
export type FaultKind =
  /** Added latency, then a normal answer. */
  | 'latency'
  /** An HTTP error status (500, 502, 503, 504, 429 with Retry-After...) instead of the answer. */
  | 'status'
  /** The TCP connection is reset without an answer. */
  | 'reset'
  /** Headers and half of a JSON body, then the connection is cut. */
  | 'truncate'
  /** 200 with an HTML body, like a misconfigured proxy. */
  | 'non-json'
  /** Headers, a few bytes, and then nothing, for ever. */
  | 'hang';

export interface FaultSpec {
  kind: FaultKind;
  /** Regular expression over `METHOD /path?query`; absent means every API request. */
  match?: string;
  /** Share of matching requests hit, 0..1 (default 1). */
  rate?: number;
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  /** Apply the fault after the request was handled: the change happened, the answer is lost. */
  after?: boolean;
}

export interface ActiveFault extends FaultSpec {
  pattern?: RegExp;
}

export function compileFaults(specs: FaultSpec[]): ActiveFault[] {
  return specs.map((f) => ({ ...f, pattern: f.match ? new RegExp(f.match) : undefined }));
}

export function pickFault(faults: ActiveFault[], method: string, path: string, phase: 'before' | 'after', random = Math.random): ActiveFault | undefined {
  const key = `${method} ${path}`;
  return faults.find((f) => Boolean(f.after) === (phase === 'after') && (!f.pattern || f.pattern.test(key)) && random() < (f.rate ?? 1));
}

/** Acts the fault out on the response; resolves when the simulator should stop handling it. */
export function actOut(fault: ActiveFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.kind) {
    case 'status': {
      const status = fault.status ?? 500;
      const body = JSON.stringify({ detail: status === 429 ? 'Request was throttled.' : 'A server error occurred.' });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(status, headers);
      res.end(body);
      return;
    }
    case 'reset':
      req.socket.destroy();
      return;
    case 'truncate':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('[{"url": "http://');
      setTimeout(() => req.socket.destroy(), 5);
      return;
    case 'non-json': {
      const body = '<html><body><h1>502 Bad Gateway</h1></body></html>';
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    case 'hang':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      return;
    default:
      return;
  }
}
