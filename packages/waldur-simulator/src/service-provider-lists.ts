import { link, type SimContext } from './context.js';
import { accounts, robots, teamMembers } from './provider-accounts.js';
import { checklistsSummary, complianceOfferingUsers, complianceOverview } from './provider-compliance.js';
import { answerList, bool, contains, exact, filterRows, projectUsers, uuidIs, type Row } from './provider-list-helpers.js';
import { type HttpAnswer, type Router, drf, normUuid, order, type SimRequest } from './http.js';
import { fullName, priceEstimate, providerFor, providerProjects, providerResources } from './provider-scope.js';
import type { Customer, Project, ServiceProvider } from './store.js';

function customerRow(ctx: SimContext, sp: ServiceProvider, c: Customer): Row {
  const projects = providerProjects(ctx, sp).filter((p) => p.customer_uuid === c.uuid);
  const users = projectUsers(ctx, new Set(projects.map((p) => p.uuid)));
  return {
    uuid: c.uuid,
    name: c.name,
    slug: c.slug,
    abbreviation: c.abbreviation,
    phone_number: '',
    email: c.email,
    payment_profiles: [],
    billing_price_estimate: priceEstimate(projects.length * 1234.5),
    projects_count: projects.length,
    users_count: users.length,
    projects: projects.slice(0, 5).map((p) => ({
      uuid: p.uuid,
      name: p.name,
      image: null,
      resource_count: providerResources(ctx, sp).filter((r) => r.project_uuid === p.uuid).length,
      end_date: p.end_date ?? null,
    })),
    users: users.slice(0, 5).map((u) => ({
      uuid: u.uuid,
      username: u.username,
      full_name: fullName(u),
      first_name: u.first_name,
      last_name: u.last_name,
      email: u.email,
      image: null,
    })),
    // Not part of the serializer output; used by filters only, removed below.
    _archived: c.archived,
    _groups: c.organization_group_uuids,
    _native: c.native_name,
  };
}

const strip = (row: Row) => Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('_')));

function customerFilters(url: URL, rows: Row[]): Row[] {
  const groups = url.searchParams.getAll('organization_group_uuid').map(normUuid);
  const archived = bool(url, 'archived');
  return filterRows(url, rows, {
    abbreviation: (r, v) => contains(r.abbreviation, v),
    name: (r, v) => contains(r.name, v),
    name_exact: (r, v) => exact(r.name, v),
    native_name: (r, v) => contains(r._native, v),
    query: (r, v) => contains(r.name, v) || contains(r.abbreviation, v) || contains(r._native, v),
  }).filter((r) => (archived === undefined || r._archived === archived) && (groups.length === 0 || groups.some((g) => (r._groups as string[]).includes(g!))));
}

