import {
  getChecklistTemplate,
  isNoChecklist,
  type ChecklistDto,
  type ChecklistShortDto,
  type ChecklistTemplateDto,
} from '../../upstream/resources/checklists.js';
import { UpstreamError } from '../../upstream/errors.js';
import { builder } from '../builder.js';
import { ChecklistCompletionRef, ChecklistCompletionReviewRef } from './completion.js';
import { ChecklistTypeEnum } from './enums.js';
import { ChecklistQuestionRef, ChecklistReviewQuestionRef, ChecklistTemplateQuestionRef } from './question.js';

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
export const ChecklistReviewRef = view('OfferingUserChecklistReview', REVIEW, ChecklistCompletionReviewRef, ChecklistReviewQuestionRef, 'review');

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
