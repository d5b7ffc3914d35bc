import {
  getChecklistTemplate,
  isNoChecklist,
  type ChecklistDto,
  type ChecklistShortDto,
  type ChecklistTemplateDto,
} from '../../upstream/resources/checklists.js';
import { UpstreamError } from '../../upstream/errors.js';
import { builder } from '../builder.js';
import { lookahead } from '../prefetch.js';
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

const view = (name: string, description: string, completion: typeof ChecklistCompletionRef, question: typeof ChecklistQuestionRef, as: 'user' | 'review') =>
  builder.objectRef<ChecklistDto>(name).implement({
    description,
    fields: (t) => ({
      checklist: t.field({ type: ChecklistRef, resolve: (c) => c.checklist }),
      completion: t.field({ type: completion, resolve: (c) => c.completion }),
      questions: t.field({ type: [question], resolve: (c) => c.questions.map((dto) => ({ dto, view: as })) }),
    }),
  });

const USER = "An offering user's checklist as they see it: the questions currently visible and the progress.";
const REVIEW = 'The reviewer view: the same questions with their review triggers, and what flagged the completion.';
export const OfferingUserChecklistRef = view('OfferingUserChecklist', USER, ChecklistCompletionRef, ChecklistQuestionRef, 'user');
const ChecklistReviewRef = view('OfferingUserChecklistReview', REVIEW, ChecklistCompletionReviewRef, ChecklistReviewQuestionRef, 'review');

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

// Waldur says has_compliance_checklist=false exactly when its checklist endpoints would answer
// "No checklist configured": such rows need no request at all.
const noChecklist = (ou: { has_compliance_checklist?: boolean }) => ou.has_compliance_checklist === false;

/** One REST call per offering user each is asked for (no batch route): the cost limit counts it. */
const READS = {
  checklist: [
    OfferingUserChecklistRef,
    'The checklist with its visible questions (all of them with includeAll); null without a checklist. The user themselves or a provider with OFFERING.UPDATE_USER.',
  ],
  checklistReview: [ChecklistReviewRef, 'Reviewer view (OFFERING.UPDATE_USER on the provider); others get FORBIDDEN on this field only.'],
  completionStatus: [ChecklistCompletionRef, 'Progress; null without a checklist. Under a list these reads run concurrently, bounded, and deduplicated.'],
  completionReviewStatus: [ChecklistCompletionReviewRef, 'Progress with review state; reviewers only (FORBIDDEN on this field otherwise).'],
} as const;

builder.objectFields(OfferingUserRef, (t) =>
  Object.fromEntries(
    Object.entries(READS).map(([field, [type, description]]) => {
      const withAll = field === 'checklist' || field === 'checklistReview';
      return [
        field,
        t.field({
          // One read per row; the row's UUID and checklist flag are all it needs of the row.
          // checklist and completionStatus are read ahead beside an account read by UUID (what HomePort's
          // account page shows first); the reviewer views are not, as most callers may not read them.
          extensions: {
            restCallsPerParent: 1,
            rest: ['uuid', 'has_compliance_checklist'],
            ...(field === 'checklist' || field === 'completionStatus' ? lookahead() : {}),
          },
          type: type as typeof ChecklistCompletionRef,
          nullable: true,
          description,
          args: withAll
            ? {
                includeAll: t.arg.boolean({
                  defaultValue: false,
                  description: field === 'checklist' ? 'Also hidden questions (Waldur include_all).' : undefined,
                }),
              }
            : {},
          resolve: (ou, args: { includeAll?: boolean | null }, ctx) => {
            if (noChecklist(ou)) return null;
            const loaders = ctx.loaders as unknown as Record<string, { load: (k: unknown) => Promise<never> }>;
            return loaders[field]!.load(withAll ? { uuid: ou.uuid, includeAll: args.includeAll ?? false } : ou.uuid);
          },
        }),
      ];
    }),
  ),
);

builder.queryField('offeringChecklistTemplate', (t) =>
  t.field({
    type: TemplateRef,
    nullable: true,
    description: 'The compliance checklist template of an offering; null when the offering has none.',
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
