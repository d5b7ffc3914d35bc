import { UpstreamError, UpstreamValidationError } from '../upstream/errors.js';
import type { OfferingUserStateLabel } from '../upstream/resources/offering-users.js';
import { describeWrongState, parseWrongState } from '../upstream/resources/offering-user-states.js';
import { builder } from './builder.js';
import { OfferingUserStateEnum } from './types/offering-user-enums.js';

/** Expected failures of mutations, returned as members of each mutation's result union. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export interface FieldMessage {
  /** The input field as named in the GraphQL input (camelCase), or Waldur's name when unknown. */
  field: string;
  messages: string[];
}

export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly fieldErrors: FieldMessage[] = [],
    readonly nonFieldErrors: string[] = [],
  ) {
    super(message);
  }
}

export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError';
  constructor(
    message: string,
    /** Wire label of the state Waldur reported, when it could be read. */
    readonly currentState: OfferingUserStateLabel | null,
    readonly allowedSourceStates: OfferingUserStateLabel[],
  ) {
    super(message);
  }
}

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every expected failure of a mutation implements this.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object does not exist or the caller may not see it.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof NotFoundError,
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The caller may see the object but lacks the permission for this action.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof ForbiddenError,
});

const FieldMessageRef = builder.objectRef<FieldMessage>('FieldError').implement({
  description: 'Messages Waldur gave for one input field.',
  fields: (t) => ({
    field: t.exposeString('field'),
    messages: t.exposeStringList('messages'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'Waldur (or the gateway, before calling Waldur) rejected the input.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldMessageRef], resolve: (e) => e.fieldErrors }),
    nonFieldErrors: t.exposeStringList('nonFieldErrors'),
  }),
});

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Converts an upstream failure into the union member a mutation returns; rethrows anything else. */
export function toMutationError(err: unknown, fieldNames: Record<string, string> = {}): Error {
  if (!(err instanceof UpstreamError)) return err as Error;
  if (err instanceof UpstreamValidationError) {
    const d = err.details;
    const transition = d.detail ? wrongStateError(d.detail) : undefined;
    if (transition) return transition;
    const fieldErrors = Object.entries(d.fieldErrors).map(([f, messages]) => ({ field: fieldNames[f] ?? camel(f), messages }));
    const nonField = [...(d.detail ? [d.detail] : []), ...d.nonFieldErrors];
    return new ValidationError(err.message, fieldErrors, nonField);
  }
  if (err.code === 'NOT_FOUND') return new NotFoundError('The object does not exist or you may not see it.');
  if (err.code === 'FORBIDDEN') return new ForbiddenError(err.message);
  return err;
}

/** Waldur's wrong-state answer as the typed union member, with a message that names states. */
export function wrongStateError(detail: string): InvalidTransitionError | undefined {
  const w = parseWrongState(detail);
  return w && new InvalidTransitionError(describeWrongState(w), w.current, w.allowed);
}

/**
 * Waldur's URLField takes http(s) and ftp(s) URLs, or "" to clear; the URL scalar parses any scheme.
 * Returns the wire value, or throws the ValidationError Waldur would give, before any call.
 */
export function webUrl(value: URL | null | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (!/^(https?|ftps?):$/.test(value.protocol)) throw new ValidationError(`${field}: Enter a valid URL.`, [{ field, messages: ['Enter a valid URL (http, https, ftp or ftps).'] }]);
  return value.toString();
}

export const MUTATION_ERRORS = [NotFoundError, ForbiddenError, ValidationError] as const;


builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: 'The offering user is not in a state this transition may start from.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof InvalidTransitionError,
  fields: (t) => ({
    currentState: t.field({ type: OfferingUserStateEnum, nullable: true, resolve: (e) => e.currentState }),
    allowedSourceStates: t.field({ type: [OfferingUserStateEnum], resolve: (e) => e.allowedSourceStates }),
  }),
});
