import { describe, expect, it } from 'vitest';
import { ANSWER_CASES, QUESTION_DEFAULTS } from '../../../test/fixtures/answer-cases.js';
import type { QuestionDto } from './checklists.js';
import { answerProblem } from './checklist-answer-check.js';

describe('gateway pre-check of checklist answers', () => {
  for (const c of ANSWER_CASES) {
    it(`${c.type} ${JSON.stringify(c.question ?? {})}`, () => {
      const q = { ...QUESTION_DEFAULTS, question_type: c.type, ...c.question } as unknown as QuestionDto;
      for (const v of c.valid) expect(answerProblem(q, v), `valid ${JSON.stringify(v)}`).toBeNull();
      for (const v of c.invalid) expect(answerProblem(q, v), `invalid ${JSON.stringify(v)}`).toEqual(expect.any(String));
    });
  }

  it('lets null through (it deletes) and leaves unknown types to Waldur', () => {
    expect(answerProblem({ ...QUESTION_DEFAULTS, question_type: 'boolean' }, null)).toBeNull();
    expect(answerProblem({ ...QUESTION_DEFAULTS, question_type: 'hologram' }, 1)).toBeNull();
  });
});
