import { UpstreamError, UpstreamValidationError } from '../upstream/errors.js';
import { camel } from '../upstream/list-spec.js';
import { consentRefusal } from '../upstream/resources/consents.js';
import { describeWrongState, parseWrongState } from '../upstream/resources/offering-user-states.js';
import { isNoChecklist } from '../upstream/resources/checklists.js';
import { builder } from './builder.js';
import {
  AlreadyConsentedError,
  ChecklistAnswersError,
  ForbiddenError,
  InvalidTransitionError,
  NoChecklistError,
  NotFoundError,
  NoTermsOfServiceError,
  ValidationError,
  type AnswerProblem,
  type FieldMessage,
} from './error-classes.js';
import { OfferingUserStateEnum } from './offering-user/enums.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every expected failure of a mutation implements this.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

/** An error type: its class's name, the Error interface, and its own fields (from `typed()`) if any. */
function errorType(cls: new (...args: never[]) => Error, description: string, fields?: never) {
  // The errors plugin finds a union member by its class: register the class itself.
  builder.objectType(cls as typeof NotFoundError, {
    name: cls.name,
    description,
    interfaces: [ErrorInterface],
    isTypeOf: (o) => o instanceof cls,
    ...(fields ? { fields } : {}),
  });
}

// Errors that carry a message only.
errorType(NotFoundError, 'The object does not exist or the caller may not see it.');
errorType(ForbiddenError, 'The caller may see the object but lacks the permission for this action.');
errorType(NoTermsOfServiceError, 'The offering has no active Terms of Service to consent to.');
errorType(AlreadyConsentedError, 'The caller already consented to the current version.');
errorType(NoChecklistError, "The offering user's offering has no compliance checklist.");

const FieldMessageRef = builder.objectRef<FieldMessage>('FieldError').implement({
  description: 'Messages Waldur gave for one input field.',
  fields: (t) => ({ field: t.exposeString('field'), messages: t.exposeStringList('messages') }),
});

const ProblemRef = builder.objectRef<AnswerProblem>('ChecklistAnswerProblem').implement({
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the submitted `answers` list.' }),
    questionUuid: t.field({ type: 'UUID', resolve: (p) => p.questionUuid }),
    messages: t.exposeStringList('messages'),
  }),
});

type Fields<E> = (t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, E>) => object;
const typed = <E>(f: Fields<E>) => f as never;

errorType(
  ValidationError,
  'Waldur (or the gateway, before calling Waldur) rejected the input.',
  typed<ValidationError>((t) => ({
    fieldErrors: t.field({ type: [FieldMessageRef], resolve: (e) => e.fieldErrors }),
    nonFieldErrors: t.exposeStringList('nonFieldErrors'),
  })),
);
errorType(
  InvalidTransitionError,
  'The offering user is not in a state this transition may start from.',
  typed<InvalidTransitionError>((t) => ({
    currentState: t.field({ type: OfferingUserStateEnum, nullable: true, resolve: (e) => e.currentState }),
    allowedSourceStates: t.field({ type: [OfferingUserStateEnum], resolve: (e) => e.allowedSourceStates }),
  })),
);
errorType(
  ChecklistAnswersError,
  'Some answers were refused; nothing was saved. Each problem points at its answer by index and question.',
  typed<ChecklistAnswersError>((t) => ({
    items: t.field({ type: [ProblemRef], resolve: (e) => e.items }),
  })),
);

/** Waldur's hyperlinked fields are given by UUID in every input. */
const INPUT_NAME: Record<string, string> = { offering: 'offeringUuid', user: 'userUuid', customer: 'customerUuid' };

/**
 * Converts a failure into the union member a mutation returns; anything unexpected is rethrown
 * as it is (and masked by the server). Waldur's field names become the input's (camelCase).
 */
export function toMutationError(err: unknown): Error {
  if (!(err instanceof UpstreamError)) return err as Error;
  if (isNoChecklist(err)) return new NoChecklistError('No checklist is configured for this offering user.');
  const refusal = consentRefusal(err);
  if (refusal) return refusal.kind === 'noTermsOfService' ? new NoTermsOfServiceError(refusal.message) : new AlreadyConsentedError(refusal.message);
  if (err instanceof UpstreamValidationError) {
    const d = err.details;
    const wrong = d.detail ? parseWrongState(d.detail) : undefined;
    if (wrong) return new InvalidTransitionError(describeWrongState(wrong), wrong.current, wrong.allowed);
    const fieldErrors = Object.entries(d.fieldErrors).map(([f, messages]) => ({ field: INPUT_NAME[f] ?? camel(f), messages }));
    return new ValidationError(err.message, fieldErrors, [...(d.detail ? [d.detail] : []), ...d.nonFieldErrors]);
  }
  if (err.code === 'NOT_FOUND') return new NotFoundError('The object does not exist or you may not see it.');
  if (err.code === 'FORBIDDEN') return new ForbiddenError(err.message);
  return err;
}

/**
 * Waldur's URLField takes http(s) and ftp(s) URLs, or "" to clear; the URL scalar parses any scheme.
 * Returns the wire value, or throws the ValidationError Waldur would give, before any call.
 */
export function webUrl(value: URL | null | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (!/^(https?|ftps?):$/.test(value.protocol))
    throw new ValidationError(`${field}: Enter a valid URL.`, [{ field, messages: ['Enter a valid URL (http, https, ftp or ftps).'] }]);
  return value.toString();
}
