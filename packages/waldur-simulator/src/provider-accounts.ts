import { link, type SimContext } from './context.js';
import { drf, normUuid, order, type HttpAnswer, type SimRequest } from './http.js';
import { hasPermission } from './permissions.js';
import { answerList, contains, filterRows, uuidIs, type Row } from './provider-list-helpers.js';
import { fullName, providerFor, providerProjects, providerResources } from './provider-scope.js';

/** Service accounts, course accounts, the provider's team and robot accounts (behaviour 5.2-5.3). */
export function accounts(kind: 'project' | 'course') {
  return (req: SimRequest, ctx: SimContext): HttpAnswer => {
    const sp = providerFor(ctx, req.params.uuid, kind === 'project' ? 'SERVICE_PROVIDER.LIST_SERVICE_ACCOUNTS' : 'SERVICE_PROVIDER.LIST_COURSE_ACCOUNTS');
    const projectIds = new Set(providerProjects(ctx, sp).map((p) => p.uuid));
    const states = req.url.searchParams.getAll('state');
    let rows: Row[] = [...ctx.store.serviceAccounts.values()]
      .filter((a) => a.kind === kind && projectIds.has(a.project_uuid) && (kind === 'project' ? a.username !== null : a.user_uuid !== null))
      .filter((a) => !states.length || states.includes(a.state))
      .map((a) => {
        const p = ctx.store.projects.get(a.project_uuid)!;
        const c = ctx.store.customers.get(p.customer_uuid)!;
        const common = {
          url: link(ctx, kind === 'project' ? 'marketplace-project-service-accounts' : 'marketplace-course-accounts', a.uuid),
          uuid: a.uuid,
          created: a.created,
          modified: a.modified,
          project: p.uuid,
          project_uuid: p.uuid,
          project_name: p.name,
          customer_uuid: c.uuid,
          customer_name: c.name,
          state: a.state,
          email: a.email,
          description: a.description,
          error_message: '',
        };
        return kind === 'project'
          ? {
              ...common,
              username: a.username,
              error_traceback: '',
              token: null,
              expires_at: null,
              preferred_identifier: '',
              customer_abbreviation: c.abbreviation,
            }
          : {
              ...common,
              project_slug: p.slug ?? '',
              project_start_date: p.start_date ?? null,
              project_end_date: p.end_date ?? null,
              user_uuid: a.user_uuid,
              username: a.username ?? '',
              error_traceback: '',
            };
      });
    rows = filterRows(req.url, rows, {
      email: (r, v) => contains(r.email, v),
      username: (r, v) => contains(r.username, v),
      project_uuid: (r, v) => uuidIs(r.project_uuid, v),
      project: (r, v) => v.includes(String(r.project_uuid)),
      project_end_date_after: (r, v) => r.project_end_date !== null && String(r.project_end_date) >= v,
      project_end_date_before: (r, v) => r.project_end_date !== null && String(r.project_end_date) <= v,
      project_start_date_after: (r, v) => r.project_start_date !== null && String(r.project_start_date) >= v,
      project_start_date_before: (r, v) => r.project_start_date !== null && String(r.project_start_date) <= v,
    });
    const keysFor = Object.fromEntries(
      ['created', 'email', 'modified', 'project_end_date', 'project_name', 'project_start_date', 'state', 'username'].map((k) => [
        k,
        (r: Row) => (r[k] === undefined || r[k] === null ? null : String(r[k])),
      ]),
    );
    return answerList(
      req,
      order(req.url, rows, keysFor, (a, b) => String(b.created).localeCompare(String(a.created))),
      false,
    );
  };
}

export function teamMembers(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid);
  const me = ctx.caller;
  const onScope = [...ctx.store.spRoles.values()].some((r) => r.sp_uuid === sp.uuid && r.user_uuid === me.uuid);
  const viaCustomer = hasPermission(ctx.store, me, 'CUSTOMER.VIEW_TEAM', sp.customer_uuid);
  if (!(me.is_staff || me.is_support || onScope || viaCustomer)) throw drf.forbidden('You do not have permission to list team members of this scope.');
  let rows: Row[] = [...ctx.store.spRoles.values()]
    .filter((r) => r.sp_uuid === sp.uuid)
    .map((r) => {
      const u = ctx.store.users.get(r.user_uuid)!;
      const role = ctx.store.roles.get(r.role_uuid)!;
      const by = r.created_by_uuid ? ctx.store.users.get(r.created_by_uuid) : undefined;
      return {
        uuid: r.uuid,
        created: r.created,
        expiration_time: r.expiration_time,
        role_name: role.name,
        role_uuid: role.uuid,
        user_email: u.email,
        user_full_name: fullName(u),
        user_username: u.username,
        user_uuid: u.uuid,
        created_by_full_name: by ? fullName(by) : '',
        ...(by ? { created_by_uuid: by.uuid } : {}),
      };
    });
  rows = filterRows(req.url, rows, {
    full_name: (r, v) => contains(r.user_full_name, v),
    username: (r, v) => contains(r.user_username, v),
    user: (r, v) => uuidIs(r.user_uuid, v),
    role: (r, v) => r.role_name === v || r.role_uuid === normUuid(v),
    search_string: (r, v) => contains(r.user_full_name, v) || contains(r.user_username, v) || contains(r.user_email, v),
  });
  rows = order(
    req.url,
    rows,
    {
      created: (r) => r.created as string,
      email: (r) => r.user_email as string,
      expiration_time: (r) => r.expiration_time as string | null,
      full_name: (r) => r.user_full_name as string,
      native_name: () => '',
      role: (r) => r.role_name as string,
      username: (r) => r.user_username as string,
    },
    (a, b) => String(a.user_username).localeCompare(String(b.user_username)),
  );
  return answerList(req, rows, true);
}

export function robots(kind: 'customers' | 'projects') {
  return (req: SimRequest, ctx: SimContext): HttpAnswer => {
    const sp = providerFor(
      ctx,
      req.params.uuid,
      kind === 'customers' ? 'SERVICE_PROVIDER.GET_ROBOT_ACCOUNT_CUSTOMERS' : 'SERVICE_PROVIDER.GET_ROBOT_ACCOUNT_PROJECTS',
    );
    const mine = new Set(providerResources(ctx, sp).map((r) => r.uuid));
    const seen = new Map<string, string>();
    for (const robot of ctx.store.robotAccounts.values()) {
      if (!mine.has(robot.resource_uuid)) continue;
      const p = ctx.store.projects.get(ctx.store.resources.get(robot.resource_uuid)!.project_uuid)!;
      if (kind === 'projects') seen.set(p.uuid, p.name);
      else seen.set(p.customer_uuid, ctx.store.customers.get(p.customer_uuid)!.name);
    }
    const needle = req.url.searchParams.get(kind === 'customers' ? 'customer_name' : 'project_name');
    const rows = [...seen]
      .map(([uuid, name]) => ({ name, uuid }))
      .filter((r) => contains(r.name, needle))
      .sort((a, b) => a.name.localeCompare(b.name));
    return answerList(req, rows, false);
  };
}
