import { UpstreamValidationError } from '../../upstream/errors.js';
import { getChecklist, submitAnswers } from '../../upstream/resources/checklists.js';
import { builder } from '../builder.js';
import { answerProblem } from '../../upstream/resources/checklist-answer-check.js';
import { ChecklistAnswersError, noChecklist, type AnswerProblem } from './errors.js';
import { mutation } from '../mutation.js';
import { ChecklistCompletionRef } from './completion.js';
import { OfferingUserChecklistRef } from './checklist.js';
import { itemCount, rules } from '../input-rules.js';

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

const MAX_ANSWERS = 500;
const refused = (items: AnswerProblem[]) => new ChecklistAnswersError(`${items.length} answer(s) were refused; nothing was saved.`, items);

mutation('submitOfferingUserChecklistAnswers', {
  description:
    "Saves the caller's answers (per user; null deletes). The gateway reads the checklist first and refuses values that cannot fit their question type without calling Waldur's submit.",
  input: builder.inputType('SubmitOfferingUserChecklistAnswersInput', {
    fields: (t) => ({
      uuid: t.field({ type: 'UUID', required: true, description: 'The offering user.' }),
      answers: t.field({ type: [AnswerInput], required: true, ...rules(itemCount(1, MAX_ANSWERS, 'answer')) }),
    }),
  }),
  success: {
    completion: ChecklistCompletionRef,
    checklist: { type: OfferingUserChecklistRef, description: 'Re-read after the answers: newly unlocked questions included.' },
  },
  errors: [ChecklistAnswersError, noChecklist],
  resolve: async (input, ctx) => {
    const answers = input.answers.map((a) => ({ questionUuid: a.questionUuid, answer: a.answer ?? null }));
    const current = await getChecklist(ctx.upstream, input.uuid, true);
    const byUuid = new Map(current.questions.map((q) => [q.uuid, q]));
    const problems: AnswerProblem[] = [];
    answers.forEach((a, index) => {
      const q = byUuid.get(a.questionUuid);
      // Questions the gateway did not see (older Waldur hides invisible ones) are left to Waldur.
      const problem = q ? answerProblem(q, a.answer) : null;
      if (problem)
        problems.push({ index, questionUuid: a.questionUuid, messages: [`Answer is not valid for "${q!.description}" (${q!.question_type}): ${problem}.`] });
    });
    if (problems.length) throw refused(problems);
    try {
      const result = await submitAnswers(
        ctx.upstream,
        input.uuid,
        answers.map((a) => ({ question_uuid: a.questionUuid, answer_data: a.answer })),
      );
      return { completion: result.completion, checklist: await getChecklist(ctx.upstream, input.uuid, false) };
    } catch (err) {
      // Waldur's per-answer array: each refusal points at its answer by index and question.
      if (!(err instanceof UpstreamValidationError && err.details.itemErrors)) throw err;
      throw refused(
        err.details.itemErrors.flatMap((e, index) =>
          e ? [{ index, questionUuid: answers[index]?.questionUuid ?? '', messages: [...e.nonFieldErrors, ...Object.values(e.fieldErrors).flat()] }] : [],
        ),
      );
    }
  },
});
