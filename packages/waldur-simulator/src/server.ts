import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimContext } from './context.js';
import { actOut, compileFaults, pickFault, type ActiveFault, type FaultSpec } from './faults.js';
import { HttpAnswer, Router, drf, readBody, send } from './http.js';
import { checklistRoutes } from './checklists.js';
import { consentRoutes } from './consents.js';
import { offeringUserRoutes } from './offering-users.js';
import { serviceProviderListRoutes } from './service-provider-lists.js';
import { serviceProviderRoutes } from './service-providers.js';
import { startAgent } from './agent.js';
import { seedStore } from './seed.js';
import type { Store, User } from './store.js';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Offering users to seed. */
  size?: number;
  /** Artificial latency added to every REST request, for benchmarks. */
  latencyMs?: number;
  /** Serve /__simulator/{latency,stats} so another process (the benchmark) can steer it. */
  control?: boolean;
  /** Move a few accounts along every this many ms, as a site agent would (0 or unset: never). */
  agentIntervalMs?: number;
  /** Sees every /api/ request and its answer (the contract checker in the tests listens here). */
  onExchange?: (exchange: Exchange) => void;
}

/** One request to /api/ and the answer sent, as a schema checker needs them. */
export interface Exchange {
  method: string;
  /** Path and query as received. */
  path: string;
  requestType: string | undefined;
  /** Parsed request body; undefined when none was sent. */
  requestBody: unknown;
  status: number;
  responseType: string | undefined;
  responseBody: unknown;
}

export interface LoggedRequest {
  method: string;
  /** Path and query as received, e.g. /api/marketplace-offering-users/?page=1 */
  path: string;
  status: number;
  /** Username of the authenticated caller, if any. */
  caller?: string;
  /** Parsed JSON body of writes. */
  body?: unknown;
  /** Size of the response body sent. */
  bytes: number;
  /** The fault acted out instead of (or after) answering, if any. */
  fault?: string;
  /** The W3C trace context the caller sent, if any. */
  traceparent?: string;
}

