import { randomBytes, randomUUID } from 'node:crypto';
import { link, type SimContext } from './context.js';
import { HttpAnswer, type Router, drf, isUrl, normUuid, order, paginate, sparse, type SimRequest, type UploadedFile } from './http.js';
import { assignUsername } from './offering-users.js';
import { hasPermission } from './permissions.js';
import { providerFor, providerResources } from './provider-scope.js';
import { isoMicro, type OfferingUser, type ServiceProvider } from './store.js';

const ROUTE = 'marketplace-service-providers';

export function serializeProvider(ctx: SimContext, sp: ServiceProvider): Record<string, unknown> {
  const c = ctx.store.customers.get(sp.customer_uuid)!;
  const groups = c.organization_group_uuids.map((g) => ctx.store.organizationGroups.get(g)!).filter(Boolean);
  return {
    url: link(ctx, ROUTE, sp.uuid),
    uuid: sp.uuid,
    created: sp.created,
    description: sp.description,
    enable_notifications: sp.enable_notifications,
    customer: link(ctx, 'customers', c.uuid),
    customer_name: c.name,
    customer_uuid: c.uuid,
    // DRF skips or nulls an empty image; the schema allows no null here, so the key is left out.
    customer_abbreviation: c.abbreviation,
    customer_slug: c.slug,
    customer_native_name: c.native_name,
    customer_country: c.country,
    image: sp.image,
    organization_groups: groups.map((g) => {
      const parent = g.parent_uuid ? ctx.store.organizationGroups.get(g.parent_uuid) : undefined;
      return {
        uuid: g.uuid,
        url: link(ctx, 'organization-groups', g.uuid),
        name: g.name,
        // A ReadOnlyField through a missing parent is skipped by DRF (SkipField), not null.
        ...(parent ? { parent_uuid: parent.uuid, parent_name: parent.name, parent: link(ctx, 'organization-groups', parent.uuid) } : {}),
        customers_count: [...ctx.store.customers.values()].filter((x) => x.organization_group_uuids.includes(g.uuid)).length,
      };
    }),
    offering_count: [...ctx.store.offerings.values()].filter((o) => o.customer_uuid === c.uuid && (o.state === 'Active' || o.state === 'Paused')).length,
    allowed_domains: sp.allowed_domains,
  };
}

function list(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { url } = req;
  const customerUuid = url.searchParams.get('customer_uuid');
  const customerUrl = url.searchParams.get('customer');
  const keyword = url.searchParams.get('customer_keyword')?.toLowerCase();
  const wanted = customerUuid ? normUuid(customerUuid) : undefined;
  if (customerUuid && !wanted) throw drf.badRequest({ customer_uuid: [`“${customerUuid}” is not a valid UUID.`] });
  const fromUrl = customerUrl ? (normUuid(/\/([0-9a-f-]{32,36})\/?$/i.exec(customerUrl)?.[1]) ?? null) : undefined;
  let rows = [...ctx.store.serviceProviders.values()].filter((sp) => {
    const c = ctx.store.customers.get(sp.customer_uuid)!;
    if (wanted && sp.customer_uuid !== wanted) return false;
    if (fromUrl !== undefined && sp.customer_uuid !== fromUrl) return false;
    if (keyword && ![c.name, c.abbreviation, c.native_name].some((x) => x.toLowerCase().includes(keyword))) return false;
    return true;
  });
  const name = (sp: ServiceProvider) => ctx.store.customers.get(sp.customer_uuid)!.name;
  rows = order(url, rows, { customer_name: name }, (a, b) => name(a).localeCompare(name(b)));
  const page = paginate(url, rows);
  return new HttpAnswer(
    200,
    page.body.map((sp) => sparse(url, serializeProvider(ctx, sp))),
    page.headers,
  );
}

function customerFromBody(ctx: SimContext, v: unknown): string {
  if (v === undefined || v === null || v === '') throw drf.badRequest({ customer: ['This field is required.'] });
  if (!isUrl(v)) throw drf.badRequest({ customer: ['Invalid hyperlink - No URL match.'] });
  const id = normUuid(/\/([0-9a-f-]{32,36})\/?$/i.exec(String(v))?.[1]);
  if (!id || !ctx.store.customers.has(id)) throw drf.badRequest({ customer: ['Invalid hyperlink - Object does not exist.'] });
  return id;
}

/** Multipart bodies carry every value as a string; DRF's BooleanField accepts those. */
function normalise(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  if (out.enable_notifications === 'true' || out.enable_notifications === 'True') out.enable_notifications = true;
  if (out.enable_notifications === 'false' || out.enable_notifications === 'False') out.enable_notifications = false;
  return out;
}

