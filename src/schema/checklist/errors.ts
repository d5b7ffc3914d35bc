import { isNoChecklist } from '../../upstream/resources/checklists.js';
import { builder } from '../builder.js';
import { errorOptions, type Recogniser } from '../errors.js';

export class NoChecklistError extends Error {
  override name = 'NoChecklistError';
}

export interface AnswerProblem {
  index: number;
  questionUuid: string;
  messages: string[];
}

export class ChecklistAnswersError extends Error {
  override name = 'ChecklistAnswersError';
  constructor(
    message: string,
    readonly items: AnswerProblem[],
  ) {
    super(message);
  }
}

builder.objectType(NoChecklistError, errorOptions(NoChecklistError, "The offering user's offering has no compliance checklist."));

const ProblemRef = builder.objectRef<AnswerProblem>('ChecklistAnswerProblem').implement({
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the submitted `answers` list.' }),
    questionUuid: t.field({ type: 'UUID', resolve: (p) => p.questionUuid }),
    messages: t.exposeStringList('messages'),
  }),
});

builder.objectType(ChecklistAnswersError, {
  ...errorOptions(ChecklistAnswersError, 'Some answers were refused; nothing was saved. Each problem points at its answer by index and question.'),
  fields: (t) => ({ items: t.field({ type: [ProblemRef], resolve: (e) => e.items }) }),
});

/** Waldur's "No checklist configured" for an offering user's checklist routes. */
export const noChecklist: Recogniser = {
  type: NoChecklistError,
  recognise: (err) => (isNoChecklist(err) ? new NoChecklistError('No checklist is configured for this offering user.') : undefined),
};
