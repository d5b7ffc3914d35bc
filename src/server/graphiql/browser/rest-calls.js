// The "REST calls" panel of the gateway's GraphiQL: a GraphiQL plugin (title, icon, content) that
// shows the Waldur REST calls the last operation made, as a waterfall grouped by dependent level.
// Plain browser JavaScript on the React that GraphiQL's bundle exposes (globalThis.React): the page
// loads it as a module after graphiql.js and before rendering, with no build step and no CDN.
//
// It sends `x-upstream-trace: 1` on this page's own requests to the GraphQL endpoint (never
// introspection, never another URL) and reads `extensions.upstreamCalls` from a clone of the answer,
// so GraphiQL's own fetcher (and its SSE subscriptions) stays as yoga ships it.

import { levels, queryText } from './rest-levels.js';

const React = globalThis.React;
const h = React.createElement;
const config = globalThis.WaldurGraphiQLConfig ?? {};
const endpoint = new URL(config.endpoint ?? location.pathname, location.href).href;

/** The last traced answer; the panel renders from it. */
const store = {
  state: { kind: 'idle' },
  listeners: new Set(),
  set(state) {
    this.state = state;
    for (const l of this.listeners) l();
  },
  subscribe(l) {
    store.listeners.add(l);
    return () => store.listeners.delete(l);
  },
};

function operationNameOf(input, init) {
  try {
    if (typeof init?.body === 'string') {
      const body = JSON.parse(init.body);
      return (Array.isArray(body) ? body[0] : body)?.operationName ?? null;
    }
    return new URL(typeof input === 'string' ? input : input.url, location.href).searchParams.get('operationName');
  } catch {
    return null;
  }
}

const nativeFetch = globalThis.fetch.bind(globalThis);
/**
 * Under TRUSTED_DOCUMENTS_MODE=enforce the gateway refuses documents sent as text from callers the
 * operator has not allowed: GraphiQL then cannot even load the schema. Say so at the top of the page
 * instead of leaving "Error fetching schema" to explain it.
 */
function explainRefusal(response) {
  if (response.status !== 400) return;
  response
    .clone()
    .json()
    .then((body) => {
      if (body?.errors?.[0]?.extensions?.code !== 'PERSISTED_DOCUMENT_REQUIRED' || document.getElementById('waldur-trusted-banner')) return;
      const banner = document.createElement('div');
      banner.id = 'waldur-trusted-banner';
      banner.setAttribute('role', 'alert');
      banner.textContent =
        'This gateway runs registered operations only (TRUSTED_DOCUMENTS_MODE=enforce), so GraphiQL cannot send its own queries with these credentials. ' +
        'Put a Waldur staff or support token in the Headers tab (when the operator allows staff: TRUSTED_DOCUMENTS_ARBITRARY=staff), or the x-trusted-documents-secret header, then reload.';
      document.body.prepend(banner);
    })
    .catch(() => undefined);
}

globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url, location.href);
  const operationName = operationNameOf(input, init);
  if (`${url.origin}${url.pathname}` !== endpoint) return nativeFetch(input, init);
  if (!config.trace || operationName === 'IntrospectionQuery') {
    const response = await nativeFetch(input, init);
    explainRefusal(response);
    return response;
  }
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('x-upstream-trace', '1');
  store.set({ kind: 'running', operationName });
  const response = await nativeFetch(input, { ...init, headers });
  explainRefusal(response);
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream') || type.includes('multipart/mixed')) {
    store.set({ kind: 'stream', operationName });
  } else if (type.includes('json')) {
    response
      .clone()
      .json()
      .then((body) => {
        const result = Array.isArray(body) ? body[0] : body;
        store.set({
          kind: 'done',
          operationName,
          calls: result?.extensions?.upstreamCalls,
          omitted: result?.extensions?.upstreamCallsOmitted ?? 0,
          errorCode: result?.errors?.[0]?.extensions?.code,
        });
      })
      .catch(() => store.set({ kind: 'unreadable', operationName }));
  }
  return response;
};

