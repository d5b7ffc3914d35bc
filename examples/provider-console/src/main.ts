import { ApolloClient, InMemoryCache } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import type { ConsoleOfferingUsersQuery, OfferingUserState } from './gql/graphql.js';
import { documentIdLink } from './link.js';
import { LiveChanges, OfferingUsersPage, Providers, TRANSITIONS } from './operations.js';

type Row = NonNullable<NonNullable<ConsoleOfferingUsersQuery['serviceProvider']>['offeringUsers']>['nodes'][number];

const PAGE_SIZE = 10;
const STATES: OfferingUserState[] = [
  'REQUESTED',
  'CREATING',
  'PENDING_ACCOUNT_LINKING',
  'PENDING_ADDITIONAL_VALIDATION',
  'OK',
  'ERROR_CREATING',
  'DELETION_REQUESTED',
  'DELETING',
  'DELETED',
  'ERROR_DELETING',
];
const label = (s: string) => s.toLowerCase().replace(/_/g, ' ');

// The token and provider come in the URL fragment (never sent to a server) or from the form.
const params = new URLSearchParams(location.hash.slice(1));
const state = {
  token: params.get('token') ?? localStorage.getItem('console:token') ?? '',
  provider: params.get('provider') ?? '',
  page: 0,
  states: [] as OfferingUserState[],
};

const client = new ApolloClient({ link: documentIdLink('/graphql', () => state.token), cache: new InMemoryCache() });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** An element with properties (and `dataset` entries) and children. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props as { dataset?: Record<string, string> };
  const node = Object.assign(document.createElement(tag), rest);
  for (const [k, v] of Object.entries(dataset ?? {})) node.dataset[k] = v;
  node.append(...children);
  return node;
}

function say(message: string, kind: 'info' | 'error' = 'info') {
  const status = $('status');
  status.textContent = message;
  status.className = kind;
}

function renderRow(row: Row): HTMLTableRowElement {
  const consent = row.consent ? (row.consent.hasConsent ? (row.consent.requiresReconsent ? 're-consent needed' : 'given') : 'revoked') : 'none';
  const checklist = row.hasComplianceChecklist ? `${Math.round(row.completionStatus?.completionPercentage ?? 0)}%` : '—';
  const actions = el('td', { className: 'actions' });
  for (const t of row.allowedTransitions) {
    actions.append(el('button', { type: 'button', textContent: label(t), dataset: { transition: t }, onclick: () => void transition(row, t) }));
  }
  return el(
    'tr',
    { dataset: { uuid: row.uuid } },
    el('td', {}, el('div', { textContent: row.user?.fullName ?? '' }), el('small', { textContent: row.user?.email ?? '' })),
    el('td', { textContent: row.username ?? '' }),
    el('td', { textContent: row.offering?.name ?? '' }),
    el('td', { className: 'state', textContent: label(row.state) }),
    el('td', { className: 'consent', textContent: consent }),
    el('td', { className: 'checklist', textContent: checklist }),
    actions,
  );
}

let watching: string | undefined;

/** Renders the page; `quiet` (a live refresh) leaves the status line to what the user did last. */
async function load(fetchPolicy: 'cache-first' | 'network-only' = 'cache-first', quiet = false) {
  if (!state.token || !state.provider) return;
  if (!quiet) say('Loading…');
  const { data, error } = await client.query({
    query: OfferingUsersPage,
    variables: { provider: state.provider, first: PAGE_SIZE, offset: state.page * PAGE_SIZE, states: state.states.length ? state.states : null },
    fetchPolicy,
    errorPolicy: 'all',
  });
  const list = data?.serviceProvider?.offeringUsers;
  if (!list) {
    say(error?.message ?? 'No answer.', 'error');
    return;
  }
  const pages = Math.max(1, Math.ceil(list.totalCount / PAGE_SIZE));
  $('provider-name').textContent = data.serviceProvider?.customerName ?? '';
  if (data.serviceProvider?.customerUuid && data.serviceProvider.customerUuid !== watching) {
    watching = data.serviceProvider.customerUuid;
    watch(watching);
  }
  $('rows').replaceChildren(...list.nodes.map(renderRow));
  $('page').textContent = `Page ${state.page + 1} of ${pages}`;
  $<HTMLButtonElement>('prev').disabled = state.page === 0;
  $<HTMLButtonElement>('next').disabled = state.page + 1 >= pages;
  const numbers = Array.from({ length: pages }, (_, i) =>
    el('button', { type: 'button', textContent: String(i + 1), className: i === state.page ? 'current' : '', onclick: () => void go(i) }),
  );
  $('pages').replaceChildren(...numbers);
  if (!quiet) say(`${list.totalCount} offering users`);
}

