import type { SimContext } from './context.js';
import { normUuid, type SimRequest } from './http.js';
import { answerList } from './provider-list-helpers.js';
import { fullName, providerFor } from './provider-scope.js';
import type { HttpAnswer } from './http.js';
import type { ServiceProvider } from './store.js';

/** compliance/compliance_overview, compliance/offering_users, compliance/checklists_summary (behaviour 5.3). */
function complianceOfferings(ctx: SimContext, sp: ServiceProvider) {
  return [...ctx.store.offerings.values()].filter((o) => o.customer_uuid === sp.customer_uuid).sort((a, b) => a.name.localeCompare(b.name));
}

export function complianceOverview(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_CUSTOMERS');
  const rows = complianceOfferings(ctx, sp)
    .filter((o) => o.compliance_checklist_uuid)
    .map((o) => {
      const ous = [...ctx.store.offeringUsers.values()].filter((ou) => ou.offering_uuid === o.uuid);
      const completions = ous.map((ou) => ctx.store.completionOf(ou.uuid)).filter(Boolean);
      const questions = ctx.store.questionsOf(o.compliance_checklist_uuid!);
      const completed = completions.filter((c) => {
        const answered = new Set(ctx.store.answersOf(c!.uuid).map((a) => a.question_uuid));
        return questions.every((q) => !q.required || answered.has(q.uuid));
      }).length;
      return {
        offering_uuid: o.uuid,
        offering_name: o.name,
        checklist_name: ctx.store.checklists.get(o.compliance_checklist_uuid!)?.name ?? null,
        total_users: ous.length,
        users_with_completions: completions.length,
        completed_users: completed,
        pending_users: completions.length - completed,
        compliance_rate: ous.length ? Math.round((completed / ous.length) * 10000) / 100 : 0.0,
      };
    });
  return answerList(req, rows, false);
}

export function complianceOfferingUsers(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_CUSTOMERS');
  const offeringFilter = normUuid(req.url.searchParams.get('offering_uuid'));
  const status = req.url.searchParams.get('compliance_status');
  const offerings = new Map(complianceOfferings(ctx, sp).map((o) => [o.uuid, o]));
  const rows = [...ctx.store.offeringUsers.values()]
    .filter((ou) => offerings.has(ou.offering_uuid) && (!offeringFilter || ou.offering_uuid === offeringFilter))
    .map((ou) => {
      const o = offerings.get(ou.offering_uuid)!;
      const u = ctx.store.users.get(ou.user_uuid)!;
      const completion = o.compliance_checklist_uuid ? ctx.store.completionOf(ou.uuid) : undefined;
      const questions = o.compliance_checklist_uuid ? ctx.store.questionsOf(o.compliance_checklist_uuid) : [];
      const answers = completion ? ctx.store.answersOf(completion.uuid) : [];
      const answered = new Set(answers.map((a) => a.question_uuid));
      const done = Boolean(completion) && questions.every((q) => !q.required || answered.has(q.uuid));
      return {
        uuid: ou.uuid,
        user_full_name: fullName(u),
        user_email: u.email,
        offering_name: o.name,
        checklist_name: o.compliance_checklist_uuid ? (ctx.store.checklists.get(o.compliance_checklist_uuid)?.name ?? null) : null,
        username: ou.username,
        // A plain model field here: the stored integer, not the label (behaviour 2.3).
        state: ou.state,
        completion_percentage: !o.compliance_checklist_uuid
          ? null
          : !completion
            ? 0
            : questions.length
              ? Math.round((answers.length / questions.length) * 100)
              : 100,
        compliance_status: !o.compliance_checklist_uuid ? 'no_checklist' : done ? 'completed' : 'pending',
        last_updated: completion?.modified ?? null,
        created: ou.created,
        _sort: [o.name, u.last_name, u.first_name].join('\u0000'),
      };
    })
    .filter((r) => !status || r.compliance_status === status)
    .sort((a, b) => a._sort.localeCompare(b._sort) || a.uuid.localeCompare(b.uuid))
    .map(({ _sort, ...rest }) => rest);
  return answerList(req, rows, false);
}

export function checklistsSummary(req: SimRequest, ctx: SimContext): HttpAnswer {
  const sp = providerFor(ctx, req.params.uuid, 'SERVICE_PROVIDER.LIST_CUSTOMERS');
  const counts = new Map<string, number>();
  for (const o of complianceOfferings(ctx, sp))
    if (o.compliance_checklist_uuid) counts.set(o.compliance_checklist_uuid, (counts.get(o.compliance_checklist_uuid) ?? 0) + 1);
  const rows = [...counts]
    .map(([uuid, n]) => ({
      checklist_uuid: uuid,
      checklist_name: ctx.store.checklists.get(uuid)!.name,
      questions_count: ctx.store.questionsOf(uuid).length,
      offerings_count: n,
    }))
    .sort((a, b) => b.offerings_count - a.offerings_count || a.checklist_name.localeCompare(b.checklist_name));
  return answerList(req, rows, false);
}