const ok = (status) => typeof status === 'number' && status < 400;
const ms = (n) => `${Math.round(n)} ms`;

function Group({ group, total }) {
  const [open, setOpen] = React.useState(false);
  const failed = group.calls.filter((c) => !ok(c.status));
  const retries = group.calls.filter((c) => c.attempt > 0).length;
  const shared = group.calls.reduce((n, c) => n + (c.askedBy > 1 ? c.askedBy - 1 : 0), 0);
  const statuses = [...new Set(group.calls.map((c) => String(c.status)))].join(', ');
  const scale = (x) => `${total > 0 ? (100 * x) / total : 0}%`;
  return h(
    'li',
    { className: 'waldur-rest-group', 'data-route': group.path },
    h(
      'button',
      {
        type: 'button',
        className: 'waldur-rest-label',
        title: open ? 'Hide the calls' : 'Show each call',
        onClick: () => setOpen(!open),
        'aria-expanded': open,
      },
      h('span', { className: 'waldur-rest-method' }, group.method),
      ' ',
      h('span', { className: 'waldur-rest-route' }, group.path),
      group.calls.length > 1 ? h('span', { className: 'waldur-rest-count' }, ` ×${group.calls.length}`) : null,
    ),
    h(
      'div',
      { className: 'waldur-rest-meta' },
      h('span', { className: failed.length ? 'waldur-rest-status waldur-rest-failed' : 'waldur-rest-status' }, statuses),
      ` · ${ms(group.end - group.start)}`,
      retries ? ` · ${retries} retr${retries === 1 ? 'y' : 'ies'}` : '',
      shared ? ` · shared by ${shared + group.calls.length} fields` : '',
    ),
    h(
      'div',
      { className: 'waldur-rest-track' },
      h('div', {
        className: failed.length ? 'waldur-rest-bar waldur-rest-failed' : 'waldur-rest-bar',
        style: { left: scale(group.start), width: `max(2px, ${scale(group.end - group.start)})` },
      }),
    ),
    open
      ? h(
          'ol',
          { className: 'waldur-rest-calls-list' },
          group.calls.map((c, i) =>
            h(
              'li',
              { key: i },
              h('code', null, `${c.method} ${c.path}${Object.keys(c.query).length ? `?${queryText(c.query)}` : ''}`),
              ` ${c.status} · ${ms(c.ms)} from ${ms(c.startedAtMs)}${c.attempt ? ` · retry ${c.attempt}` : ''}${c.askedBy > 1 ? ` · ${c.askedBy} fields` : ''}`,
            ),
          ),
        )
      : null,
  );
}

function Summary({ state }) {
  if (!config.trace) return h('p', null, 'This gateway does not show REST calls (UPSTREAM_TRACE=false).');
  if (state.kind === 'idle') return h('p', null, 'Run an operation: the REST calls it makes to Waldur show here, in the order they went out.');
  if (state.kind === 'running') return h('p', null, `Running ${state.operationName ?? 'the operation'}…`);
  if (state.kind === 'stream') return h('p', null, 'Subscriptions and incremental answers do not list REST calls: their polls are not this request’s own.');
  if (state.kind === 'unreadable') return h('p', null, 'The answer could not be read.');
  return null;
}

