import { UpstreamValidationError } from '../../upstream/errors.js';
import { getChecklist, isNoChecklist, submitAnswers, type ChecklistDto, type CompletionDto } from '../../upstream/resources/checklists.js';
import { builder } from '../builder.js';
import { answerProblem } from '../checklist-answer-validation.js';
import { ErrorInterface, ForbiddenError, NotFoundError, toMutationError, ValidationError } from '../errors.js';
import { ChecklistCompletionRef } from '../types/checklist-completion.js';
import { OfferingUserChecklistRef } from '../types/checklist.js';

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

export class NoChecklistError extends Error {
  override name = 'NoChecklistError';
}

const ProblemRef = builder.objectRef<AnswerProblem>('ChecklistAnswerProblem').implement({
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the submitted `answers` list.' }),
    questionUuid: t.field({ type: 'UUID', resolve: (p) => p.questionUuid }),
    messages: t.exposeStringList('messages'),
  }),
});

builder.objectType(ChecklistAnswersError, {
  name: 'ChecklistAnswersError',
  description: 'Some answers were refused; nothing was saved. Each problem points at its answer by index and question.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof ChecklistAnswersError,
  fields: (t) => ({ items: t.field({ type: [ProblemRef], resolve: (e) => e.items }) }),
});

builder.objectType(NoChecklistError, {
  name: 'NoChecklistError',
  description: "The offering user's offering has no compliance checklist.",
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof NoChecklistError,
});

const AnswerInput = builder.inputType('ChecklistAnswerInput', {
  fields: (t) => ({
    questionUuid: t.field({ type: 'UUID', required: true }),
    answer: t.field({
      type: 'JSON',
      required: false,
      description: 'The value in the shape its question type needs (see ChecklistQuestionType); null deletes your answer.',
    }),
  }),
});

const Input = builder.inputType('SubmitOfferingUserChecklistAnswersInput', {
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true, description: 'The offering user.' }),
    answers: t.field({ type: [AnswerInput], required: true }),
  }),
});

const Success = builder.objectRef<{ completion: CompletionDto; checklist: ChecklistDto }>('SubmitOfferingUserChecklistAnswersSuccess').implement({
  fields: (t) => ({
    completion: t.field({ type: ChecklistCompletionRef, resolve: (p) => p.completion }),
    checklist: t.field({ type: OfferingUserChecklistRef, description: 'Re-read after the answers: newly unlocked questions included.', resolve: (p) => p.checklist }),
  }),
});

const MAX_ANSWERS = 500;

function fromUpstream(err: unknown, submitted: Array<{ questionUuid: string }>): Error {
  if (isNoChecklist(err)) return new NoChecklistError('No checklist is configured for this offering user.');
  if (err instanceof UpstreamValidationError && err.details.itemErrors) {
    const items = err.details.itemErrors.flatMap((e, index) =>
      e ? [{ index, questionUuid: submitted[index]?.questionUuid ?? '', messages: [...e.nonFieldErrors, ...Object.values(e.fieldErrors).flat()] }] : [],
    );
    return new ChecklistAnswersError(`${items.length} answer(s) were refused; nothing was saved.`, items);
  }
  return toMutationError(err);
}

builder.mutationField('submitOfferingUserChecklistAnswers', (t) =>
  t.field({
    type: Success,
    description:
      "Saves the caller's answers (per user; null deletes). The gateway reads the checklist first and refuses values that cannot fit their question type without calling Waldur's submit.",
    errors: {
      types: [ChecklistAnswersError, NoChecklistError, NotFoundError, ForbiddenError, ValidationError],
      directResult: true,
      union: { name: 'SubmitOfferingUserChecklistAnswersResult' },
    },
    args: { input: t.arg({ type: Input, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const answers = input.answers.map((a) => ({ questionUuid: a.questionUuid, answer: a.answer ?? null }));
      if (answers.length === 0) throw new ValidationError('Give at least one answer.', [{ field: 'answers', messages: ['This list may not be empty.'] }]);
      if (answers.length > MAX_ANSWERS) throw new ValidationError(`At most ${MAX_ANSWERS} answers at once.`, [{ field: 'answers', messages: [`At most ${MAX_ANSWERS} items.`] }]);
      try {
        const current = await getChecklist(ctx.upstream, input.uuid, true);
        const byUuid = new Map(current.questions.map((q) => [q.uuid, q]));
        const problems: AnswerProblem[] = [];
        answers.forEach((a, index) => {
          const q = byUuid.get(a.questionUuid);
          // Questions the gateway did not see (older Waldur hides invisible ones) are left to Waldur.
          const problem = q ? answerProblem(q, a.answer) : null;
          if (problem) problems.push({ index, questionUuid: a.questionUuid, messages: [`Answer is not valid for "${q!.description}" (${q!.question_type}): ${problem}.`] });
        });
        if (problems.length) throw new ChecklistAnswersError(`${problems.length} answer(s) were refused; nothing was saved.`, problems);
        const result = await submitAnswers(ctx.upstream, input.uuid, answers.map((a) => ({ question_uuid: a.questionUuid, answer_data: a.answer })));
        ctx.loaders.checklist.clearAll();
        ctx.loaders.completionStatus.clear(input.uuid);
        const checklist = await getChecklist(ctx.upstream, input.uuid, false);
        return { completion: result.completion, checklist };
      } catch (err) {
        if (err instanceof ChecklistAnswersError || err instanceof ValidationError) throw err;
        throw fromUpstream(err, answers);
      }
    },
  }),
);
