import { listOfferingUsers } from '../../upstream/resources/offering-users.js';
import { stateLabelOf } from '../../upstream/resources/offering-user-states.js';
import { COMPLIANCE, getApiSecretCode, getRevenue, getStatistics, listNested, type RevenueDto, type ServiceProviderDto, type StatisticsDto } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { countedConnection } from '../connection.js';
import { toConnection, upstreamLimit, windowFromArgs } from '../pagination.js';
import { ConsentConnection, consentsConnection } from './consent.js';
import { OfferingUserOrderByEnum, OfferingUserStateEnum } from './offering-user-enums.js';
import { OfferingUserFilterInput, toListParams } from './offering-user-filter.js';
import { OfferingUserConnection, OfferingUserRef, offeringUserFieldsFor } from './offering-user.js';
import { rowObject } from './row-fields.js';
import { ProviderOfferingRef } from './service-provider-items.js';
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

const OverviewRef = rowObject('ComplianceOverview', 'Checklist progress of one offering.', {
  offeringUuid: ['offering_uuid', 'uuid'],
  offeringName: ['offering_name', 'string'],
  checklistName: ['checklist_name', 'string'],
  totalUsers: ['total_users', 'int'],
  usersWithCompletions: ['users_with_completions', 'int'],
  completedUsers: ['completed_users', 'int'],
  pendingUsers: ['pending_users', 'int'],
  complianceRate: ['compliance_rate', 'float', 'Completed / total users x 100.'],
});

const ComplianceStatus = builder.enumType('ComplianceStatus', {
  values: { COMPLETED: { value: 'completed' }, PENDING: { value: 'pending' }, NO_CHECKLIST: { value: 'no_checklist' } } as const,
});

const ComplianceRowRef = rowObject('ComplianceOfferingUser', "An offering user's compliance state.", {
  uuid: ['uuid', 'uuid'],
  userFullName: ['user_full_name', 'string'],
  userEmail: ['user_email', 'string'],
  offeringName: ['offering_name', 'string'],
  checklistName: ['checklist_name', 'string'],
  username: ['username', 'string'],
  completionPercentage: ['completion_percentage', 'float', 'Null without a checklist, 0 without answers.'],
  lastUpdated: ['last_updated', 'datetime'],
  created: ['created', 'datetime'],
});
builder.objectFields(ComplianceRowRef, (t) => ({
  state: t.field({
    type: OfferingUserStateEnum,
    nullable: true,
    description: 'Waldur sends the stored integer (1-10) on this route; shown here like everywhere else.',
    resolve: (r) => (typeof r.state === 'number' ? stateLabelOf(r.state) : ((r.state as never) ?? null)),
  }),
  complianceStatus: t.field({ type: ComplianceStatus, nullable: true, resolve: (r) => (r.compliance_status as 'completed' | 'pending' | 'no_checklist') ?? null }),
  offeringUser: t.field({
    type: OfferingUserRef,
    nullable: true,
    description: 'The full offering user (read per row, concurrently and deduplicated).',
    resolve: (r, _a, ctx) => ctx.loaders.offeringUser.load(String(r.uuid)),
  }),
}));

const SummaryRef = rowObject('ComplianceChecklistSummary', 'A checklist used by the provider’s offerings.', {
  checklistUuid: ['checklist_uuid', 'uuid'],
  checklistName: ['checklist_name', 'string'],
  questionsCount: ['questions_count', 'int'],
  offeringsCount: ['offerings_count', 'int'],
});

const OverviewConnection = countedConnection(OverviewRef, 'ComplianceOverview');
const ComplianceRowConnection = countedConnection(ComplianceRowRef, 'ComplianceOfferingUser');
const SummaryConnection = countedConnection(SummaryRef, 'ComplianceChecklistSummary');

const ComplianceFilter = builder.inputType('ComplianceOfferingUserFilter', {
  fields: (t) => ({ offeringUuid: t.field({ type: 'UUID' }), complianceStatus: t.field({ type: ComplianceStatus }) }),
});