function applyImage(ctx: SimContext, sp: ServiceProvider, body: Record<string, unknown>): void {
  const img = body.image as UploadedFile | undefined;
  if (!img || typeof img !== 'object') return;
  if (!/^image\//.test(img.content_type))
    throw drf.badRequest({ image: ['Upload a valid image. The file you uploaded was either not an image or a corrupted image.'] });
  sp.image = `${ctx.apiRoot.replace(/api\/$/, '')}media/service_provider_images/${sp.uuid}-${encodeURIComponent(img.filename)}`;
}

function validateFields(body: Record<string, unknown>): void {
  const errors: Record<string, string[]> = {};
  if (body.description !== undefined && typeof body.description !== 'string') errors.description = ['Not a valid string.'];
  if (body.enable_notifications !== undefined && typeof body.enable_notifications !== 'boolean') errors.enable_notifications = ['Must be a valid boolean.'];
  if (Object.keys(errors).length) throw drf.badRequest(errors);
}

function create(req: SimRequest, ctx: SimContext): HttpAnswer {
  const body = normalise((req.body ?? {}) as Record<string, unknown>);
  const customer = customerFromBody(ctx, body.customer);
  validateFields(body);
  if (!hasPermission(ctx.store, ctx.caller, 'SERVICE_PROVIDER.REGISTER', customer)) throw drf.forbidden();
  if ([...ctx.store.serviceProviders.values()].some((sp) => sp.customer_uuid === customer)) {
    throw drf.badRequest({ customer: ['service provider with this customer already exists.'] });
  }
  const sp: ServiceProvider = {
    uuid: randomUUID().replace(/-/g, ''),
    customer_uuid: customer,
    description: typeof body.description === 'string' ? body.description : '',
    enable_notifications: typeof body.enable_notifications === 'boolean' ? body.enable_notifications : true,
    created: isoMicro(),
    api_secret_code: randomBytes(16).toString('hex'),
    allowed_domains: [],
    image: null,
  };
  applyImage(ctx, sp, body);
  ctx.store.serviceProviders.set(sp.uuid, sp);
  return new HttpAnswer(201, serializeProvider(ctx, sp));
}

function isOwner(ctx: SimContext, sp: ServiceProvider): boolean {
  return (
    ctx.caller.is_staff ||
    ctx.store.customerRoles.some((r) => r.user_uuid === ctx.caller.uuid && r.customer_uuid === sp.customer_uuid && r.role === 'CUSTOMER.OWNER')
  );
}

function update(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid);
  if (!isOwner(ctx, sp)) throw drf.forbidden();
  const body = normalise((req.body ?? {}) as Record<string, unknown>);
  // PUT still requires `customer`, but the field is protected: it never changes on update.
  if (req.method === 'PUT') customerFromBody(ctx, body.customer);
  validateFields(body);
  if (typeof body.description === 'string') sp.description = body.description;
  if (typeof body.enable_notifications === 'boolean') sp.enable_notifications = body.enable_notifications;
  applyImage(ctx, sp, body);
  return new HttpAnswer(200, serializeProvider(ctx, sp));
}

function destroy(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid);
  if (!isOwner(ctx, sp)) throw drf.forbidden();
  if ([...ctx.store.offerings.values()].some((o) => o.customer_uuid === sp.customer_uuid && o.state !== 'Archived')) {
    throw drf.badRequest(['Service provider has active offerings. Please archive them first.']);
  }
  ctx.store.serviceProviders.delete(sp.uuid);
  return new HttpAnswer(204);
}

function stat(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.GET_STATISTICS');
  const resources = providerResources(ctx, sp);
  const monthAgo = Date.parse('2026-10-22T00:00:00Z');
  const customerOf = (projectUuid: string) => ctx.store.projects.get(projectUuid)?.customer_uuid;
  const customers = new Set(resources.filter((r) => r.state === 'OK').map((r) => customerOf(r.project_uuid)));
  const newCustomers = new Set(resources.filter((r) => Date.parse(r.created) >= monthAgo).map((r) => customerOf(r.project_uuid)));
  const counters = ctx.store.providerCounters.get(sp.uuid) ?? { unresolved_tickets: 0, pending_orders: 0, active_campaigns: 0 };
  return new HttpAnswer(200, {
    active_campaigns: counters.active_campaigns,
    current_customers: customers.size,
    customers_number_change: newCustomers.size,
    active_resources: resources.filter((r) => r.state === 'OK').length,
    resources_number_change: resources.filter((r) => Date.parse(r.created) >= monthAgo).length,
    active_and_paused_offerings: [...ctx.store.offerings.values()].filter(
      (o) => o.customer_uuid === sp.customer_uuid && (o.state === 'Active' || o.state === 'Paused'),
    ).length,
    unresolved_tickets: counters.unresolved_tickets,
    pending_orders: counters.pending_orders,
    erred_resources: resources.filter((r) => r.state === 'Erred').length,
  });
}

