import { UpstreamError, UpstreamValidationError } from '../upstream/errors.js';
import { camel } from './naming.js';
import { builder } from './builder.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldMessage } from './error-classes.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every expected failure of a mutation implements this.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

/**
 * What every error type shares: its class's name, the Error interface, and `isTypeOf` by class
 * (the errors plugin finds a union member by the class the resolver threw).
 */
export const errorOptions = (cls: abstract new (...args: never[]) => Error, description: string) => ({
  name: cls.name,
  description,
  interfaces: [ErrorInterface],
  isTypeOf: (o: unknown) => o instanceof cls,
});

builder.objectType(NotFoundError, errorOptions(NotFoundError, 'The object does not exist or the caller may not see it.'));
builder.objectType(ForbiddenError, errorOptions(ForbiddenError, 'The caller may see the object but lacks the permission for this action.'));

const FieldMessageRef = builder.objectRef<FieldMessage>('FieldError').implement({
  description: 'Messages Waldur gave for one input field.',
  fields: (t) => ({ field: t.exposeString('field'), messages: t.exposeStringList('messages') }),
});

builder.objectType(ValidationError, {
  ...errorOptions(ValidationError, 'Waldur (or the gateway, before calling Waldur) rejected the input.'),
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldMessageRef], resolve: (e) => e.fieldErrors }),
    nonFieldErrors: t.exposeStringList('nonFieldErrors'),
  }),
});

/** An error class a mutation's union holds. */
export type ErrorClass = new (...args: never[]) => Error;

/**
 * One kind of Waldur failure a mutation may meet (a wrong state, a consent refusal, no checklist),
 * read from Waldur's answer, and the union member it becomes. Each resource exports its own; each
 * mutation lists the ones it can meet.
 */
export interface Recogniser {
  type: ErrorClass;
  recognise: (err: UpstreamError) => Error | undefined;
}

/** Waldur's hyperlinked fields are given by UUID in every input. */
const INPUT_NAME: Record<string, string> = { offering: 'offeringUuid', user: 'userUuid', customer: 'customerUuid' };

/**
 * Converts a failure into the union member a mutation returns: the mutation's own recognisers
 * first, then what every mutation can meet (Waldur's 400 with the input's field names in
 * camelCase, 404, 403). Anything else is rethrown as it is (and masked by the server).
 */
export function toMutationError(err: unknown, own: readonly Recogniser[] = []): unknown {
  if (!(err instanceof UpstreamError)) return err;
  for (const r of own) {
    const known = r.recognise(err);
    if (known) return known;
  }
  if (err instanceof UpstreamValidationError) {
    const d = err.details;
    const fieldErrors = Object.entries(d.fieldErrors).map(([f, messages]) => ({ field: INPUT_NAME[f] ?? camel(f), messages }));
    return new ValidationError(err.message, fieldErrors, [...(d.detail ? [d.detail] : []), ...d.nonFieldErrors]);
  }
  if (err.code === 'NOT_FOUND') return new NotFoundError('The object does not exist or you may not see it.');
  if (err.code === 'FORBIDDEN') return new ForbiddenError(err.message);
  return err;
}

/**
 * A URL input's wire value: absent stays absent, null clears (""), a URL goes as text. Which URLs
 * Waldur takes is the input's rule (`webUrl` in input-rules.ts), checked before this runs.
 */
export const urlWire = (value: URL | null | undefined): string | undefined => (value === undefined ? undefined : value === null ? '' : value.toString());
