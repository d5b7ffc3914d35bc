import { describe, expect, it } from 'vitest';
import { ANSWER_CASES, QUESTION_DEFAULTS } from '../../../test/fixtures/answer-cases.js';
import { applyOperator, isValidAnswer, isVisible, requiresReview, userGuidance, type ChecklistQuestion } from './checklist-logic.js';

const question = (type: string, extra: Record<string, unknown> = {}) =>
  ({ ...QUESTION_DEFAULTS, question_type: type, ...extra }) as unknown as ChecklistQuestion;

describe('simulator: answer validation per question type', () => {
  for (const c of ANSWER_CASES) {
    it(`${c.type} ${JSON.stringify(c.question ?? {})}`, () => {
      const q = question(c.type, c.question);
      for (const v of c.valid) expect(isValidAnswer(q, v), `valid ${JSON.stringify(v)}`).toBe(true);
      for (const v of c.invalid) expect(isValidAnswer(q, v), `invalid ${JSON.stringify(v)}`).toBe(false);
    });
  }

  it('checks MIME types by content, like libmagic', () => {
    const q = question('file', { allowed_mime_types: ['application/pdf'] });
    expect(isValidAnswer(q, { name: 'x.pdf', content: Buffer.from('%PDF-1.7').toString('base64') })).toBe(true);
    expect(isValidAnswer(q, { name: 'x.pdf', content: Buffer.from('\x89PNG\r\n', 'latin1').toString('base64') })).toBe(false);
    expect(
      isValidAnswer(question('file', { allowed_mime_types: ['image/*'] }), { name: 'x.png', content: Buffer.from('\x89PNG\r\n', 'latin1').toString('base64') }),
    ).toBe(true);
  });
});

describe('operators', () => {
  it.each([
    ['equals', true, true, true],
    ['equals', 5, 5, true],
    ['equals', '2026-01-01', '2026-01-01', true],
    ['equals', 'a', 'b', false],
    ['not_equals', 'a', 'b', true],
    ['not_equals', true, true, false],
    ['contains', 'data with health info', ['health'], true],
    ['contains', ['x', 'y'], ['y'], true],
    ['contains', 'nothing here', ['health', 'export'], false],
    ['in', ['u1'], ['u1', 'u2'], true],
    ['in', ['u3'], ['u1', 'u2'], false],
    ['in', 'ab', ['b'], true],
    ['in', 'EE', 'EE', true],
    ['not_in', ['u3'], ['u1'], true],
    ['not_in', ['u1'], ['u1'], false],
  ] as const)('%s(%j, %j) = %s', (op, answer, required, expected) => {
    expect(applyOperator(answer, required, op)).toBe(expected);
  });

  it('never matches a missing answer', () => {
    for (const op of ['equals', 'not_equals', 'contains', 'in', 'not_in'] as const) expect(applyOperator(null, 'x', op)).toBe(false);
  });
});

describe('review triggers', () => {
  it('always_requires_review wins', () => {
    expect(requiresReview(question('boolean', { always_requires_review: true }), false)).toBe(true);
  });
  it.each([
    ['equals', false, false, true],
    ['not_equals', 'yes', 'no', true],
    ['contains', 'weapons research', ['weapons'], true],
    ['in', ['h'], ['h', 'x'], true],
    ['not_in', ['p'], ['h'], true],
    ['in', ['p'], ['h'], false],
  ] as const)('%s trigger', (op, answer, value, expected) => {
    // A falsy review value disables the trigger, as Waldur's `if review_answer_value and operator`.
    const q = question('text_input', { operator: op, review_answer_value: value === false ? [false] : value });
    const a = op === 'equals' ? [false] : answer;
    expect(requiresReview(q, a)).toBe(expected);
  });
  it('no trigger without operator or value', () => {
    expect(requiresReview(question('text_input', { operator: 'equals', review_answer_value: '' }), '')).toBe(false);
    expect(requiresReview(question('text_input', { operator: '', review_answer_value: 'x' }), 'x')).toBe(false);
  });
});

describe('visibility and guidance', () => {
  const dep = (on: string, operator: string, value: unknown) => ({ depends_on_question_uuid: on, operator, required_answer_value: value });
  it('and / or over dependencies', () => {
    const answers: Record<string, unknown> = { a: true, b: ['h'] };
    const get = (u: string) => answers[u];
    expect(isVisible(question('text_input'), get)).toBe(true);
    expect(isVisible(question('text_input', { dependencies: [dep('a', 'equals', true), dep('b', 'in', ['x'])] }), get)).toBe(false);
    expect(isVisible(question('text_input', { dependency_logic_operator: 'or', dependencies: [dep('a', 'equals', true), dep('b', 'in', ['x'])] }), get)).toBe(
      true,
    );
    expect(isVisible(question('text_input', { dependencies: [dep('c', 'equals', true)] }), get)).toBe(false);
  });
  it("guidance follows always_show_guidance or the caller's own answer", () => {
    expect(userGuidance(question('country', { user_guidance: 'Read this' }), null)).toBe('Read this');
    const ruled = question('country', {
      user_guidance: 'Export rules apply',
      always_show_guidance: false,
      guidance_operator: 'equals',
      guidance_answer_value: 'RU',
    });
    expect(userGuidance(ruled, 'FI')).toBeNull();
    expect(userGuidance(ruled, 'RU')).toBe('Export rules apply');
    expect(userGuidance(question('country', { user_guidance: '  ' }), null)).toBeNull();
    // Waldur's quirk: `in` iterates a string answer's characters, so "RU" is not "in" ["RU"].
    const quirky = question('country', { user_guidance: 'x', always_show_guidance: false, guidance_operator: 'in', guidance_answer_value: ['RU'] });
    expect(userGuidance(quirky, 'RU')).toBeNull();
  });
});