function revenue(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.GET_REVENUE');
  const mine = new Set([...ctx.store.offerings.values()].filter((o) => o.customer_uuid === sp.customer_uuid).map((o) => o.uuid));
  const sums = new Map<string, { total: number; year: number; month: number }>();
  for (const item of ctx.store.invoiceItems) {
    if (!mine.has(item.offering_uuid)) continue;
    const key = `${item.year}-${item.month}`;
    const row = sums.get(key) ?? { total: 0, year: item.year, month: item.month };
    row.total += item.total;
    sums.set(key, row);
  }
  // Not paginated: a bare array without pagination headers (behaviour 1.2).
  return new HttpAnswer(
    200,
    [...sums.values()].sort((a, b) => a.year - b.year || a.month - b.month),
  );
}

function apiSecret(generate: boolean) {
  return (req: SimRequest, ctx: SimContext): HttpAnswer => {
    const sp = providerFor(ctx, req.params.uuid, generate ? 'SERVICE_PROVIDER.GENERATE_API_SECRET_CODE' : 'SERVICE_PROVIDER.GET_API_SECRET_CODE');
    if (!generate) return new HttpAnswer(200, { api_secret_code: sp.api_secret_code });
    sp.api_secret_code = randomBytes(16).toString('hex');
    return new HttpAnswer(200, { detail: 'Api secret code updated.', api_secret_code: sp.api_secret_code });
  };
}

function roleAction(kind: 'add' | 'update' | 'delete') {
  return (req: SimRequest, ctx: SimContext): HttpAnswer => {
    const sp = providerFor(ctx, req.params.uuid);
    if (!isOwner(ctx, sp)) throw drf.forbidden();
    const body = (req.body ?? {}) as { user?: unknown; role?: unknown; expiration_time?: unknown };
    const required: Record<string, string[]> = {};
    if (body.user === undefined) required.user = ['This field is required.'];
    if (body.role === undefined) required.role = ['This field is required.'];
    if (Object.keys(required).length) throw drf.badRequest(required);
    const role = [...ctx.store.roles.values()].find((r) => r.name === body.role || r.uuid === normUuid(body.role));
    if (!role) throw drf.badRequest(['Role is not found.']);
    const userUuid = normUuid(body.user);
    const user = userUuid ? ctx.store.users.get(userUuid) : undefined;
    if (!user) throw drf.badRequest(['User is not found.']);
    let expiration: string | null = null;
    if (body.expiration_time !== undefined && body.expiration_time !== null) {
      const t = typeof body.expiration_time === 'string' ? Date.parse(body.expiration_time) : NaN;
      if (Number.isNaN(t))
        throw drf.badRequest({
          expiration_time: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'],
        });
      if (kind !== 'delete' && t <= Date.now()) throw drf.badRequest(['Expiration time should be greater than current time.']);
      expiration = isoMicro(t);
    }
    const existing = [...ctx.store.spRoles.values()].find((x) => x.sp_uuid === sp.uuid && x.user_uuid === user.uuid && x.role_uuid === role.uuid);
    if (kind === 'add' && existing) throw drf.badRequest(['User has already the same role in this scope.']);
    if (role.scope !== 'serviceprovider') throw drf.badRequest(['Role is not valid for this scope.']);
    if (!role.is_active) throw drf.badRequest(['Role is not active.']);
    if (ctx.store.customers.get(sp.customer_uuid)?.archived) throw drf.badRequest(['Customer is not available.']);
    if (user.uuid === ctx.caller.uuid && !ctx.caller.is_staff) throw drf.badRequest(['User can not manage own role.']);
    if (kind === 'add') {
      const uuid = randomUUID().replace(/-/g, '');
      ctx.store.spRoles.set(uuid, {
        uuid,
        sp_uuid: sp.uuid,
        user_uuid: user.uuid,
        role_uuid: role.uuid,
        created: isoMicro(),
        expiration_time: expiration,
        created_by_uuid: ctx.caller.uuid,
      });
      return new HttpAnswer(201, { expiration_time: expiration });
    }
    if (!existing) throw drf.badRequest(['User does not have this role in this scope.']);
    if (kind === 'update') {
      existing.expiration_time = expiration;
      return new HttpAnswer(200, { expiration_time: expiration });
    }
    ctx.store.spRoles.delete(existing.uuid);
    return new HttpAnswer(200);
  };
}

