import { getApiSecretCode, getRevenue, getStatistics, type RevenueDto, type StatisticsDto } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { ServiceProviderRef } from './service-provider.js';

const StatisticsRef = builder.objectRef<StatisticsDto>('ServiceProviderStatistics').implement({
  fields: (t) => ({
    activeCampaigns: t.exposeInt('active_campaigns'),
    currentCustomers: t.exposeInt('current_customers'),
    customersNumberChange: t.exposeInt('customers_number_change'),
    activeResources: t.exposeInt('active_resources'),
    resourcesNumberChange: t.exposeInt('resources_number_change'),
    activeAndPausedOfferings: t.exposeInt('active_and_paused_offerings'),
    unresolvedTickets: t.exposeInt('unresolved_tickets'),
    pendingOrders: t.exposeInt('pending_orders'),
    erredResources: t.exposeInt('erred_resources'),
  }),
});

const RevenueRef = builder.objectRef<RevenueDto>('ServiceProviderRevenue').implement({
  description: "Invoiced total of the provider's offerings in one month.",
  fields: (t) => ({ year: t.exposeInt('year'), month: t.exposeInt('month'), total: t.float({ resolve: (r) => Number(r.total) }) }),
});

builder.objectFields(ServiceProviderRef, (t) => ({
  statistics: t.field({ type: StatisticsRef, nullable: true, description: 'SERVICE_PROVIDER.GET_STATISTICS.', resolve: (sp, _a, ctx) => getStatistics(ctx.upstream, sp.uuid) }),
  revenue: t.field({ type: [RevenueRef], nullable: true, description: 'Monthly revenue for the last year (SERVICE_PROVIDER.GET_REVENUE).', resolve: (sp, _a, ctx) => getRevenue(ctx.upstream, sp.uuid) }),
  apiSecretCode: t.string({
    nullable: true,
    description: 'The secret the site agent uses (SERVICE_PROVIDER.GET_API_SECRET_CODE). Never logged by the gateway.',
    resolve: (sp, _a, ctx) => getApiSecretCode(ctx.upstream, sp.uuid),
  }),
}));
