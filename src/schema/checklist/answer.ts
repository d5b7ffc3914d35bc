import { answerValue, type AnswerDto, type QuestionOptionDto, type StoredFile } from '../../upstream/resources/checklists.js';
import { builder } from '../builder.js';
import { ChecklistQuestionTypeEnum } from './enums.js';

/** An answer together with its question's options, so option UUIDs can be shown as labels. */
export interface AnswerShape {
  dto: AnswerDto;
  options: QuestionOptionDto[];
  reviewer: boolean;
}

export const QuestionOptionRef = builder.objectRef<QuestionOptionDto>('ChecklistQuestionOption').implement({
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (o) => o.uuid }),
    label: t.exposeString('label'),
    order: t.exposeInt('order'),
  }),
});

const FileRef = builder.objectRef<StoredFile>('ChecklistFile').implement({
  description: 'A file answer as Waldur stores it.',
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (f) => f.name ?? null }),
    size: t.int({ nullable: true, resolve: (f) => f.size ?? null }),
    mimeType: t.string({ nullable: true, resolve: (f) => f.mime_type ?? null }),
    storedFileId: t.string({ nullable: true, resolve: (f) => f.stored_file_id ?? null }),
  }),
});

export const ChecklistAnswerRef = builder.objectRef<AnswerShape>('ChecklistAnswer').implement({
  description: 'An answer to a question. `value` is the raw JSON; the typed accessors are set when the value has that shape.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (a) => a.dto.uuid }),
    questionDescription: t.string({ resolve: (a) => a.dto.question_description }),
    questionType: t.field({ type: ChecklistQuestionTypeEnum, resolve: (a) => a.dto.question_type }),
    questionRequired: t.boolean({ resolve: (a) => a.dto.question_required }),
    value: t.field({ type: 'JSON', nullable: true, description: "Waldur's answer_data, as stored.", resolve: (a) => a.dto.answer_data ?? null }),
    booleanValue: t.boolean({ nullable: true, resolve: (a) => (typeof a.dto.answer_data === 'boolean' ? a.dto.answer_data : null) }),
    stringValue: t.string({ nullable: true, resolve: (a) => (typeof a.dto.answer_data === 'string' ? a.dto.answer_data : null) }),
    numberValue: t.float({ nullable: true, resolve: (a) => answerValue.number(a.dto) }),
    stringListValue: t.stringList({ nullable: true, resolve: (a) => answerValue.strings(a.dto) }),
    selectedOptions: t.field({
      type: [QuestionOptionRef],
      nullable: true,
      description: 'For select questions: the chosen options with their labels.',
      resolve: (a) => answerValue.options(a.dto, a.options),
    }),
    files: t.field({ type: [FileRef], nullable: true, resolve: (a) => answerValue.files(a.dto) }),
    requiresReview: t.boolean({
      nullable: true,
      description: 'Reviewer views only (checklistReview); null in the user view, which hides review logic.',
      resolve: (a) => (a.reviewer ? (a.dto.requires_review ?? false) : null),
    }),
    userId: t.int({ nullable: true, description: "Waldur's integer id of the answering user.", resolve: (a) => a.dto.user ?? null }),
    userName: t.string({ resolve: (a) => a.dto.user_name ?? '' }),
    created: t.field({ type: 'DateTime', resolve: (a) => a.dto.created }),
    modified: t.field({ type: 'DateTime', resolve: (a) => a.dto.modified }),
  }),
});
