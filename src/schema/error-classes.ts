import type { OfferingUserStateLabel } from '../upstream/resources/offering-users.js';

/** Expected failures of mutations, returned as members of each mutation's result union. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}
export class NoTermsOfServiceError extends Error {
  override name = 'NoTermsOfServiceError';
}
export class AlreadyConsentedError extends Error {
  override name = 'AlreadyConsentedError';
}
export class NoChecklistError extends Error {
  override name = 'NoChecklistError';
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

/** The gateway's own refusal of one input field, worded like Waldur's, before any call. */
export const invalidField = (field: string, message: string, detail = message) => new ValidationError(`${field}: ${message}`, [{ field, messages: [detail] }]);

export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError';
  /** `currentState`: the wire label of the state Waldur reported, when it could be read. */
  constructor(
    message: string,
    readonly currentState: OfferingUserStateLabel | null,
    readonly allowedSourceStates: OfferingUserStateLabel[],
  ) {
    super(message);
  }
}

export interface AnswerProblem {
  index: number;
  questionUuid: string;
  messages: string[];
}

export class ChecklistAnswersError extends Error {
  override name = 'ChecklistAnswersError';
  constructor(
    message: string,
    readonly items: AnswerProblem[],
  ) {
    super(message);
  }
}

/** Every mutation's union holds these; a mutation names only what it adds. */
export const DEFAULT_ERRORS = [NotFoundError, ForbiddenError, ValidationError];
