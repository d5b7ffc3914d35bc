import type { SimContext } from './context.js';
import { drf, normUuid } from './http.js';
import { hasPermission } from './permissions.js';
import type { Project, Resource, ServiceProvider } from './store.js';

/** 404 for an unknown provider (before any permission check), then the permission on its customer. */
export function providerFor(ctx: SimContext, uuid: string | undefined, permission?: string, forbiddenDetail?: string): ServiceProvider {
  const id = normUuid(uuid);
  const sp = id ? ctx.store.serviceProviders.get(id) : undefined;
  if (!sp) throw drf.notFound('ServiceProvider');
  if (permission && !hasPermission(ctx.store, ctx.caller, permission, sp.customer_uuid)) throw drf.forbidden(forbiddenDetail);
  return sp;
}

/** "SP resources": of the provider's shared offerings, not terminated (behaviour 5.3). */
export function providerResources(ctx: SimContext, sp: ServiceProvider): Resource[] {
  return [...ctx.store.resources.values()].filter((r) => {
    const off = ctx.store.offerings.get(r.offering_uuid);
    return off && off.customer_uuid === sp.customer_uuid && off.shared && r.state !== 'Terminated';
  });
}

export function providerProjects(ctx: SimContext, sp: ServiceProvider): Project[] {
  const ids = new Set(providerResources(ctx, sp).map((r) => r.project_uuid));
  return [...ids]
    .map((id) => ctx.store.projects.get(id)!)
    .filter(Boolean)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const fullName = (u: { first_name: string; last_name: string }) => `${u.first_name} ${u.last_name}`.trim();

export const priceEstimate = (total: number) => ({
  total: total.toFixed(2),
  current: (total * 0.6).toFixed(2),
  tax: (total * 0.22).toFixed(2),
  tax_current: (total * 0.132).toFixed(2),
});
