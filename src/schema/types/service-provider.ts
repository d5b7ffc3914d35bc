import { listServiceProviders, type OrganizationGroupDto, type ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { countedConnection } from '../connection.js';
import { toConnection, upstreamLimit, windowFromArgs } from '../pagination.js';
import { CustomerSummaryRef } from './summaries.js';

export const ServiceProviderRef = builder.objectRef<ServiceProviderDto>('ServiceProvider');

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
  loadOne: (uuid, ctx) => ctx.loaders.serviceProvider.load(uuid),
  isTypeOf: (o) => typeof o === 'object' && o !== null && 'offering_count' in o,
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (sp) => sp.uuid }),
    url: t.field({ type: 'URL', resolve: (sp) => sp.url }),
    created: t.field({ type: 'DateTime', resolve: (sp) => sp.created }),
    description: t.string({ resolve: (sp) => sp.description ?? '' }),
    enableNotifications: t.boolean({ nullable: true, description: 'Hidden from anonymous callers by some Waldur versions.', resolve: (sp) => sp.enable_notifications ?? null }),
    customer: t.field({ type: CustomerSummaryRef, resolve: (sp) => ({ uuid: sp.customer_uuid, name: sp.customer_name }) }),
    customerUrl: t.field({ type: 'URL', resolve: (sp) => sp.customer }),
    customerUuid: t.field({ type: 'UUID', resolve: (sp) => sp.customer_uuid }),
    customerName: t.string({ resolve: (sp) => sp.customer_name }),
    customerImage: t.field({ type: 'URL', nullable: true, resolve: (sp) => sp.customer_image || null }),
    customerAbbreviation: t.string({ resolve: (sp) => sp.customer_abbreviation ?? '' }),
    customerSlug: t.string({ resolve: (sp) => sp.customer_slug ?? '' }),
    customerNativeName: t.string({ resolve: (sp) => sp.customer_native_name ?? '' }),
    customerCountry: t.string({ resolve: (sp) => sp.customer_country ?? '' }),
    image: t.field({ type: 'URL', nullable: true, resolve: (sp) => sp.image || null }),
    organizationGroups: t.field({ type: [OrganizationGroupRef], resolve: (sp) => sp.organization_groups ?? [] }),
    offeringCount: t.int({ description: 'Offerings in state Active or Paused.', resolve: (sp) => sp.offering_count ?? 0 }),
    allowedDomains: t.stringList({ nullable: true, resolve: (sp) => sp.allowed_domains ?? null }),
  }),
});

const ServiceProviderFilter = builder.inputType('ServiceProviderFilter', {
  fields: (t) => ({
    customer: t.field({ type: 'URL', description: 'Customer URL.' }),
    customerUuid: t.field({ type: 'UUID' }),
    customerKeyword: t.string({ description: 'Substring of the customer name, abbreviation or native name.' }),
  }),
});

const ServiceProviderOrderBy = builder.enumType('ServiceProviderOrderBy', {
  values: { CUSTOMER_NAME_ASC: { value: 'customer_name' }, CUSTOMER_NAME_DESC: { value: '-customer_name' } } as const,
});

export const ServiceProviderConnection = countedConnection(ServiceProviderRef, 'ServiceProvider');

builder.queryFields((t) => ({
  serviceProvider: t.field({
    type: ServiceProviderRef,
    nullable: true,
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: (_r, { uuid }, ctx) => ctx.loaders.serviceProvider.load(uuid),
  }),
  serviceProviders: t.field({
    type: ServiceProviderConnection,
    // Nullable so that one failing root field leaves the others' answers intact.
    nullable: true,
    description: 'Every authenticated user sees every provider.',
    args: { first: t.arg.int(), after: t.arg.string(), filter: t.arg({ type: ServiceProviderFilter }), orderBy: t.arg({ type: [ServiceProviderOrderBy] }) },
    resolve: async (_r, args, ctx) => {
      const window = windowFromArgs(args);
      const f = args.filter ?? {};
      const page = await listServiceProviders(
        ctx.upstream,
        { customer: f.customer?.toString(), customerUuid: f.customerUuid ?? undefined, customerKeyword: f.customerKeyword ?? undefined, ordering: args.orderBy ? [...new Set(args.orderBy)] : undefined },
        window.offset,
        upstreamLimit(window),
      );
      for (const sp of page.items) {
        ctx.loaders.serviceProvider.prime(sp.uuid, sp);
        ctx.loaders.serviceProviderByCustomer.prime(sp.customer_uuid, sp);
      }
      return toConnection(page, window) as never;
    },
  }),
}));
