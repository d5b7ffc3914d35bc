import type { DependencyInfoDto, QuestionDto } from '../../upstream/resources/checklists.js';
import { camel } from '../naming.js';
import { builder } from '../builder.js';
import { ChecklistAnswerRef, QuestionOptionRef } from './answer.js';
import { asOperator } from '../../upstream/resources/checklists.js';
import { ChecklistOperatorEnum, ChecklistQuestionTypeEnum, DependencyLogicEnum } from './enums.js';

export type QuestionView = 'user' | 'review' | 'template';
export interface QuestionShape {
  dto: QuestionDto;
  view: QuestionView;
}

const num = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));

const DependencyConditionRef = builder.objectRef<DependencyInfoDto['conditions'][number]>('ChecklistDependencyCondition').implement({
  fields: (t) => ({
    questionDescription: t.string({ resolve: (c) => c.question_description }),
    operator: t.field({ type: ChecklistOperatorEnum, nullable: true, resolve: (c) => asOperator(c.operator) }),
    requiredValue: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.required_value ?? null }),
  }),
});

const DependencyInfoRef = builder.objectRef<DependencyInfoDto>('ChecklistDependencyInfo').implement({
  description: 'When the question is shown: its conditions combined with `logic`.',
  fields: (t) => ({
    logic: t.field({ type: DependencyLogicEnum, resolve: (d) => (d.logic === 'or' ? 'or' : 'and') }),
    conditions: t.field({ type: [DependencyConditionRef], resolve: (d) => d.conditions ?? [] }),
  }),
});

export const ChecklistQuestionInterface = builder.interfaceRef<QuestionShape>('ChecklistQuestionFields').implement({
  description: 'What every view of a checklist question shows.',
  resolveType: (q) => (q.view === 'user' ? 'ChecklistQuestion' : q.view === 'review' ? 'ChecklistReviewQuestion' : 'ChecklistTemplateQuestion'),
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (q) => q.dto.uuid }),
    description: t.string({ resolve: (q) => q.dto.description }),
    questionType: t.field({ type: ChecklistQuestionTypeEnum, resolve: (q) => q.dto.question_type }),
    required: t.boolean({ resolve: (q) => q.dto.required }),
    order: t.int({ resolve: (q) => q.dto.order }),
    options: t.field({ type: [QuestionOptionRef], description: 'Choices of select questions; empty otherwise.', resolve: (q) => q.dto.question_options ?? [] }),
    minValue: t.float({ nullable: true, resolve: (q) => num(q.dto.min_value) }),
    maxValue: t.float({ nullable: true, resolve: (q) => num(q.dto.max_value) }),
    allowedFileTypes: t.stringList({ resolve: (q) => q.dto.allowed_file_types ?? [] }),
    allowedMimeTypes: t.stringList({ resolve: (q) => q.dto.allowed_mime_types ?? [] }),
    ...Object.fromEntries(
      (['max_file_size_mb', 'max_files_count', 'likert_scale_length', 'rich_text_char_limit'] as const).map((k) => [
        camel(k),
        t.int({ nullable: true, resolve: (q) => q.dto[k] ?? null }),
      ]),
    ),
    likertLowLabel: t.string({ nullable: true, resolve: (q) => q.dto.likert_low_label || null }),
    likertHighLabel: t.string({ nullable: true, resolve: (q) => q.dto.likert_high_label || null }),
    likertAllowNa: t.boolean({ resolve: (q) => q.dto.likert_allow_na ?? false }),
    richTextToolbarLevel: t.string({ nullable: true, resolve: (q) => q.dto.rich_text_toolbar_level ?? null }),
    dependencies: t.field({
      type: DependencyInfoRef,
      nullable: true,
      description: 'Null when the question is always shown.',
      resolve: (q) => q.dto.dependencies_info ?? null,
    }),
    userGuidance: t.string({
      nullable: true,
      description: 'Help text; in user views null unless its rule matches your own answer.',
      resolve: (q) => q.dto.user_guidance || null,
    }),
  }),
});

const answerOf = (q: QuestionShape) =>
  q.dto.existing_answer ? { dto: q.dto.existing_answer, options: q.dto.question_options ?? [], reviewer: q.view === 'review' } : null;

export const ChecklistQuestionRef = builder.objectRef<QuestionShape>('ChecklistQuestion').implement({
  description: 'A question as the answering user sees it: review logic hidden.',
  interfaces: [ChecklistQuestionInterface],
  isTypeOf: (q) => (q as QuestionShape).view === 'user',
  fields: (t) => ({
    existingAnswer: t.field({
      type: ChecklistAnswerRef,
      nullable: true,
      description: 'The first answer in this completion, from any user.',
      resolve: answerOf,
    }),
  }),
});

export const ChecklistReviewQuestionRef = builder.objectRef<QuestionShape>('ChecklistReviewQuestion').implement({
  description: 'A question with the review trigger that reviewers see.',
  interfaces: [ChecklistQuestionInterface],
  isTypeOf: (q) => (q as QuestionShape).view === 'review',
  fields: (t) => ({
    existingAnswer: t.field({ type: ChecklistAnswerRef, nullable: true, resolve: answerOf }),
    operator: t.field({ type: ChecklistOperatorEnum, nullable: true, description: 'Review trigger operator.', resolve: (q) => asOperator(q.dto.operator) }),
    reviewAnswerValue: t.field({ type: 'JSON', nullable: true, resolve: (q) => q.dto.review_answer_value ?? null }),
    alwaysRequiresReview: t.boolean({ resolve: (q) => q.dto.always_requires_review ?? false }),
  }),
});

export const ChecklistTemplateQuestionRef = builder.objectRef<QuestionShape>('ChecklistTemplateQuestion').implement({
  description: 'A question of a checklist template, with its review and guidance rules.',
  interfaces: [ChecklistQuestionInterface],
  isTypeOf: (q) => (q as QuestionShape).view === 'template',
  fields: (t) => ({
    operator: t.field({ type: ChecklistOperatorEnum, nullable: true, resolve: (q) => asOperator(q.dto.operator) }),
    reviewAnswerValue: t.field({ type: 'JSON', nullable: true, resolve: (q) => q.dto.review_answer_value ?? null }),
    alwaysRequiresReview: t.boolean({ resolve: (q) => q.dto.always_requires_review ?? false }),
    guidanceOperator: t.field({ type: ChecklistOperatorEnum, nullable: true, resolve: (q) => asOperator(q.dto.guidance_operator) }),
    guidanceAnswerValue: t.field({ type: 'JSON', nullable: true, resolve: (q) => q.dto.guidance_answer_value ?? null }),
    alwaysShowGuidance: t.boolean({ resolve: (q) => q.dto.always_show_guidance ?? true }),
    dependencyLogic: t.field({ type: DependencyLogicEnum, resolve: (q) => (q.dto.dependency_logic_operator === 'or' ? 'or' : 'and') }),
  }),
});
