import { getChecklistTemplate, isNoChecklist, type ChecklistDto, type ChecklistShortDto, type ChecklistTemplateDto } from '../../upstream/resources/checklists.js';
import { UpstreamError } from '../../upstream/errors.js';
import { builder } from '../builder.js';
import { ChecklistCompletionRef, ChecklistCompletionReviewRef } from './checklist-completion.js';
import { ChecklistTypeEnum } from './checklist-enums.js';
import { ChecklistQuestionRef, ChecklistReviewQuestionRef, ChecklistTemplateQuestionRef } from './checklist-question.js';
import { OfferingUserRef } from './offering-user.js';

export const ChecklistRef = builder.objectRef<ChecklistShortDto>('Checklist').implement({
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    checklistType: t.field({ type: ChecklistTypeEnum, resolve: (c) => c.checklist_type }),
  }),
});

export const OfferingUserChecklistRef = builder.objectRef<ChecklistDto>('OfferingUserChecklist').implement({
  description: "An offering user's checklist as they see it: the questions currently visible and the progress.",
  fields: (t) => ({
    checklist: t.field({ type: ChecklistRef, resolve: (c) => c.checklist }),
    completion: t.field({ type: ChecklistCompletionRef, resolve: (c) => c.completion }),
    questions: t.field({ type: [ChecklistQuestionRef], resolve: (c) => c.questions.map((dto) => ({ dto, view: 'user' as const })) }),
  }),
});

const ChecklistReviewRef = builder.objectRef<ChecklistDto>('OfferingUserChecklistReview').implement({
  description: 'The reviewer view: the same questions with their review triggers, and what flagged the completion.',
  fields: (t) => ({
    checklist: t.field({ type: ChecklistRef, resolve: (c) => c.checklist }),
    completion: t.field({ type: ChecklistCompletionReviewRef, resolve: (c) => c.completion }),
    questions: t.field({ type: [ChecklistReviewQuestionRef], resolve: (c) => c.questions.map((dto) => ({ dto, view: 'review' as const })) }),
  }),
});

const TemplateRef = builder.objectRef<ChecklistTemplateDto>('ChecklistTemplate').implement({
  description: "An offering's checklist before anyone answered: every question, and those shown first.",
  fields: (t) => ({
    checklist: t.field({ type: ChecklistRef, resolve: (c) => c.checklist }),
    questions: t.field({ type: [ChecklistTemplateQuestionRef], resolve: (c) => c.questions.map((dto) => ({ dto, view: 'template' as const })) }),
    initialVisibleQuestions: t.field({
      type: [ChecklistTemplateQuestionRef],
      description: 'Questions with no dependencies.',
      resolve: (c) => c.initial_visible_questions.map((dto) => ({ dto, view: 'template' as const })),
    }),
  }),
});

/** One REST call per offering user it is asked for (no batch endpoint): the cost limit counts it. */
// One read per row; the row's UUID and checklist flag are all they need of it.
const PER_ROW_CALL = { restCallsPerParent: 1, rest: ['uuid', 'has_compliance_checklist'] };

// Waldur says has_compliance_checklist=false exactly when its checklist endpoints would answer
// "No checklist configured": such rows need no request at all.
const noChecklist = (ou: { has_compliance_checklist?: boolean }) => ou.has_compliance_checklist === false;

builder.objectFields(OfferingUserRef, (t) => ({
  checklist: t.field({
    extensions: PER_ROW_CALL,
    type: OfferingUserChecklistRef,
    nullable: true,
    description: 'The checklist with its visible questions (all of them with includeAll); null without a checklist. The user themselves or a provider with OFFERING.UPDATE_USER.',
    args: { includeAll: t.arg.boolean({ defaultValue: false, description: 'Also hidden questions (Waldur include_all).' }) },
    resolve: (ou, { includeAll }, ctx) => (noChecklist(ou) ? null : ctx.loaders.checklist.load({ uuid: ou.uuid, includeAll: includeAll ?? false })),
  }),
  checklistReview: t.field({
    extensions: PER_ROW_CALL,
    type: ChecklistReviewRef,
    nullable: true,
    description: 'Reviewer view (OFFERING.UPDATE_USER on the provider); others get FORBIDDEN on this field only.',
    args: { includeAll: t.arg.boolean({ defaultValue: false }) },
    resolve: (ou, { includeAll }, ctx) => (noChecklist(ou) ? null : ctx.loaders.checklistReview.load({ uuid: ou.uuid, includeAll: includeAll ?? false })),
  }),
  completionStatus: t.field({
    extensions: PER_ROW_CALL,
    type: ChecklistCompletionRef,
    nullable: true,
    description: 'Progress; null without a checklist. Under a list these reads run concurrently, bounded, and deduplicated.',
    resolve: (ou, _a, ctx) => (noChecklist(ou) ? null : ctx.loaders.completionStatus.load(ou.uuid)),
  }),
  completionReviewStatus: t.field({
    extensions: PER_ROW_CALL,
    type: ChecklistCompletionReviewRef,
    nullable: true,
    description: 'Progress with review state; reviewers only (FORBIDDEN on this field otherwise).',
    resolve: (ou, _a, ctx) => (noChecklist(ou) ? null : ctx.loaders.completionReviewStatus.load(ou.uuid)),
  }),
}));

builder.queryField('offeringChecklistTemplate', (t) =>
  t.field({
    type: TemplateRef,
    nullable: true,
    description: "The compliance checklist template of an offering; null when the offering has none.",
    args: { offeringUuid: t.arg({ type: 'UUID', required: true }) },
    resolve: async (_r, { offeringUuid }, ctx) => {
      try {
        return await getChecklistTemplate(ctx.upstream, offeringUuid);
      } catch (err) {
        if (isNoChecklist(err) || (err instanceof UpstreamError && err.code === 'NOT_FOUND')) return null;
        throw err;
      }
    },
  }),
);
