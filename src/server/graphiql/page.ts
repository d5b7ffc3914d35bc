import type { GraphiQLOptions } from 'graphql-yoga';
import { ASSET_NAMES } from './assets.js';

/** JSON inside a <script> element: `<` escaped so no value can close the element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the page's own scripts need to know about this gateway. */
export interface PageOptions {
  /** The gateway answers `x-upstream-trace: 1` (UPSTREAM_TRACE); the REST calls panel says so when not. */
  trace: boolean;
  /** REST calls one operation may make (LIMIT_UPSTREAM_REQUESTS), shown beside each count. */
  requestLimit?: number;
  /** Open the explorer on a first visit (simulator mode); a visitor's own choice is kept after that. */
  openExplorer: boolean;
}

/** GraphiQL's storage key of the open sidebar plugin, and the explorer's title in yoga's bundle. */
const VISIBLE_PLUGIN_KEY = 'graphiql:visiblePlugin';
const EXPLORER = 'GraphiQL Explorer';

/**
 * Yoga's own page, but every asset from `base` on this origin: the gateway works behind a firewall.
 * Monaco's workers are plain same-origin scripts, so no blob URLs or fetches are needed. Module
 * scripts run in document order after parsing: the REST calls panel registers before GraphiQL renders.
 */
export function renderPage(base: string, opts: GraphiQLOptions, page: PageOptions): string {
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
      self.WaldurGraphiQLConfig = ${scriptJson({ endpoint: opts.endpoint, trace: page.trace, requestLimit: page.requestLimit })};
      ${page.openExplorer ? `if (localStorage.getItem('${VISIBLE_PLUGIN_KEY}') === null) localStorage.setItem('${VISIBLE_PLUGIN_KEY}', '${EXPLORER}');` : ''}
    </script>
    <script type="module" src="${a(ASSET_NAMES.restCalls)}"></script>
    <script type="module">
      YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(opts)});
    </script>
  </body>
</html>
`;
}