export interface Simulator {
  url: string;
  apiRoot: string;
  store: Store;
  /** Every request answered since start or the last clearLog/reset. */
  requests: LoggedRequest[];
  clearLog(): void;
  reset(): void;
  setLatency(ms: number): void;
  /** Replaces the active faults (empty list: behave). */
  setFaults(faults: FaultSpec[]): void;
  /** Highest number of requests handled at once since start or the last clearLog(). */
  readonly maxInFlight: number;
  /** The request handler itself, for in-process clients that send no bytes over a socket. */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

const ROOT_ROUTES = ['marketplace-offering-users', 'marketplace-user-offering-consents', 'marketplace-service-providers'];

function authenticate(store: Store, header: string | undefined): User {
  if (!header) throw drf.unauthenticated();
  const [keyword, ...rest] = header.trim().split(/\s+/);
  const kw = keyword?.toLowerCase();
  if (kw !== 'token' && kw !== 'bearer') throw drf.unauthenticated();
  if (rest.length === 0) throw drf.unauthenticated('Invalid token. No credentials provided.');
  if (rest.length > 1) throw drf.unauthenticated('Invalid token. Token string should not contain spaces.');
  const uuid = store.tokens.get(rest[0]!);
  const user = uuid ? store.users.get(uuid) : undefined;
  if (!user) throw drf.unauthenticated('Invalid token.');
  if (!user.is_active) throw drf.unauthenticated('User inactive or deleted.');
  return user;
}

export function buildRouter(): Router<SimContext> {
  const router = new Router<SimContext>();
  // Before the offering-user routes: `checklist-template/` would otherwise match `{uuid}/`.
  checklistRoutes(router);
  offeringUserRoutes(router);
  consentRoutes(router);
  serviceProviderRoutes(router);
  serviceProviderListRoutes(router);
  return router;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const size = opts.size ?? 300;
  let store = seedStore({ size });
  let latency = opts.latencyMs ?? 0;
  const requests: LoggedRequest[] = [];
  const router = buildRouter();
  let apiRoot = '';
  let faults: ActiveFault[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let totalRequests = 0;
  /** Writes that took effect, by `METHOD /path`, whether or not their answer was delivered. */
  const writes = new Map<string, number>();
  let totalBytes = 0;
  // The log is for tests; a long-running simulator keeps only its tail.
  const LOG_LIMIT = 20_000;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    let answer: HttpAnswer;
    let caller: string | undefined;
    let body: unknown;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      const match = router.match(req.method ?? 'GET', url.pathname);
      const before = url.pathname.startsWith('/api/') ? pickFault(faults, req.method ?? 'GET', `${url.pathname}${url.search}`, 'before') : undefined;
      if (before && before.kind !== 'latency') {
        inFlight--;
        requests.push({
          method: req.method ?? 'GET',
          path: `${url.pathname}${url.search}`,
          status: before.kind === 'status' ? (before.status ?? 500) : 0,
          bytes: 0,
          fault: before.kind,
        });
        actOut(before, req, res);
        return;
      }
      if (before?.kind === 'latency') await new Promise((r) => setTimeout(r, before.latencyMs ?? 1000));
      if (opts.control && url.pathname.startsWith('/__simulator/')) {
        if (url.pathname === '/__simulator/latency' && req.method === 'POST') latency = Number(url.searchParams.get('ms') ?? 0);
        if (url.pathname === '/__simulator/faults' && req.method === 'POST') faults = compileFaults(((await readBody(req)) as FaultSpec[]) ?? []);
        answer = new HttpAnswer(
          200,
          url.pathname === '/__simulator/writes' ? Object.fromEntries(writes) : { latencyMs: latency, requests: totalRequests, bytes: totalBytes, maxInFlight },
        );
        if (url.pathname === '/__simulator/reset-stats') {
          totalRequests = 0;
          totalBytes = 0;
          maxInFlight = inFlight;
        }
      } else if (url.pathname === '/api/' && (req.method === 'GET' || req.method === 'HEAD')) {
        // The API root answers without credentials, which makes it the readiness probe's target.
        answer = new HttpAnswer(200, Object.fromEntries(ROOT_ROUTES.map((r) => [r, `${apiRoot}${r}/`])));
      } else if (match === undefined) {
        answer = new HttpAnswer(404, { detail: 'Not found.' });
      } else if (match === 'method') {
        answer = drf.methodNotAllowed(req.method ?? '');
      } else {
        const user = authenticate(store, req.headers.authorization);
        caller = user.username;
        body = await readBody(req);
        answer = await match.handler({ method: req.method ?? 'GET', url, params: match.params, headers: req.headers, body }, { store, apiRoot, caller: user });
      }
    } catch (err) {
      if (err instanceof HttpAnswer) answer = err;
      else {
        process.stderr.write(`simulator: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
        answer = new HttpAnswer(500, { detail: 'A server error occurred.' });
      }
    }
    inFlight--;
    if (req.method !== 'GET' && req.method !== 'HEAD' && answer.status < 300 && url.pathname.startsWith('/api/')) {
      const key = `${req.method} ${url.pathname}`;
      writes.set(key, (writes.get(key) ?? 0) + 1);
    }
    // Drain any unread request body so keep-alive connections stay usable.
    req.resume();
    const after = url.pathname.startsWith('/api/') ? pickFault(faults, req.method ?? 'GET', `${url.pathname}${url.search}`, 'after') : undefined;
    if (after) {
      // The request was handled (a write took effect) but the answer never arrives.
      requests.push({
        method: req.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        status: answer.status,
        caller,
        bytes: 0,
        fault: after.kind,
        ...(body !== undefined ? { body } : {}),
      });
      actOut(after.kind === 'latency' ? { ...after, kind: 'reset' } : after, req, res);
      return;
    }
    const bytes = send(res, answer, req.method === 'HEAD');
    if (url.pathname.startsWith('/__simulator/')) return;
    if (opts.onExchange && url.pathname.startsWith('/api/')) {
      // An unauthenticated request never had its body read; read nothing more into it.
      opts.onExchange({
        method: req.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        requestType: req.headers['content-type'],
        requestBody: body,
        status: answer.status,
        responseType: answer.body === undefined ? undefined : (answer.headers['content-type'] ?? 'application/json'),
        responseBody: answer.body,
      });
    }
    totalRequests++;
    totalBytes += bytes;
    if (requests.length >= LOG_LIMIT) requests.splice(0, requests.length - LOG_LIMIT + 1);
    const traceparent = typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined;
    requests.push({
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: answer.status,
      caller,
      bytes,
      ...(body !== undefined ? { body } : {}),
      ...(traceparent ? { traceparent } : {}),
    });
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  const url = `http://${host}:${port}`;
  apiRoot = `${url}/api/`;
  const stopAgent = startAgent(() => store, opts.agentIntervalMs ?? 0);

  return {
    url,
    apiRoot,
    handle: (req, res) => void handle(req, res),
    get store() {
      return store;
    },
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    clearLog: () => {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    reset: () => {
      store = seedStore({ size });
      requests.length = 0;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    setFaults: (specs) => {
      faults = compileFaults(specs);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopAgent();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
