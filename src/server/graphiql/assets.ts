import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

/** File names of everything the page loads, served under the gateway's own /graphiql/ path. */
export const ASSET_NAMES = {
  js: 'graphiql.js',
  css: 'graphiql.css',
  favicon: 'favicon.ico',
  editorWorkerService: 'editor.worker.js',
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
  restCalls: 'rest-calls.js',
  restLevels: 'rest-levels.js',
} as const;

/** Our own scripts for the page, plain browser modules kept beside this file (and copied to dist/ by tsc). */
const OWN_SCRIPTS = [ASSET_NAMES.restCalls, ASSET_NAMES.restLevels];

/**
 * Yoga's bundle renders GraphiQL with its explorer as the only plugin and lets a `plugins` option
 * replace it; this one edit appends the plugins the page puts on `globalThis.WaldurGraphiQLPlugins`
 * instead (the "REST calls" panel), so the explorer stays. Checked when the bundle loads: a yoga
 * upgrade that moves it fails the GraphiQL tests rather than silently dropping the panel.
 */
const PLUGINS_SITE = /plugins:\[(\w+)\],schemaDescription:!0/g;

export function withExtraPlugins(js: string): string {
  const sites = js.match(PLUGINS_SITE)?.length ?? 0;
  if (sites !== 1) throw new Error(`GraphiQL bundle: expected one plugins list to extend, found ${sites}`);
  return js.replace(PLUGINS_SITE, 'plugins:[$1,...(globalThis.WaldurGraphiQLPlugins??[])],schemaDescription:!0');
}

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', ico: 'image/x-icon' };

let loading: Promise<Map<string, Asset>> | undefined;

/**
 * GraphiQL's packaged build (the one yoga would load from a CDN), read from
 * `@graphql-yoga/render-graphiql` on first use: about 9 MB that a gateway with GraphiQL off never loads.
 * Assets are served separately (not inlined into the page) so browsers cache them once.
 */
export function loadAssets(): Promise<Map<string, Asset>> {
  loading ??= (async () => {
    const built = await import('@graphql-yoga/render-graphiql/graphiql');
    const favicon = Buffer.from(built.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64');
    const sources: Array<[string, Buffer]> = [
      [ASSET_NAMES.js, Buffer.from(withExtraPlugins(built.js))],
      [ASSET_NAMES.css, Buffer.from(built.css)],
      [ASSET_NAMES.favicon, favicon],
      [ASSET_NAMES.editorWorkerService, Buffer.from(built.editorWorkerService)],
      [ASSET_NAMES.json, Buffer.from(built.jsonWorker)],
      [ASSET_NAMES.graphql, Buffer.from(built.graphqlWorker)],
      ...(await Promise.all(OWN_SCRIPTS.map(async (name): Promise<[string, Buffer]> => [name, await readFile(new URL(`./browser/${name}`, import.meta.url))]))),
    ];
    const assets = new Map<string, Asset>();
    for (const [name, body] of sources) {
      const ext = name.slice(name.lastIndexOf('.') + 1);
      assets.set(name, {
        body: new Uint8Array(body),
        // zlib runs on the thread pool: the first page load does not hold the event loop.
        gzipped: new Uint8Array(await gzipAsync(body)),
        type: TYPES[ext] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      });
    }
    return assets;
  })();
  return loading;
}
