import { beforeEach, describe, expect, it } from 'vitest';
import { parsePath, seedLookups, useStack, type Stack, expectEach } from './helpers/stack.js';

const use = useStack({ inProcess: true });
let stack: Stack;
beforeEach(() => {
  stack = use();
});
const { store, offering, user, accountOf } = seedLookups(() => stack);

const questionsByText = (checklistName: string) => {
  const c = [...store().checklists.values()].find((x) => x.name === checklistName)!;
  return Object.fromEntries(
    store()
      .questionsOf(c.uuid)
      .map((q) => [q.description, q]),
  );
};

const CHECKLIST = `
  query($u: UUID!, $all: Boolean) {
    offeringUser(uuid: $u) {
      hasComplianceChecklist
      checklist(includeAll: $all) {
        checklist { name checklistType }
        completion { isCompleted completionPercentage unansweredRequiredQuestions { uuid description questionType } }
        questions { uuid description questionType required options { uuid label } dependencies { logic conditions { questionDescription operator requiredValue } } userGuidance
          existingAnswer { value booleanValue stringValue numberValue stringListValue selectedOptions { label } files { name mimeType } requiresReview userName } }
      }
      completionStatus { isCompleted completionPercentage }
    }
  }`;

const SUBMIT = `
  mutation($input: SubmitOfferingUserChecklistAnswersInput!) {
    r: submitOfferingUserChecklistAnswers(input: $input) {
      __typename
      ... on SubmitOfferingUserChecklistAnswersSuccess { completion { isCompleted completionPercentage unansweredRequiredQuestions { description } } checklist { questions { description existingAnswer { value } } } }
      ... on ChecklistAnswersError { message items { index questionUuid messages } }
      ... on Error { message }
    }
  }`;

/** Victor gets a fresh account on LUMI (HPC checklist), created by the provider owner. */
async function victorOnLumi(): Promise<string> {
  const existing = accountOf('victor.visitor', 'LUMI-G GPU partition');
  if (existing) return existing.uuid;
  const r = await stack.gql(
    `mutation($i: CreateOfferingUserInput!) { r: createOfferingUser(input: $i) { ... on CreateOfferingUserSuccess { offeringUser { uuid hasComplianceChecklist } } } }`,
    {
      i: { offeringUuid: offering('LUMI-G GPU partition').uuid, userUuid: user('victor.visitor').uuid },
    },
  );
  expect(r.data.r.offeringUser.hasComplianceChecklist).toBe(true);
  return r.data.r.offeringUser.uuid;
}

