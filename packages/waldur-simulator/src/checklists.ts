import { randomUUID } from 'node:crypto';
import { isValidAnswer, isVisible, requiresReview, storedAnswer, userGuidance, type ChecklistQuestion } from './checklist-logic.js';
import type { SimContext } from './context.js';
import { HttpAnswer, type Router, drf, normUuid, type SimRequest } from './http.js';
import { getVisible } from './offering-users.js';
import { hasPermission } from './permissions.js';
import { isoMicro, type ChecklistAnswer, type ChecklistCompletion, type OfferingUser, type Offering } from './store.js';

const NO_CHECKLIST = () => drf.badRequest({ detail: 'No checklist configured for this object' });

/** 404 (not visible) before 403 (not the user, no UPDATE_USER) before 400 (no checklist). */
function completionFor(req: SimRequest, ctx: SimContext, reviewer: boolean): { ou: OfferingUser; offering: Offering; completion: ChecklistCompletion } {
  const { ou, offering } = getVisible(ctx, req.params.uuid);
  const mayUpdate = hasPermission(ctx.store, ctx.caller, 'OFFERING.UPDATE_USER', offering.customer_uuid);
  if (!(mayUpdate || (!reviewer && ou.user_uuid === ctx.caller.uuid))) throw drf.forbidden();
  const completion = offering.compliance_checklist_uuid ? ctx.store.completionOf(ou.uuid) : undefined;
  if (!completion) throw NO_CHECKLIST();
  return { ou, offering, completion };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function completionStatus(ctx: SimContext, c: ChecklistCompletion, reviewer: boolean): Record<string, unknown> {
  const checklist = ctx.store.checklists.get(c.checklist_uuid)!;
  const questions = ctx.store.questionsOf(c.checklist_uuid);
  const answers = ctx.store.answersOf(c.uuid);
  const answered = new Set(answers.map((a) => a.question_uuid));
  const unanswered = questions.filter((q) => q.required && !answered.has(q.uuid));
  const out: Record<string, unknown> = {
    uuid: c.uuid,
    is_completed: unanswered.length === 0,
    // Counts every answer row of every user, so with several answerers it can pass 100 (behaviour 3.6).
    completion_percentage: questions.length === 0 ? 100 : round1((answers.length / questions.length) * 100),
    unanswered_required_questions: unanswered.map((q) => ({ uuid: q.uuid, description: q.description, question_type: q.question_type })),
    checklist_name: checklist.name,
    checklist_description: checklist.description,
    created: c.created,
    modified: c.modified,
  };
  if (reviewer) {
    const flagged = answers.filter((a) => a.requires_review);
    const reviewer = c.reviewed_by !== null ? [...ctx.store.users.values()].find((u) => u.id === c.reviewed_by) : undefined;
    Object.assign(out, {
      requires_review: flagged.length > 0,
      reviewed_by: c.reviewed_by,
      reviewed_by_name: reviewer ? `${reviewer.first_name} ${reviewer.last_name}` : '',
      reviewed_at: c.reviewed_at,
      review_notes: c.review_notes,
      review_trigger_summary: flagged.map((a) => {
        const q = ctx.store.questions.get(a.question_uuid)!;
        return {
          question: q.description,
          answer: a.answer_data,
          trigger_value: q.review_answer_value,
          operator: q.always_requires_review ? 'always' : q.operator,
        };
      }),
    });
  }
  return out;
}

function answerJson(ctx: SimContext, a: ChecklistAnswer, q: ChecklistQuestion, reviewer: boolean): Record<string, unknown> {
  const user = ctx.store.users.get(a.user_uuid);
  return {
    uuid: a.uuid,
    question_description: q.description,
    question_type: q.question_type,
    question_required: q.required,
    answer_data: a.answer_data,
    ...(reviewer ? { requires_review: a.requires_review } : {}),
    user: user?.id ?? null,
    user_name: user ? `${user.first_name} ${user.last_name}` : '',
    created: a.created,
    modified: a.modified,
  };
}

function questionCore(q: ChecklistQuestion, questionDescription: (uuid: string) => string) {
  return {
    uuid: q.uuid,
    description: q.description,
    question_type: q.question_type,
    required: q.required,
    order: q.order,
    question_options: ['single_select', 'multi_select'].includes(q.question_type) ? q.options : [],
    min_value: q.min_value,
    max_value: q.max_value,
    allowed_file_types: q.allowed_file_types,
    allowed_mime_types: q.allowed_mime_types,
    max_file_size_mb: q.max_file_size_mb,
    max_files_count: q.max_files_count,
    likert_scale_length: q.likert_scale_length,
    likert_low_label: q.likert_low_label,
    likert_high_label: q.likert_high_label,
    likert_allow_na: q.likert_allow_na,
    rich_text_char_limit: q.rich_text_char_limit,
    rich_text_toolbar_level: q.rich_text_toolbar_level,
    dependencies_info: q.dependencies.length
      ? {
          logic: q.dependency_logic_operator,
          conditions: q.dependencies.map((d) => ({
            question_description: questionDescription(d.depends_on_question_uuid),
            operator: d.operator,
            required_value: d.required_answer_value,
          })),
        }
      : null,
  };
}

function checklistResponse(req: SimRequest, ctx: SimContext, reviewer: boolean): HttpAnswer {
  const { completion } = completionFor(req, ctx, reviewer);
  const checklist = ctx.store.checklists.get(completion.checklist_uuid)!;
  const answers = ctx.store.answersOf(completion.uuid);
  const first = new Map<string, ChecklistAnswer>();
  for (const a of answers) if (!first.has(a.question_uuid)) first.set(a.question_uuid, a);
  const own = new Map(answers.filter((a) => a.user_uuid === ctx.caller.uuid).map((a) => [a.question_uuid, a]));
  const includeAll = req.url.searchParams.get('include_all') === 'true';
  const describe = (uuid: string) => ctx.store.questions.get(uuid)?.description ?? '';
  const questions = ctx.store
    .questionsOf(completion.checklist_uuid)
    .filter((q) => includeAll || isVisible(q, (u) => first.get(u)?.answer_data))
    .map((q) => {
      const existing = first.get(q.uuid);
      return {
        ...questionCore(q, describe),
        user_guidance: userGuidance(q, own.get(q.uuid)?.answer_data ?? null),
        existing_answer: existing ? answerJson(ctx, existing, q, reviewer) : null,
        ...(reviewer ? { operator: q.operator, review_answer_value: q.review_answer_value, always_requires_review: q.always_requires_review } : {}),
      };
    });
  return new HttpAnswer(200, {
    checklist: { uuid: checklist.uuid, name: checklist.name, description: checklist.description, checklist_type: checklist.checklist_type },
    completion: completionStatus(ctx, completion, reviewer),
    questions,
  });
}

function submitAnswers(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { completion } = completionFor(req, ctx, false);
  if (!Array.isArray(req.body)) {
    const got = req.body === null || req.body === undefined ? 'NoneType' : typeof req.body === 'object' ? 'dict' : typeof req.body;
    throw drf.badRequest({ non_field_errors: [`Expected a list of items but got type "${got}".`] });
  }
  const items = req.body as Array<{ question_uuid?: unknown; answer_data?: unknown }>;
  const errors: Array<Record<string, string[]>> = [];
  const resolved: Array<{ q: ChecklistQuestion; value: unknown }> = [];
  for (const item of items) {
    const err: Record<string, string[]> = {};
    const raw = item && typeof item === 'object' ? item.question_uuid : undefined;
    const id = normUuid(raw);
    if (raw === undefined) err.question_uuid = ['This field is required.'];
    else if (!id) err.question_uuid = ['Must be a valid UUID.'];
    const q = id ? ctx.store.questions.get(id) : undefined;
    if (id && !q) err.non_field_errors = [`Question with UUID ${id} does not exist`];
    else if (q && q.checklist_uuid !== completion.checklist_uuid) err.non_field_errors = [`Question ${id} does not belong to this checklist`];
    else if (q && item.answer_data !== null && item.answer_data !== undefined && !isValidAnswer(q, item.answer_data)) {
      err.non_field_errors = [
        `Answer value '${JSON.stringify(item.answer_data)}' is not valid for the question '${q.description}' (type: ${q.question_type}).`,
      ];
    }
    errors.push(err);
    if (q && Object.keys(err).length === 0) resolved.push({ q, value: item.answer_data ?? null });
  }
  // DRF validates the whole list first: one bad item and nothing is saved.
  if (errors.some((e) => Object.keys(e).length > 0)) throw drf.badRequest(errors);
  const now = isoMicro();
  for (const { q, value } of resolved) {
    const existing = ctx.store.answersOf(completion.uuid).find((a) => a.question_uuid === q.uuid && a.user_uuid === ctx.caller.uuid);
    if (value === null) {
      if (existing) ctx.store.answers.delete(existing.uuid);
      continue;
    }
    const stored = storedAnswer(q, value, () => randomUUID().replace(/-/g, ''));
    if (existing) {
      // The review flag is computed once, when the answer is first created.
      existing.answer_data = stored;
      existing.modified = now;
    } else {
      const uuid = randomUUID().replace(/-/g, '');
      ctx.store.answers.set(uuid, {
        uuid,
        completion_uuid: completion.uuid,
        question_uuid: q.uuid,
        user_uuid: ctx.caller.uuid,
        answer_data: stored,
        requires_review: requiresReview(q, value),
        created: now,
        modified: now,
      });
    }
  }
  completion.modified = now;
  return new HttpAnswer(200, { detail: 'Answers submitted successfully', completion: completionStatus(ctx, completion, false) });
}

function template(req: SimRequest, ctx: SimContext): HttpAnswer {
  const parent = req.url.searchParams.get('parent_uuid');
  if (!parent) throw drf.badRequest({ detail: 'parent_uuid query parameter is required' });
  const id = normUuid(parent);
  const offering = id ? ctx.store.offerings.get(id) : undefined;
  if (!offering) throw drf.notFound('Offering');
  // Decision 4: the template of the offering's checklist (real 8.0.x answers 500 here).
  const checklist = offering.compliance_checklist_uuid ? ctx.store.checklists.get(offering.compliance_checklist_uuid) : undefined;
  if (!checklist) throw NO_CHECKLIST();
  const describe = (uuid: string) => ctx.store.questions.get(uuid)?.description ?? '';
  const questions = ctx.store.questionsOf(checklist.uuid).map((q) => ({
    ...questionCore(q, describe),
    user_guidance: q.user_guidance,
    operator: q.operator,
    review_answer_value: q.review_answer_value,
    always_requires_review: q.always_requires_review,
    guidance_answer_value: q.guidance_answer_value,
    guidance_operator: q.guidance_operator,
    always_show_guidance: q.always_show_guidance,
    dependency_logic_operator: q.dependency_logic_operator,
  }));
  return new HttpAnswer(200, {
    checklist: { uuid: checklist.uuid, name: checklist.name, description: checklist.description, checklist_type: checklist.checklist_type },
    questions,
    // An unsaved completion satisfies no dependency.
    initial_visible_questions: questions.filter((q) => q.dependencies_info === null),
  });
}

export function checklistRoutes(router: Router<SimContext>): void {
  const base = '/api/marketplace-offering-users';
  router
    .on('GET', `${base}/checklist-template/`, template)
    .on('GET', `${base}/{uuid}/checklist/`, (req, ctx) => checklistResponse(req, ctx, false))
    .on('GET', `${base}/{uuid}/checklist_review/`, (req, ctx) => checklistResponse(req, ctx, true))
    .on('GET', `${base}/{uuid}/completion_status/`, (req, ctx) => new HttpAnswer(200, completionStatus(ctx, completionFor(req, ctx, false).completion, false)))
    .on(
      'GET',
      `${base}/{uuid}/completion_review_status/`,
      (req, ctx) => new HttpAnswer(200, completionStatus(ctx, completionFor(req, ctx, true).completion, true)),
    )
    .on('POST', `${base}/{uuid}/submit_answers/`, submitAnswers);
}
