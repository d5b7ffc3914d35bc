import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from './create-gateway.js';
import { DEFAULTS } from '../config/defaults.js';

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes idle sockets. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerTimeouts {
  /** Whole request, body included: a body that trickles in is cut off (Node's default is 300 s). */
  requestTimeoutMs: number;
  /** Above load balancers' idle timeouts (AWS ALB 60 s), so the balancer closes first: no 502s. */
  keepAliveTimeoutMs: number;
  /** Time to receive a request's headers; at most requestTimeoutMs (Node's rule, applied here). */
  headersTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = DEFAULTS.server;

export async function listen(gateway: Gateway, port: number, host: string, timeouts: ServerTimeouts = DEFAULT_TIMEOUTS): Promise<RunningServer> {
  const server = createServer(
    {
      requestTimeout: timeouts.requestTimeoutMs,
      headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // Node checks those timeouts every 30 s by default; check often enough to honour them.
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, timeouts.requestTimeoutMs / 4)),
    },
    gateway,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${addr.port}`,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
