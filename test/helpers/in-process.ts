import { inject } from 'light-my-request';
import { FormData } from 'undici';
import type { Simulator } from 'waldur-simulator/server';
import { type Query } from '../../src/upstream/query.js';
import { DEFAULT_MAX_URL_BYTES, type SendOptions, type Transport, type UpstreamRequest, type UpstreamResponse } from '../../src/upstream/types.js';
import { answerFrom, resolveRoute } from '../../src/upstream/undici-transport.js';
import { UpstreamError } from '../../src/upstream/errors.js';

/**
 * Waldur in the same process: each REST call is handed to the simulator's request handler as an
 * injected request (light-my-request: no socket, no port), and its answer goes through the same
 * checks as on the wire (`answerFrom`). For suites that test what the gateway does with Waldur's
 * answers; the contract, end-to-end, hostile and browser suites keep real HTTP.
 */
export class SimulatorTransport implements Transport {
  readonly hostname: string;
  readonly wholeRequestMs = 60_000;
  private readonly base: URL;

  constructor(private readonly sim: Simulator) {
    this.base = new URL(sim.apiRoot);
    this.hostname = this.base.hostname;
  }

  resolvePath(path: string, query?: Query): string {
    return resolveRoute(this.base, path, query, DEFAULT_MAX_URL_BYTES);
  }

  absoluteUrl(path: string): string {
    return new URL(path, this.base).toString();
  }

  async send(req: UpstreamRequest, o: SendOptions): Promise<UpstreamResponse> {
    if (o.signal?.aborted) throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'The request was aborted.', { method: req.method, path: req.path });
    const headers: Record<string, string> = { accept: 'application/json', host: this.base.host, ...o.credentials.extraHeaders, ...o.callHeaders };
    if (o.credentials.authorization) headers.authorization = o.credentials.authorization;
    let payload: string | undefined;
    if (req.body instanceof FormData) throw new Error('A multipart upload needs real HTTP: start this stack without inProcess.');
    if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const res = await inject(this.sim.handle, { method: req.method, url: o.resolvedPath ?? this.resolvePath(req.path, req.query), headers, payload });
    return answerFrom(req, res.statusCode, res.headers as Record<string, string | string[] | undefined>, res.payload);
  }

  async close(): Promise<void> {}
}
