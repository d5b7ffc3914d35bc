import { builder } from '../builder.js';

export const QUESTION_TYPES = [
  'boolean', 'single_select', 'multi_select', 'text_input', 'text_area', 'number', 'date', 'datetime', 'year',
  'rating', 'email', 'url', 'phone_number', 'country', 'likert', 'rich_text', 'file', 'multiple_files',
] as const;

const upper = (v: string) => v.toUpperCase();

export const ChecklistQuestionTypeEnum = builder.enumType('ChecklistQuestionType', {
  description: 'How a question is answered; decides the shape of the answer value.',
  values: Object.fromEntries(QUESTION_TYPES.map((t) => [upper(t), { value: t }])) as Record<string, { value: string }>,
});

export const ChecklistOperatorEnum = builder.enumType('ChecklistOperator', {
  description: 'Comparison used by dependencies, review triggers and guidance rules.',
  values: {
    EQUALS: { value: 'equals' },
    NOT_EQUALS: { value: 'not_equals' },
    CONTAINS: { value: 'contains', description: 'Any of the values is a substring or element of the answer.' },
    IN: { value: 'in', description: 'Any element of the answer is among the values.' },
    NOT_IN: { value: 'not_in' },
  } as const,
});

export const DependencyLogicEnum = builder.enumType('ChecklistDependencyLogic', {
  values: { AND: { value: 'and' }, OR: { value: 'or' } } as const,
});

export const ChecklistTypeEnum = builder.enumType('ChecklistType', {
  values: Object.fromEntries(
    ['project_compliance', 'proposal_compliance', 'offering_compliance', 'project_metadata', 'onboarding_customer', 'onboarding_intent', 'workflow_step'].map((t) => [upper(t), { value: t }]),
  ) as Record<string, { value: string }>,
});

/** Known operators map to the enum; anything else (e.g. "always" in review summaries) reads as null. */
export const asOperator = (v: string | undefined | null): 'equals' | 'not_equals' | 'contains' | 'in' | 'not_in' | null =>
  v === 'equals' || v === 'not_equals' || v === 'contains' || v === 'in' || v === 'not_in' ? v : null;
