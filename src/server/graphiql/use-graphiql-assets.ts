import type { Plugin } from 'graphql-yoga';
import { loadAssets } from './assets.js';

/** Serves GraphiQL's scripts, styles, workers and icon under `base`, with ETags and gzip. */
export function useGraphiQLAssets(base: string): Plugin {
  const prefix = `${base}/`;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(prefix)) return;
      const asset = request.method === 'GET' || request.method === 'HEAD' ? (await loadAssets()).get(url.pathname.slice(prefix.length)) : undefined;
      if (!asset) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      const headers: Record<string, string> = {
        'content-type': asset.type,
        etag: asset.etag,
        // Revalidated on every page load (a 304 by ETag): an upgraded gateway never serves stale GraphiQL.
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
      };
      if (request.headers.get('if-none-match') === asset.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const body = gzip ? asset.gzipped : asset.body;
      if (gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = String(body.length);
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