describe('reading checklists', () => {
  it('shows visible questions, typed answers with option labels, and hides review logic', async () => {
    const uma = accountOf('uma.user', 'Puhti HPC cluster')!;
    const r = await stack.gql(CHECKLIST, { u: uma.uuid }, 'user');
    expect(r.errors).toBeUndefined();
    const c = r.data.offeringUser.checklist;
    expect(c.checklist).toEqual({ name: 'HPC access compliance', checklistType: 'OFFERING_COMPLIANCE' });
    const texts = c.questions.map((q) => q.description);
    // "Describe your research field" depends on choosing Other.
    expect(texts).not.toContain('Describe your research field');
    const field = c.questions.find((q) => q.questionType === 'SINGLE_SELECT')!;
    expect(field.options.map((o) => o.label)).toEqual(['Physics', 'Life sciences', 'Social sciences', 'Other']);
    expect(field.existingAnswer.selectedOptions).toHaveLength(1);
    expect(field.existingAnswer.stringListValue).toHaveLength(1);
    const aup = c.questions.find((q) => q.questionType === 'BOOLEAN')!;
    expect(typeof aup.existingAnswer.booleanValue).toBe('boolean');
    expect(aup.existingAnswer.requiresReview).toBeNull();
    expect(aup.userGuidance).toBe('The policy is at https://docs.example.org/aup.');
    expect(c.completion.completionPercentage).toBe(r.data.offeringUser.completionStatus.completionPercentage);
    expect(r.upstreamCount).toBe(3);
  });

  it('includeAll returns hidden questions too, with their dependency info', async () => {
    const uma = accountOf('uma.user', 'Puhti HPC cluster')!;
    const r = await stack.gql(CHECKLIST, { u: uma.uuid, all: true }, 'user');
    const other = r.data.offeringUser.checklist.questions.find((q) => q.description === 'Describe your research field')!;
    expect(other.dependencies.logic).toBe('AND');
    expect(other.dependencies.conditions[0]).toMatchObject({ questionDescription: 'Which research field does your work belong to?', operator: 'IN' });
    expect(parsePath(stack.upstream().find((c) => c.path.includes('/checklist/'))!.path).params.get('include_all')).toBe('true');
  });

  it('offering users without a checklist give null; in lists they cost no checklist request', async () => {
    const allas = accountOf('uma.user', 'Allas object storage')!;
    const r = await stack.gql(
      `query($u: UUID!) { offeringUser(uuid: $u) { hasComplianceChecklist checklist { checklist { name } } checklistReview { checklist { name } } completionStatus { isCompleted } completionReviewStatus { isCompleted } } }`,
      { u: allas.uuid },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.offeringUser).toEqual({
      hasComplianceChecklist: false,
      checklist: null,
      checklistReview: null,
      completionStatus: null,
      completionReviewStatus: null,
    });
    stack.sim.clearLog();
    const list = await stack.gql(
      `{ offeringUsers(first: 50, filter: { offeringSlug: ["allas-object-storage"] }) { nodes { checklist { checklist { name } } completionStatus { isCompleted } } } }`,
    );
    expectEach(list.data.offeringUsers.nodes, (n) => n.checklist === null && n.completionStatus === null);
    expect(list.upstreamCount).toBe(1);
    const t = await stack.gql('query($o: UUID!) { offeringChecklistTemplate(offeringUuid: $o) { checklist { name } } }', {
      o: offering('Allas object storage').uuid,
    });
    expect(t.data.offeringChecklistTemplate).toBeNull();
  });

  it('one offering user by UUID: its checklist is read beside it, not after it', async () => {
    const uma = accountOf('uma.user', 'Puhti HPC cluster')!;
    stack.sim.setLatency(30);
    try {
      const r = await stack.gql(
        `query($u: UUID!) { offeringUser(uuid: $u) { state checklist { completion { completionPercentage } } completionStatus { isCompleted } } }`,
        { u: uma.uuid },
        'user',
      );
      expect(r.errors).toBeUndefined();
      expect(r.upstreamCount).toBe(3);
      expect(stack.sim.maxInFlight).toBe(3);
    } finally {
      stack.sim.setLatency(0);
    }
  });

  it('a caller who may not review gets FORBIDDEN on review fields only', async () => {
    const uma = accountOf('uma.user', 'Puhti HPC cluster')!;
    const r = await stack.gql(
      `query($u: UUID!) { offeringUser(uuid: $u) { uuid state completionStatus { completionPercentage } checklistReview { completion { requiresReview } } completionReviewStatus { requiresReview } } }`,
      { u: uma.uuid },
      'user',
    );
    expect(r.data.offeringUser).toMatchObject({ uuid: uma.uuid, state: 'OK', checklistReview: null, completionReviewStatus: null });
    expect(r.data.offeringUser.completionStatus.completionPercentage).toBeGreaterThan(0);
    expect(r.errors!.map((e) => [e.path!.join('.'), e.extensions!.code]).sort()).toEqual([
      ['offeringUser.checklistReview', 'FORBIDDEN'],
      ['offeringUser.completionReviewStatus', 'FORBIDDEN'],
    ]);
  });

  it('the template lists every question and the initially visible ones', async () => {
    const r = await stack.gql(
      'query($o: UUID!) { offeringChecklistTemplate(offeringUuid: $o) { checklist { name } questions { description questionType operator reviewAnswerValue alwaysRequiresReview guidanceOperator alwaysShowGuidance dependencyLogic } initialVisibleQuestions { description } } }',
      { o: offering('Secure data enclave').uuid },
    );
    const t = r.data.offeringChecklistTemplate;
    expect(t.checklist.name).toBe('Sensitive data enclave checklist');
    expect(t.questions).toHaveLength(9);
    expect(t.initialVisibleQuestions.map((q) => q.description)).not.toContain('Upload ethics approvals');
    expect(t.questions.find((q) => q.description === 'Upload ethics approvals')!.dependencyLogic).toBe('OR');
    expect(t.questions.find((q) => q.alwaysRequiresReview)!.questionType).toBe('BOOLEAN');
    const types = new Set(t.questions.map((q) => q.questionType));
    const hpc = await stack.gql('query($o: UUID!) { offeringChecklistTemplate(offeringUuid: $o) { questions { questionType } } }', {
      o: offering('Puhti HPC cluster').uuid,
    });
    for (const q of hpc.data.offeringChecklistTemplate.questions) types.add(q.questionType);
    expect(types.size).toBe(18);
  });
});

