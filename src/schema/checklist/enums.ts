import { CHECKLIST_TYPES, OPERATORS, QUESTION_TYPES } from '../../upstream/resources/checklists.js';
import { builder } from '../builder.js';

const values = (list: readonly string[], docs: Record<string, string> = {}) =>
  Object.fromEntries(list.map((v) => [v.toUpperCase(), { value: v, description: docs[v] }])) as Record<string, { value: string }>;

export const ChecklistQuestionTypeEnum = builder.enumType('ChecklistQuestionType', {
  description: 'How a question is answered; decides the shape of the answer value.',
  values: values(QUESTION_TYPES),
});

export const ChecklistOperatorEnum = builder.enumType('ChecklistOperator', {
  description: 'Comparison used by dependencies, review triggers and guidance rules.',
  values: values(OPERATORS, { contains: 'Any of the values is a substring or element of the answer.', in: 'Any element of the answer is among the values.' }),
});

export const DependencyLogicEnum = builder.enumType('ChecklistDependencyLogic', { values: values(['and', 'or']) });
export const ChecklistTypeEnum = builder.enumType('ChecklistType', { values: values(CHECKLIST_TYPES) });