/** Live state: rows change in place (Apollo's cache, by id); new or removed accounts refresh the page. */
let live: { unsubscribe(): void } | undefined;
function watch(customer: string) {
  live?.unsubscribe();
  live = client.subscribe({ query: LiveChanges, variables: { customer } }).subscribe({
    next: ({ data }) => {
      const change = data?.offeringUserChanged;
      if (!change) return;
      $('live').textContent = `live: ${label(change.kind)} ${change.offeringUser?.state ? label(change.offeringUser.state) : ''}`.trim();
      void load(change.kind === 'UPDATED' ? 'cache-first' : 'network-only', true);
    },
    error: () => ($('live').textContent = 'live: disconnected (use Refresh)'),
  });
}

async function go(page: number) {
  state.page = page;
  await load();
}

async function transition(row: Row, name: string) {
  const t = TRANSITIONS[name as keyof typeof TRANSITIONS];
  if (!t) return;
  const comment = t.takesComment ? $<HTMLInputElement>('comment').value || undefined : undefined;
  say(`${label(name)}: ${row.username}…`);
  // Ten documents of ten result types: one untyped call site, the answer read by the field's name.
  const mutation: DocumentNode = t.document;
  const { data, error } = await client.mutate({ mutation, variables: { uuid: row.uuid, ...(t.takesComment ? { comment } : {}) }, errorPolicy: 'all' });
  const result = (data as Record<string, { __typename: string; message?: string }> | null | undefined)?.[t.field];
  if (!result || error) return say(error?.message ?? 'No answer.', 'error');
  if (!result.__typename.endsWith('Success')) return say(result.message ?? result.__typename, 'error');
  // The answer carries the account by id: Apollo's cache updates it, and the page re-renders from the cache.
  await load();
  say(`${row.username}: ${label(name)} done`);
}

async function start() {
  $<HTMLInputElement>('token').value = state.token;
  $('signin').onsubmit = (e) => {
    e.preventDefault();
    state.token = $<HTMLInputElement>('token').value.trim();
    localStorage.setItem('console:token', state.token);
    void start();
  };
  $('prev').onclick = () => void go(state.page - 1);
  $('next').onclick = () => void go(state.page + 1);
  $('refresh').onclick = () => void load('network-only');
  $('states').replaceChildren(
    ...STATES.map((s) =>
      el(
        'label',
        {},
        el('input', {
          type: 'checkbox',
          value: s,
          onchange: (e: Event) => {
            const box = e.target as HTMLInputElement;
            state.states = box.checked ? [...state.states, s] : state.states.filter((x) => x !== s);
            void go(0);
          },
        }),
        ` ${label(s)}`,
      ),
    ),
  );
  if (!state.token) return say('Paste a Waldur API token to start.');
  const { data, error } = await client.query({ query: Providers, errorPolicy: 'all' });
  if (!data?.viewer) return say(error?.message ?? 'The token was not accepted.', 'error');
  $('viewer').textContent = data.viewer.fullName || data.viewer.username;
  const select = $<HTMLSelectElement>('provider');
  select.replaceChildren(...(data.serviceProviders?.nodes ?? []).map((p) => el('option', { value: p.uuid, textContent: p.customerName })));
  state.provider ||= select.value;
  select.value = state.provider;
  select.onchange = () => {
    state.provider = select.value;
    void go(0);
  };
  await load();
}

void start();