describe('answering', () => {
  it('answers the whole checklist through GraphQL, unlocking dependent questions, to 100% and isCompleted', async () => {
    const uuid = await victorOnLumi();
    const q = questionsByText('HPC access compliance');
    const first = await stack.gql(CHECKLIST, { u: uuid }, 'otherUser');
    expect(first.data.offeringUser.checklist.completion).toMatchObject({ isCompleted: false, completionPercentage: 0 });
    expect(first.data.offeringUser.checklist.questions.map((x) => x.description)).not.toContain('Describe your research field');

    const other = q['Which research field does your work belong to?'].options.find((o) => o.label === 'Other')!;
    stack.sim.clearLog();
    const step1 = await stack.gql(
      SUBMIT,
      {
        input: {
          uuid,
          answers: [
            { questionUuid: q['Which research field does your work belong to?'].uuid, answer: [other.uuid] },
            { questionUuid: q['Do you accept the acceptable use policy?'].uuid, answer: true },
          ],
        },
      },
      'otherUser',
    );
    expect(step1.data.r.__typename).toBe('SubmitOfferingUserChecklistAnswersSuccess');
    const visible = step1.data.r.checklist.questions.map((x) => x.description);
    expect(visible).toContain('Describe your research field');
    expect(visible).toContain('Upload the signed acceptable use policy');
    expect(stack.upstream().map((c) => `${c.method} ${parsePath(c.path).pathname.split('/').at(-2)}`)).toEqual([
      'GET checklist',
      'POST submit_answers',
      'GET checklist',
    ]);

    const pdf = Buffer.from('%PDF-1.4 signed').toString('base64');
    const rest: Record<string, unknown> = {
      'Describe your research field': 'Computational linguistics',
      'Expected core-hours per month': 25000,
      'Which categories of data will you process?': [q['Which categories of data will you process?'].options[0].uuid],
      'When does your project end?': '2028-06-30',
      'Upload the signed acceptable use policy': { name: 'aup.pdf', content: pdf },
      'How experienced are you with Linux?': 3,
      'Contact e-mail for security incidents': 'sec@example.org',
      'Country of your home organisation': 'NO',
      'Rate the onboarding documentation (1-5)': 4,
      'Link to your project page': 'https://nlp.example.org',
      'Describe the planned workload': '<p>GPU training runs</p>',
    };
    const done = await stack.gql(
      SUBMIT,
      { input: { uuid, answers: Object.entries(rest).map(([text, answer]) => ({ questionUuid: q[text].uuid, answer })) } },
      'otherUser',
    );
    expect(done.data.r.completion).toEqual({ isCompleted: true, completionPercentage: 100, unansweredRequiredQuestions: [] });
    const read = await stack.gql(CHECKLIST, { u: uuid }, 'otherUser');
    const file = read.data.offeringUser.checklist.questions.find((x) => x.questionType === 'FILE')!;
    expect(file.existingAnswer.files).toEqual([{ name: 'aup.pdf', mimeType: 'application/pdf' }]);
    expect(read.data.offeringUser.completionStatus).toEqual({ isCompleted: true, completionPercentage: 100 });
  });

  it('values that cannot fit their type are refused by the gateway, pointing at each answer', async () => {
    const uuid = await victorOnLumi();
    const q = questionsByText('HPC access compliance');
    stack.sim.clearLog();
    const r = await stack.gql(
      SUBMIT,
      {
        input: {
          uuid,
          answers: [
            { questionUuid: q['Contact e-mail for security incidents'].uuid, answer: 'fine@example.org' },
            { questionUuid: q['Expected core-hours per month'].uuid, answer: 2_000_000 },
            { questionUuid: q['How experienced are you with Linux?'].uuid, answer: '3' },
          ],
        },
      },
      'otherUser',
    );
    expect(r.data.r.__typename).toBe('ChecklistAnswersError');
    expect(r.data.r.items.map((i) => [i.index, i.questionUuid])).toEqual([
      [1, q['Expected core-hours per month'].uuid],
      [2, q['How experienced are you with Linux?'].uuid],
    ]);
    expect(r.data.r.items[0].messages[0]).toMatch(/at most 1000000/);
    // Only the read of the checklist: nothing was submitted.
    expect(stack.upstream().map((c) => c.method)).toEqual(['GET']);
  });

  it("Waldur's per-item errors come back by index: unknown question, other checklist, MIME type", async () => {
    const uuid = await victorOnLumi();
    const enclave = questionsByText('Sensitive data enclave checklist');
    const hpc = questionsByText('HPC access compliance');
    const png = Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').toString('base64');
    const r = await stack.gql(
      SUBMIT,
      {
        input: {
          uuid,
          answers: [
            { questionUuid: hpc['Contact e-mail for security incidents'].uuid, answer: 'x@example.org' },
            { questionUuid: '00000000000000000000000000000000', answer: 1 },
            { questionUuid: enclave['Principal investigator'].uuid, answer: 'Dr. X' },
            { questionUuid: hpc['Upload the signed acceptable use policy'].uuid, answer: { name: 'fake.pdf', content: png } },
          ],
        },
      },
      'otherUser',
    );
    expect(r.data.r.__typename).toBe('ChecklistAnswersError');
    const byIndex = Object.fromEntries(r.data.r.items.map((i) => [i.index, i.messages.join(' ')]));
    expect(Object.keys(byIndex)).toEqual(['1', '2', '3']);
    expect(byIndex[1]).toMatch(/does not exist/);
    expect(byIndex[2]).toMatch(/does not belong to this checklist/);
    expect(byIndex[3]).toMatch(/is not valid for the question/);
  });

  it('answers of two users are kept apart; null deletes only your own', async () => {
    const uuid = await victorOnLumi();
    const q = questionsByText('HPC access compliance')['Link to your project page'];
    const completion = store().completionOf(uuid)!;
    const mine = (username: string) =>
      store()
        .answersOf(completion.uuid)
        .filter((a) => a.question_uuid === q.uuid && a.user_uuid === user(username).uuid);
    await stack.gql(SUBMIT, { input: { uuid, answers: [{ questionUuid: q.uuid, answer: 'https://victor.example.org' }] } }, 'otherUser');
    const owner = await stack.gql(SUBMIT, { input: { uuid, answers: [{ questionUuid: q.uuid, answer: 'https://provider-note.example.org' }] } }, 'owner');
    expect(owner.data.r.__typename).toBe('SubmitOfferingUserChecklistAnswersSuccess');
    expect(mine('victor.visitor').map((a) => a.answer_data)).toEqual(['https://victor.example.org']);
    expect(mine('olivia.owner').map((a) => a.answer_data)).toEqual(['https://provider-note.example.org']);
    await stack.gql(SUBMIT, { input: { uuid, answers: [{ questionUuid: q.uuid, answer: null }] } }, 'owner');
    expect(mine('olivia.owner')).toHaveLength(0);
    expect(mine('victor.visitor')).toHaveLength(1);
  });

  it('review triggers show up in the reviewer view', async () => {
    const uuid = await victorOnLumi();
    const q = questionsByText('HPC access compliance');
    const data = q['Which categories of data will you process?'];
    const health = data.options.find((o) => o.label === 'Health')!;
    // The trigger is computed when the answer is first created: start from a clean slate.
    const completion = store().completionOf(uuid)!;
    for (const a of store().answersOf(completion.uuid)) store().answers.delete(a.uuid);
    await stack.gql(
      SUBMIT,
      {
        input: {
          uuid,
          answers: [
            { questionUuid: data.uuid, answer: [health.uuid] },
            { questionUuid: q['Do you accept the acceptable use policy?'].uuid, answer: false },
          ],
        },
      },
      'otherUser',
    );
    const r = await stack.gql(
      `query($u: UUID!) { offeringUser(uuid: $u) {
      completionReviewStatus { requiresReview reviewTriggerSummary { question answer triggerValue operator alwaysRequiresReview } }
      checklistReview { questions { description operator reviewAnswerValue alwaysRequiresReview existingAnswer { requiresReview } } }
    } }`,
      { u: uuid },
      'owner',
    );
    expect(r.errors).toBeUndefined();
    const s = r.data.offeringUser.completionReviewStatus;
    expect(s.requiresReview).toBe(true);
    expect(s.reviewTriggerSummary).toEqual(
      expect.arrayContaining([
        {
          question: 'Which categories of data will you process?',
          answer: [health.uuid],
          triggerValue: data.review_answer_value,
          operator: 'IN',
          alwaysRequiresReview: false,
        },
        { question: 'Do you accept the acceptable use policy?', answer: false, triggerValue: true, operator: 'NOT_EQUALS', alwaysRequiresReview: false },
      ]),
    );
    const dq = r.data.offeringUser.checklistReview.questions.find((x) => x.description === data.description);
    expect(dq).toMatchObject({ operator: 'IN', alwaysRequiresReview: false, existingAnswer: { requiresReview: true } });
  });
});

describe('lists', () => {
  it('50 offering users with completionStatus: concurrent, bounded, one read per checklist holder', async () => {
    stack.sim.setLatency(20);
    try {
      const r = await stack.gql(
        '{ offeringUsers(first: 50, filter: { offeringSlug: ["puhti-hpc-cluster", "lumi-g-gpu-partition", "allas-object-storage"] }) { nodes { uuid hasComplianceChecklist completionStatus { completionPercentage } } } }',
        {},
        'staff',
      );
      const nodes = r.data.offeringUsers.nodes;
      const withChecklist = nodes.filter((n) => n.hasComplianceChecklist).length;
      expect(withChecklist).toBeGreaterThan(10);
      expectEach(
        nodes.filter((n) => !n.hasComplianceChecklist),
        (n) => n.completionStatus === null,
      );
      expect(r.upstreamCount).toBe(1 + withChecklist);
      // Bounded by the per-operation limit (8), yet not sequential.
      expect(stack.sim.maxInFlight).toBeLessThanOrEqual(8);
      expect(stack.sim.maxInFlight).toBeGreaterThan(1);
    } finally {
      stack.sim.setLatency(0);
    }
  });
});
