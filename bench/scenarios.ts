import { OFFERING_PAGE_FROM } from '../src/schema/consent/consent-by-pair.js';
import { type Pool } from 'undici';

/** What one iteration of a scenario cost: requests at Waldur seen by whoever made them. */
export interface Run {
  upstream: number;
}

export interface Bound {
  requests: number;
  depth: number;
}

export interface Scenario {
  id: number;
  name: string;
  gateway(): Promise<Run>;
  restSequential(): Promise<Run>;
  restParallel(): Promise<Run>;
  mesh?(): Promise<Run>;
  /** The fewest REST calls and dependent levels that can answer it, for the data actually read. */
  bound(): Promise<Bound>;
}

export interface Env {
  gateway: Pool;
  rest: Pool;
  mesh?: Pool;
  staff: string;
  owner: string;
  providerUuid: string;
  /** Offering users on a checklist offering, in a pending state the benchmark toggles (one per concurrent client). */
  checklistUsers: string[];
}

async function json<T>(
  pool: Pool,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<{ data: T; headers: Record<string, string | string[] | undefined> }> {
  const res = await pool.request({
    method,
    path,
    headers: { authorization: `Token ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  if (res.statusCode >= 400) throw new Error(`${method} ${path}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
  return { data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

async function gql(pool: Pool, token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data: any; upstream: number }> {
  const res = await pool.request({
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.body.json()) as { data: any; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return { data: body.data, upstream: Number(res.headers['x-upstream-requests'] ?? NaN) };
}

const API = '/api/';
type OU = { uuid: string; user_uuid: string; offering_uuid: string; customer_uuid: string; has_compliance_checklist: boolean };

/**
 * The cheapest consent reads of a page (as the gateway plans them): an offering with at least 12
 * rows is one page of its consents; the other rows are read per user (one user's consents are
 * few), a user with a single row as the exact pair. Fewer calls are possible (one page per
 * offering), but they read every consent of each offering: hundreds of rows for a few.
 */
function consentGroups(rows: OU[]): string[] {
  const byOffering = new Map<string, OU[]>();
  for (const r of rows) byOffering.set(r.offering_uuid, [...(byOffering.get(r.offering_uuid) ?? []), r]);
  const calls: string[] = [];
  const byUser = new Map<string, OU[]>();
  for (const [o, rs] of byOffering) {
    if (rs.length >= OFFERING_PAGE_FROM) calls.push(`offering_uuid=${o}&page_size=300`);
    else for (const r of rs) byUser.set(r.user_uuid, [...(byUser.get(r.user_uuid) ?? []), r]);
  }
  for (const [u, rs] of byUser)
    calls.push(rs.length === 1 ? `user_uuid=${u}&offering_uuid=${rs[0]!.offering_uuid}&page_size=1` : `user_uuid=${u}&page_size=300`);
  return calls;
}

async function runAll(tasks: Array<() => Promise<unknown>>, sequential: boolean): Promise<void> {
  if (sequential) for (const t of tasks) await t();
  else await Promise.all(tasks.map((t) => t()));
}

/** Scenario 2's document for a page of `first` rows (the growth table reads 50 and 300). */
export const s2Query = (first: number) =>
  `{ offeringUsers(first: ${first}) { nodes { uuid state user { fullName } offering { name } serviceProvider { uuid customerName } consent { hasConsent requiresReconsent version } completionStatus { completionPercentage isCompleted } } } }`;

/** Scenario 3, the provider dashboard (variable `u`: the provider's UUID). */
export const S3_QUERY = `query($u: UUID!) { serviceProvider(uuid: $u) { customerName statistics { activeResources currentCustomers pendingOrders } revenue { year month total }
    offeringUsers(first: 20, orderBy: [CREATED_DESC]) { totalCount nodes { uuid state user { fullName } consent { hasConsent requiresReconsent } completionStatus { completionPercentage isCompleted } } }
    compliance { overview { nodes { offeringName complianceRate } } } } }`;

/** One GraphQL request; the answer must hold no errors. */
export async function gqlRun(pool: Pool, token: string, query: string): Promise<Run> {
  return { upstream: (await gql(pool, token, query)).upstream };
}

export function scenarios(env: Env): Scenario[] {
  const list50 = `${API}marketplace-offering-users/?page=1&page_size=50`;
  const restList = async () => (await json<OU[]>(env.rest, 'GET', list50, env.staff)).data;

  // The calls a frontend makes to show 50 rows with provider, consent and checklist progress.
  const rowCalls = (rows: OU[], dedupe: boolean) => {
    const calls: string[] = [];
    if (dedupe) {
      for (const c of new Set(rows.map((r) => r.customer_uuid))) calls.push(`${API}marketplace-service-providers/?customer_uuid=${c}&page_size=1`);
      for (const g of consentGroups(rows)) calls.push(`${API}marketplace-user-offering-consents/?${g}`);
    } else {
      for (const r of rows) {
        calls.push(`${API}marketplace-service-providers/?customer_uuid=${r.customer_uuid}&page_size=1`);
        calls.push(`${API}marketplace-user-offering-consents/?user_uuid=${r.user_uuid}&offering_uuid=${r.offering_uuid}`);
      }
    }
    for (const r of rows) if (r.has_compliance_checklist) calls.push(`${API}marketplace-offering-users/${r.uuid}/completion_status/`);
    return calls;
  };

  const S1 = `{ offeringUsers(first: 50) { totalCount nodes { uuid state username user { username fullName email } offering { uuid name } customer { name } } } }`;
  const S2 = s2Query(50);
  const S3 = S3_QUERY;
  const S4_READ = `query($u: UUID!) { offeringUser(uuid: $u) { state checklist { completion { completionPercentage } questions { uuid description questionType existingAnswer { value } } } } }`;
  // Each iteration takes an account nobody else is moving, so concurrent clients never race.
  const free = [...env.checklistUsers];
  const toggled = new Map<string, boolean>();
  const withAccount = async <T>(fn: (uuid: string, toggle: boolean) => Promise<T>): Promise<T> => {
    const uuid = free.shift();
    if (!uuid) throw new Error('more concurrent clients than prepared accounts');
    const toggle = !toggled.get(uuid);
    try {
      return await fn(uuid, toggle);
    } finally {
      toggled.set(uuid, toggle);
      free.push(uuid);
    }
  };
  const S4_WRITE = (toggle: boolean) => {
    const m = toggle ? 'setOfferingUserPendingAdditionalValidation' : 'setOfferingUserPendingAccountLinking';
    return `mutation($u: UUID!) { r: ${m}(input: { uuid: $u }) { __typename ... on Error { message } ... on ${m[0]!.toUpperCase()}${m.slice(1)}Success { offeringUser { state } } } }`;
  };

  const dashboardRest = async (sequential: boolean): Promise<Run> => {
    const sp = `${API}marketplace-service-providers/${env.providerUuid}/`;
    let count = 0;
    const get = async <T>(path: string) => {
      count++;
      return (await json<T>(env.rest, 'GET', path, env.staff)).data;
    };
    let provider: { customer_uuid: string } | undefined;
    await runAll(
      [async () => (provider = await get(sp)), () => get(`${sp}stat/`), () => get(`${sp}revenue/`), () => get(`${sp}compliance/compliance_overview/`)],
      sequential,
    );
    const rows = await get<OU[]>(`${API}marketplace-offering-users/?provider_uuid=${provider!.customer_uuid}&o=-created&page=1&page_size=20`);
    const calls = [
      ...consentGroups(rows).map((g) => `${API}marketplace-user-offering-consents/?${g}`),
      ...rows.filter((r) => r.has_compliance_checklist).map((r) => `${API}marketplace-offering-users/${r.uuid}/completion_status/`),
    ];
    await runAll(
      calls.map((c) => () => get(c)),
      sequential,
    );
    return { upstream: count };
  };

  const checklistFlowRest = (sequential: boolean) => (): Promise<Run> =>
    withAccount(async (uuid, toggle) => {
      const base = `${API}marketplace-offering-users/${uuid}/`;
      await runAll([() => json(env.rest, 'GET', base, env.owner), () => json(env.rest, 'GET', `${base}checklist/`, env.owner)], sequential);
      await json(env.rest, 'POST', `${base}${toggle ? 'set_pending_additional_validation' : 'set_pending_account_linking'}/`, env.owner, {});
      await json(env.rest, 'GET', base, env.owner);
      return { upstream: 4 };
    });

  const meshGql = async (query: string, token = env.staff) => {
    await gql(env.mesh!, token, query);
  };

  return [
    {
      id: 1,
      name: '50 offering users, embedded fields only',
      gateway: async () => ({ upstream: (await gql(env.gateway, env.staff, S1)).upstream }),
      restSequential: async () => (await restList(), { upstream: 1 }),
      restParallel: async () => (await restList(), { upstream: 1 }),
      mesh: async () => (
        await meshGql(
          '{ marketplace_offering_users_list(page_size: 50) { uuid state username user_username user_full_name user_email offering_uuid offering_name customer_name } }',
        ),
        { upstream: 1 }
      ),
      bound: async () => ({ requests: 1, depth: 1 }),
    },
    {
      id: 2,
      name: '50 offering users with serviceProvider, consent, completionStatus',
      gateway: async () => ({ upstream: (await gql(env.gateway, env.staff, S2)).upstream }),
      restSequential: async () => {
        const rows = await restList();
        const calls = rowCalls(rows, false);
        await runAll(
          calls.map((c) => () => json(env.rest, 'GET', c, env.staff)),
          true,
        );
        return { upstream: 1 + calls.length };
      },
      restParallel: async () => {
        const rows = await restList();
        const calls = rowCalls(rows, true);
        await runAll(
          calls.map((c) => () => json(env.rest, 'GET', c, env.staff)),
          false,
        );
        return { upstream: 1 + calls.length };
      },
      mesh: async () => {
        const { data } = await gql(
          env.mesh!,
          env.staff,
          '{ marketplace_offering_users_list(page_size: 50) { uuid state user_full_name offering_name user_uuid offering_uuid customer_uuid has_compliance_checklist } }',
        );
        const rows = data.marketplace_offering_users_list as OU[];
        const parts = rows.flatMap((r, i) => [
          `sp${i}: marketplace_service_providers_list(customer_uuid: "${r.customer_uuid}", page_size: 1) { uuid customer_name }`,
          `c${i}: marketplace_user_offering_consents_list(user_uuid: "${r.user_uuid}", offering_uuid: "${r.offering_uuid}") { has_consent requires_reconsent version }`,
          ...(r.has_compliance_checklist
            ? [
                `cs${i}: marketplace_offering_users_completion_status_retrieve(uuid: "${r.uuid}") { ... on ChecklistCompletion { completion_percentage is_completed } }`,
              ]
            : []),
        ]);
        await meshGql(`{ ${parts.join('\n')} }`);
        return { upstream: 1 + parts.length };
      },
      bound: async () => {
        const rows = await restList();
        return { requests: 1 + rowCalls(rows, true).length, depth: 2 };
      },
    },
    {
      id: 3,
      name: 'provider dashboard (provider, statistics, revenue, 20 offering users with consent and completion, compliance overview)',
      gateway: async () => ({ upstream: (await gql(env.gateway, env.staff, S3, { u: env.providerUuid })).upstream }),
      restSequential: () => dashboardRest(true),
      restParallel: () => dashboardRest(false),
      mesh: async () => {
        const u = env.providerUuid;
        const { data } = await gql(
          env.mesh!,
          env.staff,
          `{ sp: marketplace_service_providers_retrieve(uuid: "${u}") { customer_uuid customer_name } st: marketplace_service_providers_stat_retrieve(uuid: "${u}") { active_resources current_customers pending_orders } rv: marketplace_service_providers_revenue_list(uuid: "${u}") { year month total } ov: service_provider_compliance_overview(service_provider_uuid: "${u}") { offering_name compliance_rate } }`,
        );
        const list = await gql(
          env.mesh!,
          env.staff,
          `{ l: marketplace_offering_users_list(provider_uuid: "${data.sp.customer_uuid}", o: [_created], page_size: 20) { uuid state user_full_name user_uuid offering_uuid has_compliance_checklist } }`,
        );
        const rows = list.data.l as OU[];
        const parts = rows.flatMap((r, i) => [
          `c${i}: marketplace_user_offering_consents_list(user_uuid: "${r.user_uuid}", offering_uuid: "${r.offering_uuid}") { has_consent requires_reconsent }`,
          ...(r.has_compliance_checklist
            ? [
                `cs${i}: marketplace_offering_users_completion_status_retrieve(uuid: "${r.uuid}") { ... on ChecklistCompletion { completion_percentage is_completed } }`,
              ]
            : []),
        ]);
        await meshGql(`{ ${parts.join('\n')} }`);
        return { upstream: 5 + parts.length };
      },
      bound: async () => {
        const sp = (await json<{ customer_uuid: string }>(env.rest, 'GET', `${API}marketplace-service-providers/${env.providerUuid}/`, env.staff)).data;
        const rows = (
          await json<OU[]>(env.rest, 'GET', `${API}marketplace-offering-users/?provider_uuid=${sp.customer_uuid}&o=-created&page=1&page_size=20`, env.staff)
        ).data;
        return { requests: 5 + consentGroups(rows).length + rows.filter((r) => r.has_compliance_checklist).length, depth: 3 };
      },
    },
    {
      id: 4,
      name: "one offering user's checklist, then a transition and its re-read",
      gateway: () =>
        withAccount(async (uuid, toggle) => {
          const a = await gql(env.gateway, env.owner, S4_READ, { u: uuid });
          const b = await gql(env.gateway, env.owner, S4_WRITE(toggle), { u: uuid });
          if (b.data.r.__typename.endsWith('Error')) throw new Error(`transition refused: ${b.data.r.message}`);
          return { upstream: a.upstream + b.upstream };
        }),
      restSequential: checklistFlowRest(true),
      restParallel: checklistFlowRest(false),
      mesh: () =>
        withAccount(async (uuid, toggle) => {
          await meshGql(
            `{ ou: marketplace_offering_users_retrieve(uuid: "${uuid}") { state } c: marketplace_offering_users_checklist_retrieve(uuid: "${uuid}") { ... on ChecklistResponse { completion { completion_percentage } questions { uuid description existing_answer } } } }`,
            env.owner,
          );
          const m = toggle ? 'marketplace_offering_users_set_pending_additional_validation' : 'marketplace_offering_users_set_pending_account_linking';
          await gql(env.mesh!, env.owner, `mutation { ${m}(uuid: "${uuid}", input: {}) }`);
          await meshGql(`{ marketplace_offering_users_retrieve(uuid: "${uuid}") { state } }`, env.owner);
          return { upstream: 4 };
        }),
      // Read the account and its checklist side by side, then POST the transition and re-read.
      bound: async () => ({ requests: 4, depth: 3 }),
    },
  ];
}
