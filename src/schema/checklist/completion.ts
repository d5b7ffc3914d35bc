import type { CompletionDto } from '../../upstream/resources/checklists.js';
import { builder } from '../builder.js';
import { asOperator } from '../../upstream/resources/checklists.js';
import { ChecklistQuestionTypeEnum, ChecklistOperatorEnum } from './enums.js';

const UnansweredRef = builder.objectRef<CompletionDto['unanswered_required_questions'][number]>('ChecklistUnansweredQuestion').implement({
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (q) => q.uuid }),
    description: t.string({ resolve: (q) => q.description }),
    questionType: t.field({ type: ChecklistQuestionTypeEnum, resolve: (q) => q.question_type }),
  }),
});

const completionFields = builder.interfaceRef<CompletionDto>('ChecklistCompletionFields').implement({
  description: 'Progress of one offering user through their checklist.',
  resolveType: (c) => ('requires_review' in c ? 'ChecklistCompletionReview' : 'ChecklistCompletion'),
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    isCompleted: t.boolean({ description: 'Every required question has an answer (hidden questions included).', resolve: (c) => c.is_completed }),
    completionPercentage: t.float({
      description: 'Answers / questions x 100, one decimal; counts every answering user.',
      resolve: (c) => c.completion_percentage,
    }),
    unansweredRequiredQuestions: t.field({ type: [UnansweredRef], resolve: (c) => c.unanswered_required_questions ?? [] }),
    checklistName: t.string({ resolve: (c) => c.checklist_name }),
    checklistDescription: t.string({ resolve: (c) => c.checklist_description }),
    created: t.field({ type: 'DateTime', resolve: (c) => c.created }),
    modified: t.field({ type: 'DateTime', resolve: (c) => c.modified }),
  }),
});

export const ChecklistCompletionRef = builder.objectRef<CompletionDto>('ChecklistCompletion').implement({
  interfaces: [completionFields],
  isTypeOf: (c) => !('requires_review' in (c as object)),
});

const TriggerRef = builder.objectRef<NonNullable<CompletionDto['review_trigger_summary']>[number]>('ChecklistReviewTrigger').implement({
  description: 'An answer that flagged the completion for review, and the rule it matched.',
  fields: (t) => ({
    question: t.string({ description: 'Question text.', resolve: (r) => r.question }),
    answer: t.field({ type: 'JSON', nullable: true, resolve: (r) => r.answer ?? null }),
    triggerValue: t.field({ type: 'JSON', nullable: true, resolve: (r) => r.trigger_value ?? null }),
    operator: t.field({
      type: ChecklistOperatorEnum,
      nullable: true,
      description: 'Null when the question always requires review.',
      resolve: (r) => asOperator(r.operator),
    }),
    alwaysRequiresReview: t.boolean({ resolve: (r) => asOperator(r.operator) === null }),
  }),
});

export const ChecklistCompletionReviewRef = builder.objectRef<CompletionDto>('ChecklistCompletionReview').implement({
  description: 'Completion with review state; reviewers only.',
  interfaces: [completionFields],
  isTypeOf: (c) => 'requires_review' in (c as object),
  fields: (t) => ({
    requiresReview: t.boolean({ resolve: (c) => c.requires_review ?? false }),
    reviewedBy: t.int({ nullable: true, description: "Reviewer's Waldur user id.", resolve: (c) => c.reviewed_by ?? null }),
    reviewedByName: t.string({ nullable: true, resolve: (c) => c.reviewed_by_name || null }),
    reviewedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.reviewed_at ?? null }),
    reviewNotes: t.string({ nullable: true, resolve: (c) => c.review_notes || null }),
    reviewTriggerSummary: t.field({ type: [TriggerRef], resolve: (c) => c.review_trigger_summary ?? [] }),
  }),
});
