import { restCall } from '../list-field.js';
import { getApiSecretCode, getRevenue, getStatistics, type RevenueDto, type StatisticsDto } from '../../upstream/resources/service-providers.js';
import { camel } from '../naming.js';
import { builder } from '../builder.js';
import { lookahead } from '../prefetch.js';
import { ServiceProviderRef } from './service-provider.js';

const STATISTICS = [
  'active_campaigns',
  'current_customers',
  'customers_number_change',
  'active_resources',
  'resources_number_change',
  'active_and_paused_offerings',
  'unresolved_tickets',
  'pending_orders',
  'erred_resources',
] as const;

const StatisticsRef = builder.objectRef<StatisticsDto>('ServiceProviderStatistics').implement({
  fields: (t) => Object.fromEntries(STATISTICS.map((k) => [camel(k), t.exposeInt(k)])),
});

const RevenueRef = builder.objectRef<RevenueDto>('ServiceProviderRevenue').implement({
  description: "Invoiced total of the provider's offerings in one month.",
  fields: (t) => ({ year: t.exposeInt('year'), month: t.exposeInt('month'), total: t.float({ resolve: (r) => Number(r.total) }) }),
});

builder.objectFields(ServiceProviderRef, (t) => ({
  statistics: t.field({
    type: StatisticsRef,
    nullable: true,
    // Keyed by the provider's UUID alone: read ahead, beside the provider's own read.
    extensions: { ...restCall().extensions, ...lookahead() },
    description: 'SERVICE_PROVIDER.GET_STATISTICS.',
    resolve: (sp, _a, ctx) => getStatistics(ctx.upstream, sp.uuid),
  }),
  revenue: t.field({
    type: [RevenueRef],
    nullable: true,
    extensions: { ...restCall().extensions, ...lookahead() },
    description: 'Monthly revenue for the last year (SERVICE_PROVIDER.GET_REVENUE).',
    resolve: (sp, _a, ctx) => getRevenue(ctx.upstream, sp.uuid),
  }),
  apiSecretCode: t.string({
    nullable: true,
    ...restCall(),
    description: 'The secret the site agent uses (SERVICE_PROVIDER.GET_API_SECRET_CODE). Never logged by the gateway.',
    resolve: (sp, _a, ctx) => getApiSecretCode(ctx.upstream, sp.uuid),
  }),
}));