function customers(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_CUSTOMERS');
  const ids = new Set(providerProjects(ctx, sp).map((p) => p.customer_uuid));
  const rows = [...ids].map((id) => customerRow(ctx, sp, ctx.store.customers.get(id)!)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return answerList(req, customerFilters(req.url, rows).map(strip), true);
}

function userCustomers(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_USER_CUSTOMERS');
  const userUuid = normUuid(req.url.searchParams.get('user_uuid'));
  // Missing, invalid or unknown user: an empty list, not an error (behaviour 5.3).
  const linked = new Set<string>();
  if (userUuid) {
    for (const r of ctx.store.customerRoles) if (r.user_uuid === userUuid) linked.add(r.customer_uuid);
    for (const r of ctx.store.projectRoles) if (r.user_uuid === userUuid) linked.add(ctx.store.projects.get(r.project_uuid)!.customer_uuid);
  }
  const withResources = new Set(providerProjects(ctx, sp).map((p) => p.customer_uuid));
  const rows = [...linked].filter((c) => withResources.has(c)).map((id) => customerRow(ctx, sp, ctx.store.customers.get(id)!));
  return answerList(req, customerFilters(req.url, rows).map(strip), true);
}

function projectRow(ctx: SimContext, sp: ServiceProvider, p: Project): Row {
  const c = ctx.store.customers.get(p.customer_uuid)!;
  const resources = providerResources(ctx, sp).filter((r) => r.project_uuid === p.uuid);
  return {
    url: link(ctx, 'projects', p.uuid),
    uuid: p.uuid,
    name: p.name,
    slug: p.slug ?? '',
    customer: link(ctx, 'customers', c.uuid),
    customer_uuid: c.uuid,
    customer_name: c.name,
    customer_slug: c.slug,
    customer_native_name: c.native_name,
    customer_abbreviation: c.abbreviation,
    description: p.description,
    customer_display_billing_info_in_projects: false,
    created: p.created,
    type: null,
    type_name: null,
    type_uuid: null,
    backend_id: p.backend_id ?? '',
    start_date: p.start_date ?? null,
    end_date: p.end_date ?? null,
    end_date_requested_by: null,
    oecd_fos_2007_code: null,
    oecd_fos_2007_label: '',
    is_industry: false,
    image: null,
    resources_count: resources.length,
    max_service_accounts: null,
    kind: 'default',
    is_removed: p.is_removed ?? false,
    termination_metadata: null,
    staff_notes: '',
    grace_period_days: null,
    user_email_patterns: [],
    user_affiliations: [],
    user_identity_sources: [],
    project_credit: null,
    marketplace_resource_count: Object.fromEntries(
      resources.map((r) => [
        ctx.store.offerings.get(r.offering_uuid)!.category_title,
        resources.filter((x) => ctx.store.offerings.get(x.offering_uuid)!.category_title === ctx.store.offerings.get(r.offering_uuid)!.category_title).length,
      ]),
    ),
    billing_price_estimate: priceEstimate(resources.length * 411.5),
  };
}

const PROJECT_ORDER = {
  created: (r: Row) => r.created as string,
  customer_abbreviation: (r: Row) => r.customer_abbreviation as string,
  customer_name: (r: Row) => r.customer_name as string,
  customer_native_name: (r: Row) => r.customer_native_name as string,
  end_date: (r: Row) => (r.end_date as string) ?? null,
  estimated_cost: (r: Row) => Number((r.billing_price_estimate as { total: string }).total),
  name: (r: Row) => r.name as string,
  start_date: (r: Row) => (r.start_date as string) ?? null,
};

function projectFilters(url: URL, rows: Row[]): Row[] {
  const customersIn = url.searchParams.get('customer')?.split(',').map(normUuid).filter(Boolean);
  const removed = bool(url, 'is_removed');
  const created = url.searchParams.get('created');
  return filterRows(url, rows, {
    backend_id: (r, v) => exact(r.backend_id, v),
    customer_abbreviation: (r, v) => contains(r.customer_abbreviation, v),
    customer_name: (r, v) => contains(r.customer_name, v),
    customer_native_name: (r, v) => contains(r.customer_native_name, v),
    description: (r, v) => contains(r.description, v),
    name: (r, v) => contains(r.name, v),
    name_exact: (r, v) => exact(r.name, v),
    query: (r, v) => contains(r.name, v) || contains(r.description, v),
    slug: (r, v) => exact(r.slug, v),
  }).filter(
    (r) =>
      (!customersIn?.length || customersIn.includes(r.customer_uuid as string)) &&
      (removed === undefined || r.is_removed === removed) &&
      (!created || Date.parse(r.created as string) >= Date.parse(created)),
  );
}

function projects(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_PROJECTS');
  const rows = projectFilters(
    req.url,
    providerProjects(ctx, sp).map((p) => projectRow(ctx, sp, p)),
  );
  return answerList(
    req,
    order(req.url, rows, PROJECT_ORDER, (a, b) => String(a.name).localeCompare(String(b.name))),
    true,
  );
}

function customerProjects(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_CUSTOMER_PROJECTS');
  const customer = normUuid(req.url.searchParams.get('project_customer_uuid'));
  const list = customer ? providerProjects(ctx, sp).filter((p) => p.customer_uuid === customer) : [];
  const rows = projectFilters(
    req.url,
    list.map((p) => projectRow(ctx, sp, p)),
  );
  const shaped = order(req.url, rows, PROJECT_ORDER, (a, b) => String(a.name).localeCompare(String(b.name))).map((r) => ({
    uuid: r.uuid,
    name: r.name,
    description: r.description,
    end_date: r.end_date,
    resources_count: r.resources_count,
    users_count: projectUsers(ctx, new Set([r.uuid as string])).length,
    billing_price_estimate: r.billing_price_estimate,
  }));
  return answerList(req, shaped, true);
}

function projectPermissions(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_PROJECT_PERMISSIONS');
  const projectIds = new Set(providerProjects(ctx, sp).map((p) => p.uuid));
  let rows: Row[] = ctx.store.projectRoles
    .filter((r) => projectIds.has(r.project_uuid) && ctx.store.users.get(r.user_uuid)?.is_active)
    .map((r) => {
      const p = ctx.store.projects.get(r.project_uuid)!;
      const c = ctx.store.customers.get(p.customer_uuid)!;
      const u = ctx.store.users.get(r.user_uuid)!;
      return {
        created: p.created,
        expiration_time: null,
        created_by: null,
        created_by_full_name: null,
        created_by_username: null,
        project: link(ctx, 'projects', p.uuid),
        project_uuid: p.uuid,
        project_name: p.name,
        project_created: p.created,
        project_end_date: p.end_date ? `${p.end_date}T00:00:00.000000Z` : null,
        customer_uuid: c.uuid,
        customer_name: c.name,
        role: r.role,
        role_name: r.role,
        user: link(ctx, 'users', u.uuid),
        user_full_name: fullName(u),
        user_native_name: '',
        user_username: u.username,
        user_uuid: u.uuid,
        user_email: u.email,
      };
    });
  rows = filterRows(req.url, rows, {
    full_name: (r, v) => contains(r.user_full_name, v),
    role_name: (r, v) => exact(r.role_name, v),
    user: (r, v) => uuidIs(r.user_uuid, v),
    username: (r, v) => contains(r.user_username, v),
    scope_uuid: (r, v) => uuidIs(r.project_uuid, v),
    scope_name: (r, v) => contains(r.project_name, v),
  });
  rows = order(
    req.url,
    rows,
    {
      created: (r) => r.created as string,
      email: (r) => r.user_email as string,
      expiration_time: (r) => r.expiration_time as string | null,
      full_name: (r) => r.user_full_name as string,
      native_name: (r) => r.user_native_name as string,
      role: (r) => r.role as string,
      username: (r) => r.user_username as string,
    },
    (a, b) => String(a.user_username).localeCompare(String(b.user_username)) || String(a.project_uuid).localeCompare(String(b.project_uuid)),
  );
  return answerList(req, rows, true);
}

function keys(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_KEYS');
  const users = new Set(projectUsers(ctx, new Set(providerProjects(ctx, sp).map((p) => p.uuid))).map((u) => u.uuid));
  const shared = bool(req.url, 'is_shared');
  let rows: Row[] = [...ctx.store.sshKeys.values()]
    .filter((k) => users.has(k.user_uuid) && (shared === undefined || k.is_shared === shared))
    .map((k) => ({
      url: link(ctx, 'keys', k.uuid),
      uuid: k.uuid,
      name: k.name,
      public_key: k.public_key,
      fingerprint_md5: k.fingerprint_md5,
      fingerprint_sha256: k.fingerprint_sha256,
      fingerprint_sha512: k.fingerprint_sha512,
      user_uuid: k.user_uuid,
      is_shared: k.is_shared,
      type: k.type,
    }));
  rows = filterRows(req.url, rows, {
    name: (r, v) => contains(r.name, v),
    name_exact: (r, v) => exact(r.name, v),
    user_uuid: (r, v) => uuidIs(r.user_uuid, v),
    uuid: (r, v) => uuidIs(r.uuid, v),
    fingerprint_md5: (r, v) => exact(r.fingerprint_md5, v),
    fingerprint_sha256: (r, v) => exact(r.fingerprint_sha256, v),
    fingerprint_sha512: (r, v) => exact(r.fingerprint_sha512, v),
  });
  return answerList(
    req,
    order(req.url, rows, { name: (r) => r.name as string }, (a, b) => String(a.name).localeCompare(String(b.name))),
    true,
  );
}

function users(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_USERS');
  const projectIds = providerProjects(ctx, sp).map((p) => p.uuid);
  const exposed = new Set([...ctx.store.offerings.values()].filter((o) => o.customer_uuid === sp.customer_uuid).flatMap((o) => o.exposed_attributes));
  const onlyProject = normUuid(req.url.searchParams.get('project_uuid'));
  let rows: Row[] = projectUsers(ctx, new Set(onlyProject ? projectIds.filter((p) => p === onlyProject) : projectIds)).map((u) => {
    const row: Row = {
      uuid: u.uuid,
      username: u.username,
      full_name: fullName(u),
      first_name: u.first_name,
      last_name: u.last_name,
      email: u.email,
      projects_count: ctx.store.projectRoles.filter((r) => r.user_uuid === u.uuid && projectIds.includes(r.project_uuid)).length,
      registration_method: 'default',
      is_active: u.is_active,
    };
    // Personal attributes limited to the union of what the provider's offerings expose.
    if (exposed.has('organization')) row.organization = u.organization;
    if (exposed.has('phone_number')) row.phone_number = u.phone_number;
    if (exposed.has('job_title')) row.job_title = u.job_title;
    if (exposed.has('affiliations')) row.affiliations = u.affiliations;
    if (exposed.has('nationality')) row.nationality = u.nationality;
    if (exposed.has('civil_number')) row.civil_number = u.civil_number;
    if (exposed.has('birth_date')) row.birth_date = u.birth_date;
    return row;
  });
  const active = bool(req.url, 'is_active');
  rows = filterRows(req.url, rows, {
    email: (r, v) => contains(r.email, v),
    full_name: (r, v) => contains(r.full_name, v),
    username: (r, v) => exact(r.username, v),
    username_list: (r, v) => v.split(',').includes(String(r.username)),
    organization: (r, v) => contains(r.organization, v),
    job_title: (r, v) => contains(r.job_title, v),
    query: (r, v) => contains(r.full_name, v) || contains(r.username, v) || contains(r.email, v),
    user_keyword: (r, v) => contains(r.full_name, v) || contains(r.username, v) || contains(r.email, v),
  }).filter((r) => active === undefined || r.is_active === active);
  const keysFor = Object.fromEntries(
    [
      'description',
      'email',
      'full_name',
      'is_active',
      'is_staff',
      'is_support',
      'job_title',
      'native_name',
      'organization',
      'phone_number',
      'registration_method',
      'username',
    ].map((k) => [k, (r: Row) => (r[k] === undefined ? null : String(r[k]))]),
  );
  return answerList(
    req,
    order(req.url, rows, keysFor, (a, b) => String(a.username).localeCompare(String(b.username))),
    true,
  );
}

function offerings(req: SimRequest, ctx: SimContext): HttpAnswer {
  // Any authenticated user; the customer UUID may stand in for the provider UUID.
  const id = normUuid(req.params.uuid);
  const sp = id ? (ctx.store.serviceProviders.get(id) ?? [...ctx.store.serviceProviders.values()].find((x) => x.customer_uuid === id)) : undefined;
  if (!sp) throw drf.notFound('ServiceProvider');
  const url = req.url;
  const states = url.searchParams.getAll('state');
  const types = url.searchParams.getAll('type');
  const uuidList = url.searchParams.get('uuid_list')?.split(',').map(normUuid).filter(Boolean);
  const canCreate = bool(url, 'can_create_offering_user');
  const hasActiveTos = bool(url, 'has_active_terms_of_service');
  const shared = bool(url, 'shared');
  const billable = bool(url, 'billable');
  let rows: Row[] = [...ctx.store.offerings.values()]
    .filter((o) => o.customer_uuid === sp.customer_uuid && o.billable && o.shared)
    .filter(
      (o) => (!states.length || states.includes(o.state)) && (!types.length || types.includes(o.type)) && (!uuidList?.length || uuidList.includes(o.uuid)),
    )
    .filter(
      (o) =>
        (canCreate === undefined || o.can_create_offering_user === canCreate) &&
        (hasActiveTos === undefined || Boolean(ctx.store.activeTos(o.uuid)) === hasActiveTos),
    )
    .filter((o) => (shared === undefined || o.shared === shared) && (billable === undefined || o.billable === billable))
    .map((o) => ({
      uuid: o.uuid,
      customer_uuid: o.customer_uuid,
      name: o.name,
      slug: o.slug,
      category_title: o.category_title,
      type: o.type,
      state: o.state,
      resources_count: [...ctx.store.resources.values()].filter((r) => r.offering_uuid === o.uuid && r.state !== 'Terminated').length,
      billing_price_estimate: priceEstimate(ctx.store.invoiceItems.filter((i) => i.offering_uuid === o.uuid).reduce((s, i) => s + i.total, 0)),
      components: [],
      plans: [],
      options: { order: [], options: {} },
      resource_options: { order: [], options: {} },
      secret_options: {},
      thumbnail: null,
      parent_uuid: o.parent_uuid,
      service_provider_can_create_offering_user: o.can_create_offering_user,
      created: '2025-01-06T08:00:00.000000Z',
    }));
  rows = filterRows(url, rows, {
    name: (r, v) => contains(r.name, v),
    name_exact: (r, v) => exact(r.name, v),
    keyword: (r, v) => contains(r.name, v) || contains(r.slug, v),
    query: (r, v) => contains(r.name, v),
    parent_uuid: (r, v) => uuidIs(r.parent_uuid, v),
    customer_uuid: (r, v) => uuidIs(r.customer_uuid, v),
  });
  rows = order(
    url,
    rows,
    {
      created: (r) => r.created as string,
      name: (r) => r.name as string,
      state: (r) => r.state as string,
      type: (r) => r.type as string,
      total_cost: (r) => Number((r.billing_price_estimate as { total: string }).total),
      total_cost_estimated: (r) => Number((r.billing_price_estimate as { total: string }).total),
      total_customers: (r) => r.resources_count as number,
    },
    (a, b) => String(a.name).localeCompare(String(b.name)),
  );
  return answerList(
    req,
    rows.map(({ parent_uuid: _p, created: _c, ...rest }) => rest),
    true,
  );
}

export function serviceProviderListRoutes(router: Router<SimContext>): void {
  const base = '/api/marketplace-service-providers/{uuid}';
  router
    .on('GET', `${base}/offerings/`, offerings)
    .on('GET', `${base}/customers/`, customers)
    .on('GET', `${base}/customer_projects/`, customerProjects)
    .on('GET', `${base}/projects/`, projects)
    .on('GET', `${base}/project_permissions/`, projectPermissions)
    .on('GET', `${base}/keys/`, keys)
    .on('GET', `${base}/users/`, users)
    .on('GET', `${base}/user_customers/`, userCustomers)
    .on('GET', `${base}/project_service_accounts/`, accounts('project'))
    .on('GET', `${base}/course_accounts/`, accounts('course'))
    .on('GET', `${base}/list_users/`, teamMembers)
    .on('GET', `${base}/robot_account_customers/`, robots('customers'))
    .on('GET', `${base}/robot_account_projects/`, robots('projects'))
    .on('GET', `${base}/compliance/compliance_overview/`, complianceOverview)
    .on('GET', `${base}/compliance/offering_users/`, complianceOfferingUsers)
    .on('GET', `${base}/compliance/checklists_summary/`, checklistsSummary);
}