const ComplianceRef = builder.objectRef<ServiceProviderDto>('ServiceProviderCompliance').implement({
  description: 'Checklist compliance across the provider’s offerings (SERVICE_PROVIDER.LIST_CUSTOMERS).',
  fields: (t) => ({
    overview: t.field({
      type: OverviewConnection,
      nullable: true,
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: async (sp, args, ctx) => {
        const w = windowFromArgs(args);
        return toConnection(await listNested(ctx.upstream, sp.uuid, COMPLIANCE.overview, {}, undefined, w.offset, upstreamLimit(w)), w) as never;
      },
    }),
    offeringUsers: t.field({
      type: ComplianceRowConnection,
      nullable: true,
      args: { first: t.arg.int(), after: t.arg.string(), filter: t.arg({ type: ComplianceFilter }) },
      resolve: async (sp, args, ctx) => {
        const w = windowFromArgs(args);
        const values = { offeringUuid: args.filter?.offeringUuid ?? undefined, complianceStatus: args.filter?.complianceStatus ?? undefined };
        return toConnection(await listNested(ctx.upstream, sp.uuid, COMPLIANCE.offeringUsers, values, undefined, w.offset, upstreamLimit(w)), w) as never;
      },
    }),
    checklistsSummary: t.field({
      type: SummaryConnection,
      nullable: true,
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: async (sp, args, ctx) => {
        const w = windowFromArgs(args);
        return toConnection(await listNested(ctx.upstream, sp.uuid, COMPLIANCE.checklistsSummary, {}, undefined, w.offset, upstreamLimit(w)), w) as never;
      },
    }),
  }),
});

builder.objectFields(ServiceProviderRef, (t) => ({
  statistics: t.field({ type: StatisticsRef, nullable: true, description: 'SERVICE_PROVIDER.GET_STATISTICS.', resolve: (sp, _a, ctx) => getStatistics(ctx.upstream, sp.uuid) }),
  revenue: t.field({ type: [RevenueRef], nullable: true, description: 'Monthly revenue for the last year (SERVICE_PROVIDER.GET_REVENUE).', resolve: (sp, _a, ctx) => getRevenue(ctx.upstream, sp.uuid) }),
  apiSecretCode: t.string({
    nullable: true,
    description: 'The secret the site agent uses (SERVICE_PROVIDER.GET_API_SECRET_CODE). Never logged by the gateway.',
    resolve: (sp, _a, ctx) => getApiSecretCode(ctx.upstream, sp.uuid),
  }),
  compliance: t.field({ type: ComplianceRef, description: 'Compliance lists; each fails on its own when not permitted.', resolve: (sp) => sp }),
  offeringUsers: t.field({
    type: OfferingUserConnection,
    nullable: true,
    description: "Offering users of this provider's offerings (Waldur offering users filtered by provider).",
    args: { first: t.arg.int(), after: t.arg.string(), filter: t.arg({ type: OfferingUserFilterInput }), orderBy: t.arg({ type: [OfferingUserOrderByEnum] }) },
    resolve: async (sp, args, ctx, info) => {
      const w = windowFromArgs(args);
      const fields = offeringUserFieldsFor(info);
      const params = { ...toListParams(args.filter, args.orderBy), providerUuid: sp.customer_uuid, fields };
      const page = await listOfferingUsers(ctx.upstream, params, w.offset, upstreamLimit(w));
      if (!fields) for (const row of page.items) ctx.loaders.offeringUser.prime(row.uuid, row);
      return toConnection(page, w) as never;
    },
  }),
  consents: t.field({
    type: ConsentConnection,
    nullable: true,
    description:
      "Consents to one of this provider's offerings. Waldur filters consents by a single offering, and shows other users' consents only to staff and support.",
    args: { offeringUuid: t.arg({ type: 'UUID', required: true }), first: t.arg.int(), after: t.arg.string(), hasConsent: t.arg.boolean(), version: t.arg.string() },
    resolve: async (_sp, args, ctx) => {
      return consentsConnection(ctx, { offeringUuid: args.offeringUuid, hasConsent: args.hasConsent ?? undefined, version: args.version ?? undefined }, windowFromArgs(args));
    },
  }),
}));

builder.objectField(OfferingUserRef, 'serviceProvider', (t) =>
  t.field({
    type: ServiceProviderRef,
    nullable: true,
    description: "The provider of this account's offering. Under a list: one request per distinct provider.",
    resolve: (ou, _a, ctx) => ctx.loaders.serviceProviderByCustomer.load(ou.customer_uuid),
  }),
);

// OfferingUser.offering knows its customer; other embedded offerings do not, and stay summaries.
builder.objectField(OfferingUserRef, 'offeringDetails', (t) =>
  t.field({
    type: ProviderOfferingRef,
    nullable: true,
    description: "The offering as its provider lists it (type, state, category, plans...). Batched per provider with uuid_list.",
    resolve: (ou, _a, ctx) => ctx.loaders.providerOffering.load({ customerUuid: ou.customer_uuid, offeringUuid: ou.offering_uuid }),
  }),
);

