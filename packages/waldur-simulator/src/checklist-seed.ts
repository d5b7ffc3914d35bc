import type { ChecklistQuestion, Operator, QuestionType } from './checklist-logic.js';
import { requiresReview } from './checklist-logic.js';
import type { Store } from './store.js';

export interface SeedRandom {
  uuid(): string;
  int(n: number): number;
  next(): number;
}

type QSpec = Partial<Omit<ChecklistQuestion, 'options'>> & { key: string; type: QuestionType; description: string; options?: string[] };
type Dep = { on: string; op: Operator; value: boolean | ((opts: Record<string, string>) => unknown) };

const base = (): Omit<ChecklistQuestion, 'uuid' | 'checklist_uuid' | 'description' | 'question_type' | 'order'> => ({
  user_guidance: '',
  required: false,
  options: [],
  min_value: null,
  max_value: null,
  allowed_file_types: [],
  allowed_mime_types: [],
  max_file_size_mb: null,
  max_files_count: null,
  likert_scale_length: null,
  likert_low_label: '',
  likert_high_label: '',
  likert_allow_na: false,
  rich_text_char_limit: null,
  rich_text_toolbar_level: 'standard',
  operator: '',
  review_answer_value: null,
  always_requires_review: false,
  guidance_answer_value: null,
  guidance_operator: '',
  always_show_guidance: true,
  dependency_logic_operator: 'and',
  dependencies: [],
});

