import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A built gateway tree (`dir/dist`), this checkout's or another's, as the in-memory benchmarks use it. */
export interface Tree {
  logger: unknown;
  /** The tree's UpstreamClient over no Waldur at all: the caller replaces its wire with `answer`. */
  client<C>(answer: (req: { path: string }) => Promise<unknown>): C;
  createGateway(o: Record<string, unknown>): { fetch: (url: string, init: RequestInit) => Promise<Response> | Response };
}

export async function loadTree(dir: string): Promise<Tree> {
  const mod = (p: string) => import(pathToFileURL(join(dir, 'dist', p)).href) as Promise<Record<string, unknown>>;
  const { createLogger } = (await mod('config/logger.js')) as { createLogger: (l: string) => unknown };
  const { createGateway } = (await mod('server/create-gateway.js')) as { createGateway: Tree['createGateway'] };
  const { UpstreamClient } = (await mod('upstream/client.js')) as { UpstreamClient: new (o: unknown) => Record<string, unknown> };
  const logger = createLogger('silent');
  return {
    logger,
    createGateway,
    client<C>(answer: (req: { path: string }) => Promise<unknown>): C {
      const c = new UpstreamClient({
        apiUrl: 'http://waldur.invalid/api/',
        connectTimeoutMs: 1000,
        headersTimeoutMs: 5000,
        bodyTimeoutMs: 5000,
        connections: 128,
        maxConcurrencyPerOperation: 64,
        logger,
      });
      // This tree's transport, or an older tree's wire method (before the pipeline had a Transport).
      if (c.transport) (c.transport as { send: typeof answer }).send = answer;
      else c.dispatch = answer;
      return c as C;
    },
  };
}
