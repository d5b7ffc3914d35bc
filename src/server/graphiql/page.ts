import type { GraphiQLOptions } from 'graphql-yoga';
import { ASSET_NAMES } from './assets.js';

/** JSON inside a <script> element: `<` escaped so no value can close the element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Yoga's own page, but every asset from `base` on this origin: the gateway works behind a firewall.
 * Monaco's workers are plain same-origin scripts, so no blob URLs or fetches are needed.
 */
export function renderPage(base: string, opts: GraphiQLOptions): string {
  const a = (name: string) => `${base}/${name}`;
  const workers = { editorWorkerService: a(ASSET_NAMES.editorWorkerService), json: a(ASSET_NAMES.json), graphql: a(ASSET_NAMES.graphql) };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(opts.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${a(ASSET_NAMES.favicon)}" />
    <link rel="stylesheet" href="${a(ASSET_NAMES.css)}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };
    </script>
    <script src="${a(ASSET_NAMES.js)}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(opts)});
    </script>
  </body>
</html>
`;
}