/** Two realistic checklists covering all 18 question types, dependencies and review triggers. */
export function seedChecklists(s: Store, r: SeedRandom, now: string): { hpc: string; enclave: string } {
  const options: Record<string, string> = {};
  const build = (
    name: string,
    description: string,
    specs: QSpec[],
    deps: Record<string, Dep[]>,
    reviews: Record<string, { op: Operator; value: (o: Record<string, string>) => unknown }>,
  ) => {
    const checklist = { uuid: r.uuid(), name, description, checklist_type: 'offering_compliance' };
    s.checklists.set(checklist.uuid, checklist);
    const byKey: Record<string, ChecklistQuestion> = {};
    specs.forEach((spec, i) => {
      const { key, type, options: labels, ...rest } = spec;
      const q: ChecklistQuestion = { ...base(), ...rest, uuid: r.uuid(), checklist_uuid: checklist.uuid, question_type: type, order: i + 1 };
      q.options = (labels ?? []).map((label, j) => {
        const uuid = r.uuid();
        options[`${key}:${label}`] = uuid;
        return { uuid, label, order: j + 1 };
      });
      byKey[key] = q;
      s.questions.set(q.uuid, q);
    });
    for (const [key, list] of Object.entries(deps)) {
      byKey[key]!.dependencies = list.map((d) => ({
        depends_on_question_uuid: byKey[d.on]!.uuid,
        operator: d.op,
        required_answer_value: typeof d.value === 'function' ? d.value(options) : d.value,
      }));
    }
    for (const [key, rv] of Object.entries(reviews)) {
      byKey[key]!.operator = rv.op;
      byKey[key]!.review_answer_value = rv.value(options);
    }
    return { checklist: checklist.uuid, byKey };
  };

  const hpc = build(
    'HPC access compliance',
    'Questions every user answers before getting an account on the national HPC systems.',
    [
      {
        key: 'aup',
        type: 'boolean',
        description: 'Do you accept the acceptable use policy?',
        required: true,
        user_guidance: 'The policy is at https://docs.example.org/aup.',
      },
      {
        key: 'field',
        type: 'single_select',
        description: 'Which research field does your work belong to?',
        required: true,
        options: ['Physics', 'Life sciences', 'Social sciences', 'Other'],
      },
      { key: 'field_other', type: 'text_input', description: 'Describe your research field', required: true },
      { key: 'hours', type: 'number', description: 'Expected core-hours per month', min_value: '0', max_value: '1000000' },
      {
        key: 'data',
        type: 'multi_select',
        description: 'Which categories of data will you process?',
        options: ['Public', 'Personal', 'Health', 'Export-controlled'],
      },
      { key: 'end', type: 'date', description: 'When does your project end?', required: true },
      {
        key: 'aup_file',
        type: 'file',
        description: 'Upload the signed acceptable use policy',
        allowed_file_types: ['.pdf'],
        allowed_mime_types: ['application/pdf'],
        max_file_size_mb: 5,
      },
      {
        key: 'linux',
        type: 'likert',
        description: 'How experienced are you with Linux?',
        likert_scale_length: 5,
        likert_low_label: 'Never used it',
        likert_high_label: 'Expert',
        likert_allow_na: true,
      },
      { key: 'security_email', type: 'email', description: 'Contact e-mail for security incidents', required: true },
      {
        key: 'country',
        type: 'country',
        description: 'Country of your home organisation',
        user_guidance: 'Export-control rules apply; the provider will contact you.',
        always_show_guidance: false,
        guidance_operator: 'equals',
        guidance_answer_value: 'RU',
      },
      { key: 'docs', type: 'rating', description: 'Rate the onboarding documentation (1-5)', min_value: '1', max_value: '5' },
      { key: 'homepage', type: 'url', description: 'Link to your project page' },
      { key: 'workload', type: 'rich_text', description: 'Describe the planned workload', rich_text_char_limit: 2000, rich_text_toolbar_level: 'minimal' },
    ],
    {
      field_other: [{ on: 'field', op: 'in', value: (o) => [o['field:Other']] }],
      aup_file: [{ on: 'aup', op: 'equals', value: true }],
    },
    {
      // Waldur skips falsy trigger values, so "false triggers review" is written as not_equals true.
      aup: { op: 'not_equals', value: () => true },
      data: { op: 'in', value: (o) => [o['data:Health'], o['data:Export-controlled']] },
      hours: { op: 'equals', value: () => 1000000 },
    },
  );

  const enclave = build(
    'Sensitive data enclave checklist',
    'Data protection questions for projects in the secure enclave.',
    [
      { key: 'personal', type: 'boolean', description: 'Will you process personal data?', required: true },
      { key: 'legal', type: 'text_area', description: 'Describe the legal basis for processing (GDPR Art. 6)', required: true },
      {
        key: 'sensitivity',
        type: 'single_select',
        description: 'How sensitive is the data?',
        required: true,
        options: ['Public', 'Internal', 'Confidential', 'Health'],
      },
      { key: 'ethics', type: 'multiple_files', description: 'Upload ethics approvals', max_files_count: 3, max_file_size_mb: 10 },
      { key: 'transfer', type: 'datetime', description: 'When will the data transfer start?' },
      { key: 'collected', type: 'year', description: 'Year the data was collected', min_value: '1950', max_value: '2026' },
      { key: 'dpo_phone', type: 'phone_number', description: 'Phone number of your data protection officer' },
      { key: 'retention', type: 'boolean', description: 'Do you need an exception from the data retention policy?', always_requires_review: true },
      { key: 'pi', type: 'text_input', description: 'Principal investigator', required: true },
    ],
    {
      legal: [{ on: 'personal', op: 'equals', value: true }],
      // Ethics approvals are needed for personal data or health data.
      ethics: [
        { on: 'personal', op: 'equals', value: true },
        { on: 'sensitivity', op: 'in', value: (o) => [o['sensitivity:Health']] },
      ],
    },
    { sensitivity: { op: 'in', value: (o) => [o['sensitivity:Health'], o['sensitivity:Confidential']] } },
  );
  const ethics = Object.values(enclave.byKey).find((q) => q.description.startsWith('Upload ethics'))!;
  ethics.dependency_logic_operator = 'or';

  // Answers that look like real users' answers, by question key.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF').toString('base64');
  const sample = (key: string, q: ChecklistQuestion, i: number): unknown => {
    switch (key) {
      case 'aup':
        return i % 7 !== 3;
      case 'field':
        return [q.options[i % q.options.length]!.uuid];
      case 'field_other':
        return 'Computational linguistics';
      case 'hours':
        return [5000, 20000, 120000, 1000000][i % 4];
      case 'data':
        return i % 5 === 0 ? [q.options[2]!.uuid] : [q.options[0]!.uuid];
      case 'end':
        return `202${7 + (i % 3)}-12-31`;
      case 'aup_file':
        return { name: 'aup-signed.pdf', size: 2048, mime_type: 'application/pdf', stored_file_id: `f${i}` };
      case 'linux':
        return i % 6 === 0 ? 'na' : i % 5;
      case 'security_email':
        return `security+${i}@example.org`;
      case 'country':
        return ['FI', 'EE', 'SE', 'NO', 'LV'][i % 5];
      case 'docs':
        return 1 + (i % 5);
      case 'homepage':
        return `https://project${i}.example.org/`;
      case 'workload':
        return '<p>Mostly <b>MPI</b> jobs on 4-16 nodes.</p>';
      case 'personal':
        return i % 2 === 0;
      case 'legal':
        return 'Consent of the data subjects (Art. 6(1)(a)).';
      case 'sensitivity':
        return [q.options[i % 4]!.uuid];
      case 'ethics':
        return [{ name: 'ethics-approval.pdf', size: 4096, mime_type: 'application/pdf', stored_file_id: `e${i}` }];
      case 'transfer':
        return '2026-12-01T09:00:00+00:00';
      case 'collected':
        return 2015 + (i % 10);
      case 'dpo_phone':
        return '+358 40 123 4567';
      case 'retention':
        return i % 3 === 0;
      case 'pi':
        return 'Prof. Maria Tamm';
      default:
        return null;
    }
  };
  void pdf;

  const offeringByName = (name: string) => [...s.offerings.values()].find((o) => o.name === name);
  const assign: Array<[string, typeof hpc]> = [
    ['Puhti HPC cluster', hpc],
    ['LUMI-G GPU partition', hpc],
    ['Secure data enclave', enclave],
  ];
  let i = 0;
  for (const [name, list] of assign) {
    const off = offeringByName(name);
    if (!off) continue;
    off.compliance_checklist_uuid = list.checklist;
    for (const ou of s.offeringUsers.values()) {
      if (ou.offering_uuid !== off.uuid) continue;
      s.onOfferingUserCreated(ou, ou.created);
      const completion = s.completionOf(ou.uuid)!;
      i++;
      // A third have not started, a third are half way, a third are done.
      const demo = s.users.get(ou.user_uuid)?.username === 'uma.user';
      const share = demo ? 0.5 : [0, 0.5, 1][i % 3]!;
      const keys = Object.keys(list.byKey);
      const count = Math.round(keys.length * share);
      keys.slice(0, count).forEach((key, k) => {
        const q = list.byKey[key]!;
        const answer = sample(key, q, i + k);
        const uuid = r.uuid();
        s.answers.set(uuid, {
          uuid,
          completion_uuid: completion.uuid,
          question_uuid: q.uuid,
          user_uuid: ou.user_uuid,
          answer_data: answer,
          requires_review: requiresReview(q, answer),
          created: ou.modified,
          modified: ou.modified,
        });
      });
    }
  }
  void now;
  return { hpc: hpc.checklist, enclave: enclave.checklist };
}
