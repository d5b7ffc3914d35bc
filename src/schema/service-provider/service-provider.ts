import { isServiceProvider, SERVICE_PROVIDER_LIST, type OrganizationGroupDto, type ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { camel } from '../naming.js';
import { builder } from '../builder.js';
import { connection, filterInput, orderByEnum, type FilterNames } from '../list-field.js';
import { lookAhead, needsOnlyUuid } from '../prefetch.js';
import { CustomerSummaryRef } from '../summaries.js';
import { serviceProviderLoader } from './loaders.js';

export const ServiceProviderRef = builder.objectRef<ServiceProviderDto>('ServiceProvider');

/**
 * A provider known by its UUID alone, not read: what `serviceProvider(uuid:)` answers when the
 * selection needs nothing else (see needsOnlyUuid). Branded, so the type check knows it for one.
 */
const UNREAD = Symbol('unread ServiceProvider');
const unread = (uuid: string) => ({ uuid, [UNREAD]: true }) as unknown as ServiceProviderDto;

const OrganizationGroupRef = builder.objectRef<OrganizationGroupDto>('OrganizationGroup').implement({
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (g) => g.uuid }),
    url: t.field({ type: 'URL', nullable: true, resolve: (g) => g.url || null }),
    name: t.exposeString('name'),
    parentUuid: t.field({ type: 'UUID', nullable: true, resolve: (g) => g.parent_uuid || null }),
    parentName: t.string({ nullable: true, resolve: (g) => g.parent_name || null }),
    parentUrl: t.field({ type: 'URL', nullable: true, resolve: (g) => g.parent || null }),
    customersCount: t.int({ resolve: (g) => g.customers_count ?? 0 }),
  }),
});

builder.node(ServiceProviderRef, {
  description: "An organisation's service-provider profile: one per customer.",
  id: { resolve: (sp) => sp.uuid },
  loadOne: (uuid, ctx) => serviceProviderLoader(ctx).load(uuid),
  isTypeOf: (o) => isServiceProvider(o) || (typeof o === 'object' && o !== null && UNREAD in o),
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (sp) => sp.uuid }),
    url: t.field({ type: 'URL', resolve: (sp) => sp.url }),
    created: t.field({ type: 'DateTime', resolve: (sp) => sp.created }),
    description: t.string({ resolve: (sp) => sp.description ?? '' }),
    enableNotifications: t.boolean({
      nullable: true,
      description: 'Hidden from anonymous callers by some Waldur versions.',
      resolve: (sp) => sp.enable_notifications ?? null,
    }),
    customer: t.field({ type: CustomerSummaryRef, resolve: (sp) => ({ uuid: sp.customer_uuid, name: sp.customer_name }) }),
    customerUrl: t.field({ type: 'URL', resolve: (sp) => sp.customer }),
    customerUuid: t.field({ type: 'UUID', resolve: (sp) => sp.customer_uuid }),
    customerName: t.string({ resolve: (sp) => sp.customer_name }),
    customerImage: t.field({ type: 'URL', nullable: true, resolve: (sp) => sp.customer_image || null }),
    ...Object.fromEntries(
      (['customer_abbreviation', 'customer_slug', 'customer_native_name', 'customer_country'] as const).map((k) => [
        camel(k),
        t.string({ resolve: (sp) => sp[k] ?? '' }),
      ]),
    ),
    image: t.field({ type: 'URL', nullable: true, resolve: (sp) => sp.image || null }),
    organizationGroups: t.field({ type: [OrganizationGroupRef], resolve: (sp) => sp.organization_groups ?? [] }),
    offeringCount: t.int({ description: 'Offerings in state Active or Paused.', resolve: (sp) => sp.offering_count ?? 0 }),
    allowedDomains: t.stringList({ nullable: true, resolve: (sp) => sp.allowed_domains ?? null }),
  }),
});

const ServiceProviderConnection = connection(ServiceProviderRef, 'ServiceProvider');

/** The GraphQL side of the provider list's filters (its Waldur side is upstream's SERVICE_PROVIDER_LIST). */
const SERVICE_PROVIDER_FILTER_NAMES: FilterNames = {
  customer: { doc: 'Customer URL.' },
  customer_keyword: { doc: 'Substring of the customer name, abbreviation or native name.' },
};

builder.queryFields((t) => ({
  serviceProvider: t.field({
    type: ServiceProviderRef,
    nullable: true,
    description:
      "One service provider; null when it does not exist or is not visible to the caller. A selection of only `uuid` and lists keyed by it (customers, projects, statistics, ...) makes no read of the provider itself: then a missing provider shows as those lists' NOT_FOUND errors.",
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: async (_r, { uuid }, ctx, info) => {
      // Nothing selected needs the provider's own fields: its lists go out at once, and one that
      // does not exist or is not visible says so through those calls' own 404/403.
      if (needsOnlyUuid(info)) return unread(uuid);
      // Statistics, revenue and the compliance overview need only the UUID the caller gave: they
      // start beside the read of the provider instead of after it.
      lookAhead(uuid, info, ctx);
      return serviceProviderLoader(ctx).load(uuid);
    },
  }),
  serviceProviders: t.waldurConnection({
    type: ServiceProviderConnection,
    list: SERVICE_PROVIDER_LIST,
    filter: filterInput('ServiceProviderFilter', SERVICE_PROVIDER_LIST.filters, { names: SERVICE_PROVIDER_FILTER_NAMES }),
    orderBy: orderByEnum('ServiceProviderOrderBy', SERVICE_PROVIDER_LIST),
    description: 'Every authenticated user sees every provider.',
  }),
}));