function setOfferingsUsername(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.SET_OFFERINGS_USERNAME');
  const body = (req.body ?? {}) as { user_uuid?: unknown; username?: unknown };
  const errors: Record<string, string[]> = {};
  if (body.user_uuid === undefined) errors.user_uuid = ['This field is required.'];
  else if (!normUuid(body.user_uuid)) errors.user_uuid = ['Must be a valid UUID.'];
  if (body.username === undefined) errors.username = ['This field is required.'];
  else if (typeof body.username !== 'string') errors.username = ['Not a valid string.'];
  if (Object.keys(errors).length) throw drf.badRequest(errors);
  const userUuid = normUuid(body.user_uuid)!;
  if (!ctx.store.users.has(userUuid)) throw drf.badRequest([`A user with the uuid [${userUuid}] is not found.`]);
  const projects = new Set(ctx.store.projectRoles.filter((r) => r.user_uuid === userUuid).map((r) => r.project_uuid));
  const offerings = new Set(
    [...ctx.store.resources.values()]
      .filter((r) => r.state !== 'Terminated' && projects.has(r.project_uuid))
      .map((r) => r.offering_uuid)
      .filter((o) => ctx.store.offerings.get(o)?.customer_uuid === sp.customer_uuid),
  );
  const now = isoMicro();
  for (const offeringUuid of offerings) {
    let ou = [...ctx.store.offeringUsers.values()].find((x) => x.offering_uuid === offeringUuid && x.user_uuid === userUuid);
    if (!ou) {
      const created: OfferingUser = {
        uuid: randomUUID().replace(/-/g, ''),
        user_uuid: userUuid,
        offering_uuid: offeringUuid,
        username: null,
        state: 1,
        is_restricted: false,
        service_provider_comment: '',
        service_provider_comment_url: '',
        created: now,
        modified: now,
      };
      ctx.store.offeringUsers.set(created.uuid, created);
      ctx.store.onOfferingUserCreated(created, now);
      ou = created;
    }
    if (body.username) {
      assignUsername(ou, body.username as string);
      ou.modified = now;
    }
  }
  // The schema declares `201: No response body`.
  return new HttpAnswer(201);
}

function siteAgentConfig(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.GET_API_SECRET_CODE');
  const body = (req.body ?? {}) as { offering_uuids?: unknown; include_policy_settings?: unknown; waldur_api_url?: unknown; timezone?: unknown };
  if (!Array.isArray(body.offering_uuids) || body.offering_uuids.length === 0) throw drf.badRequest({ offering_uuids: ['This field is required.'] });
  const offerings = body.offering_uuids.map((u) => {
    const o = ctx.store.offerings.get(normUuid(u) ?? '');
    if (!o || o.customer_uuid !== sp.customer_uuid)
      throw drf.badRequest({ offering_uuids: [`Offering ${String(u)} does not belong to this service provider.`] });
    return o;
  });
  const apiUrl = typeof body.waldur_api_url === 'string' && body.waldur_api_url ? body.waldur_api_url : ctx.apiRoot;
  const lines = [
    '# Waldur site agent configuration',
    `timezone: "${typeof body.timezone === 'string' && body.timezone ? body.timezone : 'UTC'}"`,
    'offerings:',
    ...offerings.flatMap((o) => [
      `  - name: "${o.name}"`,
      `    waldur_api_url: "${apiUrl}"`,
      '    waldur_api_token: "<service provider token>"',
      `    waldur_offering_uuid: "${o.uuid}"`,
      `    backend_type: "${o.type.toLowerCase().includes('slurm') ? 'slurm' : 'basic'}"`,
      ...(body.include_policy_settings ? ['    backend_settings:', '      periodic_limits_enabled: true'] : []),
    ]),
  ];
  // The schema declares application/json with a string body: the YAML text as one JSON string.
  return new HttpAnswer(200, `${lines.join('\n')}\n`, { 'content-disposition': 'attachment; filename="waldur-site-agent-config.yaml"' });
}

export function serviceProviderRoutes(router: Router<SimContext>): void {
  const base = `/api/${ROUTE}`;
  router
    .on('GET', `${base}/`, list)
    .on('POST', `${base}/`, create)
    .on('GET', `${base}/{uuid}/`, (req, ctx) => new HttpAnswer(200, sparse(req.url, serializeProvider(ctx, providerFor(ctx, req.params.uuid)))))
    .on('PUT', `${base}/{uuid}/`, update)
    .on('PATCH', `${base}/{uuid}/`, update)
    .on('DELETE', `${base}/{uuid}/`, destroy)
    .on('GET', `${base}/{uuid}/stat/`, stat)
    .on('GET', `${base}/{uuid}/revenue/`, revenue)
    .on('GET', `${base}/{uuid}/api_secret_code/`, apiSecret(false))
    .on('POST', `${base}/{uuid}/api_secret_code/`, apiSecret(true))
    .on('POST', `${base}/{uuid}/add_user/`, roleAction('add'))
    .on('POST', `${base}/{uuid}/update_user/`, roleAction('update'))
    .on('POST', `${base}/{uuid}/delete_user/`, roleAction('delete'))
    .on('POST', `${base}/{uuid}/set_offerings_username/`, setOfferingsUsername)
    .on('POST', `${base}/{uuid}/generate_site_agent_config/`, siteAgentConfig);
}
