import { isStateLabel, stateLabelOf } from '../../upstream/resources/offering-user-states.js';
import { COMPLIANCE } from '../../upstream/resources/service-provider-lists.js';
import type { ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { connection, filterInput, restCall } from '../list-field.js';
import { OfferingUserStateEnum } from '../offering-user/enums.js';
import { OfferingUserRef } from '../offering-user/offering-user.js';
import { rowObject } from '../row-fields.js';
import { lookahead } from '../prefetch.js';
import { ServiceProviderRef } from './service-provider.js';
import { offeringUserLoader } from '../offering-user/loaders.js';

const OverviewRef = rowObject(
  'ComplianceOverview',
  'Checklist progress of one offering.',
  {
    uuid: 'offering_uuid',
    string: 'offering_name checklist_name',
    int: 'total_users users_with_completions completed_users pending_users',
    float: 'compliance_rate',
  },
  { complianceRate: 'Completed / total users x 100.' },
);

const ComplianceStatus = builder.enumType('ComplianceStatus', {
  values: { COMPLETED: { value: 'completed' }, PENDING: { value: 'pending' }, NO_CHECKLIST: { value: 'no_checklist' } } as const,
});

const ComplianceRowRef = rowObject(
  'ComplianceOfferingUser',
  "An offering user's compliance state.",
  { uuid: 'uuid', string: 'user_full_name user_email offering_name checklist_name username', float: 'completion_percentage', datetime: 'last_updated created' },
  { completionPercentage: 'Null without a checklist, 0 without answers.' },
);
builder.objectFields(ComplianceRowRef, (t) => ({
  state: t.field({
    type: OfferingUserStateEnum,
    nullable: true,
    description: 'Waldur sends the stored integer (1-10) on this route; shown here like everywhere else.',
    resolve: (r) => (typeof r.state === 'number' ? stateLabelOf(r.state) : typeof r.state === 'string' && isStateLabel(r.state) ? r.state : null),
  }),
  complianceStatus: t.field({
    type: ComplianceStatus,
    nullable: true,
    resolve: (r) => (r.compliance_status as 'completed' | 'pending' | 'no_checklist') ?? null,
  }),
  offeringUser: t.field({
    type: OfferingUserRef,
    nullable: true,
    description: 'The full offering user (read per row, concurrently and deduplicated).',
    ...restCall(),
    resolve: (r, _a, ctx) => offeringUserLoader(ctx).load(String(r.uuid)),
  }),
}));

const SummaryRef = rowObject('ComplianceChecklistSummary', 'A checklist used by the provider’s offerings.', {
  uuid: 'checklist_uuid',
  string: 'checklist_name',
  int: 'questions_count offerings_count',
});

const below = (sp: ServiceProviderDto) => ({ parent: sp.uuid });

const ComplianceRef = builder.objectRef<ServiceProviderDto>('ServiceProviderCompliance').implement({
  description: 'Checklist compliance across the provider’s offerings (SERVICE_PROVIDER.LIST_CUSTOMERS).',
  fields: (t) => ({
    // One read by the provider's UUID: read ahead, beside the provider's own read.
    overview: t.waldurConnection({ type: connection(OverviewRef, 'ComplianceOverview'), list: COMPLIANCE.overview, request: below, lookahead: true }),
    offeringUsers: t.waldurConnection({
      type: connection(ComplianceRowRef, 'ComplianceOfferingUser'),
      list: COMPLIANCE.offeringUsers,
      filter: filterInput('ComplianceOfferingUserFilter', COMPLIANCE.offeringUsers.filters, { types: { complianceStatus: ComplianceStatus } }),
      request: below,
    }),
    checklistsSummary: t.waldurConnection({ type: connection(SummaryRef, 'ComplianceChecklistSummary'), list: COMPLIANCE.checklistsSummary, request: below }),
  }),
});

builder.objectField(ServiceProviderRef, 'compliance', (t) =>
  t.field({
    type: ComplianceRef,
    description: 'Compliance lists; each fails on its own when not permitted.',
    // A group of fields over the provider itself: look-ahead goes on into them.
    extensions: { rest: ['uuid'], ...lookahead('self') },
    resolve: (sp) => sp,
  }),
);
