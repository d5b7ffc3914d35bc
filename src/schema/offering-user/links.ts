import type { OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { ChecklistCompletionRef, ChecklistCompletionReviewRef } from '../checklist/completion.js';
import { ChecklistReviewRef, OfferingUserChecklistRef } from '../checklist/checklist.js';
import { checklistLoader, checklistReviewLoader, completionReviewStatusLoader, completionStatusLoader } from '../checklist/loaders.js';
import { ConsentRef } from '../consent/consent.js';
import { consentByPairLoader } from '../consent/loaders.js';
import { restCall } from '../list-field.js';
import { lookahead } from '../prefetch.js';
import { ProviderOfferingRef } from '../service-provider/items.js';
import { providerOfferingLoader, serviceProviderByCustomerLoader } from '../service-provider/loaders.js';
import { ServiceProviderRef } from '../service-provider/service-provider.js';
import { OfferingUserRef } from './offering-user.js';

/**
 * What an offering user links to, each batched through the operation's loaders. Waldur keeps these
 * apart; a link is declared here because it starts from the offering user.
 */

// Waldur says has_compliance_checklist=false exactly when its checklist endpoints would answer
// "No checklist configured": such rows need no request at all.
const noChecklist = (ou: Pick<OfferingUserDto, 'has_compliance_checklist'>) => ou.has_compliance_checklist === false;

/**
 * One REST call per offering user each is asked for (no batch route): the cost limit counts it.
 * The row's UUID and checklist flag are all it needs of the row. checklist and completionStatus
 * are read ahead beside an account read by UUID (what HomePort's account page shows first); the
 * reviewer views are not, as most callers may not read them.
 */
const checklistRead = (ahead: boolean) => ({
  extensions: { restCallsPerParent: 1, rest: ['uuid', 'has_compliance_checklist'], ...(ahead ? lookahead() : {}) },
  nullable: true as const,
});

builder.objectFields(OfferingUserRef, (t) => {
  const includeAll = (description?: string) => ({ includeAll: t.arg.boolean({ defaultValue: false, description }) });
  return {
    checklist: t.field({
      ...checklistRead(true),
      type: OfferingUserChecklistRef,
      description:
        'The checklist with its visible questions (all of them with includeAll); null without a checklist. The user themselves or a provider with OFFERING.UPDATE_USER.',
      args: includeAll('Also hidden questions (Waldur include_all).'),
      resolve: (ou, args, ctx) => (noChecklist(ou) ? null : checklistLoader(ctx).load({ uuid: ou.uuid, includeAll: args.includeAll ?? false })),
    }),
    checklistReview: t.field({
      ...checklistRead(false),
      type: ChecklistReviewRef,
      description: 'Reviewer view (OFFERING.UPDATE_USER on the provider); others get FORBIDDEN on this field only.',
      args: includeAll(),
      resolve: (ou, args, ctx) => (noChecklist(ou) ? null : checklistReviewLoader(ctx).load({ uuid: ou.uuid, includeAll: args.includeAll ?? false })),
    }),
    completionStatus: t.field({
      ...checklistRead(true),
      type: ChecklistCompletionRef,
      description: 'Progress; null without a checklist. Under a list these reads run concurrently, bounded, and deduplicated.',
      resolve: (ou, _a, ctx) => (noChecklist(ou) ? null : completionStatusLoader(ctx).load(ou.uuid)),
    }),
    completionReviewStatus: t.field({
      ...checklistRead(false),
      type: ChecklistCompletionReviewRef,
      description: 'Progress with review state; reviewers only (FORBIDDEN on this field otherwise).',
      resolve: (ou, _a, ctx) => (noChecklist(ou) ? null : completionReviewStatusLoader(ctx).load(ou.uuid)),
    }),
    consent: t.field({
      type: ConsentRef,
      nullable: true,
      description:
        "This user's consent for this offering; null when none, or when the caller may not see it (only staff, support and the user themselves can). Batched across a list.",
      ...restCall('user_uuid', 'offering_uuid'),
      resolve: (ou, _a, ctx) => consentByPairLoader(ctx).load({ userUuid: ou.user_uuid, offeringUuid: ou.offering_uuid }),
    }),
    serviceProvider: t.field({
      type: ServiceProviderRef,
      nullable: true,
      description: "The provider of this account's offering. Under a list: one request per distinct provider.",
      ...restCall('customer_uuid'),
      resolve: (ou, _a, ctx) => serviceProviderByCustomerLoader(ctx).load(ou.customer_uuid),
    }),
    // OfferingUser.offering knows its customer; other embedded offerings do not, and stay summaries.
    offeringDetails: t.field({
      type: ProviderOfferingRef,
      nullable: true,
      description: 'The offering as its provider lists it (type, state, category, plans...). Batched per provider with uuid_list.',
      ...restCall('customer_uuid', 'offering_uuid'),
      resolve: (ou, _a, ctx) => providerOfferingLoader(ctx).load({ customerUuid: ou.customer_uuid, offeringUuid: ou.offering_uuid }),
    }),
  };
});