function RestCallsPanel() {
  const state = React.useSyncExternalStore(store.subscribe, () => store.state);
  const header = h('div', { className: 'graphiql-doc-explorer-title' }, 'REST calls');
  if (state.kind !== 'done' || !config.trace) return h('div', { className: 'waldur-rest' }, header, h(Summary, { state }));
  const calls = state.calls ?? [];
  const name = state.operationName ?? 'The operation';
  if (!calls.length) {
    const why = state.errorCode ? `: it was refused before it ran (${state.errorCode})` : '';
    return h('div', { className: 'waldur-rest' }, header, h('p', { className: 'waldur-rest-summary' }, `${name} made no REST calls${why}.`));
  }
  const grouped = levels(calls);
  const total = Math.max(...calls.map((c) => c.startedAtMs + c.ms));
  const count = calls.length + state.omitted;
  const limit = config.requestLimit ? ` of ${config.requestLimit} allowed` : '';
  return h(
    'div',
    { className: 'waldur-rest' },
    header,
    h(
      'p',
      { className: 'waldur-rest-summary' },
      `${name}: ${count} REST call${count === 1 ? '' : 's'}${limit} in ${grouped.length} level${grouped.length === 1 ? '' : 's'}, ${ms(total)}`,
    ),
    state.omitted ? h('p', null, `${state.omitted} more calls are not listed.`) : null,
    grouped.map((level, i) =>
      h(
        'section',
        { key: i, className: 'waldur-rest-level' },
        h('h3', null, i === 0 ? 'Level 1: at once' : `Level ${i + 1}: after an answer of level ${i}`),
        h(
          'ul',
          null,
          level.map((g) => h(Group, { key: g.key, group: g, total })),
        ),
      ),
    ),
    h(
      'p',
      { className: 'waldur-rest-legend' },
      'One bar per route and level, from its first call to its last answer; click a route for each call. Identical reads are one call, shared by the fields that asked.',
    ),
  );
}

const icon = () =>
  h(
    'svg',
    { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, height: '1em', 'aria-hidden': true },
    h('path', { d: 'M3 5h10M3 12h14M3 19h7', strokeLinecap: 'round' }),
    h('path', { d: 'M17 4l4 4-4 4', strokeLinecap: 'round', strokeLinejoin: 'round' }),
  );

const style = document.createElement('style');
style.textContent = `
.waldur-rest p { color: hsla(var(--color-neutral), var(--alpha-secondary)); margin: var(--px-12) 0; }
.waldur-rest h3 { font-size: var(--font-size-body); font-weight: var(--font-weight-medium); margin: var(--px-16) 0 var(--px-4); }
.waldur-rest ul, .waldur-rest ol { list-style: none; margin: 0; padding: 0; }
.waldur-rest-group { margin: var(--px-8) 0; }
.waldur-rest-label { all: unset; cursor: pointer; font-family: var(--font-family-mono); font-size: var(--font-size-inline-code); word-break: break-all; }
.waldur-rest-method { font-weight: var(--font-weight-medium); }
.waldur-rest-count { color: hsl(var(--color-primary)); font-weight: var(--font-weight-medium); }
.waldur-rest-meta { font-size: var(--font-size-hint); color: hsla(var(--color-neutral), var(--alpha-secondary)); }
.waldur-rest-status { color: hsl(var(--color-success)); }
.waldur-rest-track { position: relative; height: 8px; margin-top: 2px; background: hsla(var(--color-neutral), var(--alpha-background-light)); border-radius: 4px; }
.waldur-rest-bar { position: absolute; top: 0; bottom: 0; background: hsl(var(--color-primary)); border-radius: 4px; }
.waldur-rest-failed { color: hsl(var(--color-error)); background-color: hsl(var(--color-error)); }
.waldur-rest-status.waldur-rest-failed { background: none; }
.waldur-rest-calls-list li { font-size: var(--font-size-hint); margin: var(--px-4) 0 var(--px-4) var(--px-12); word-break: break-all; }
.waldur-rest-legend { font-size: var(--font-size-hint); }
#waldur-trusted-banner { padding: 8px 16px; font: 14px/1.4 system-ui, sans-serif; background: hsl(var(--color-warning)); color: #000; }
`;
document.head.append(style);

/** Added to GraphiQL's own plugins (the explorer stays) by the gateway's build of the page. */
globalThis.WaldurGraphiQLPlugins = [{ title: 'REST calls', icon, content: RestCallsPanel }];
