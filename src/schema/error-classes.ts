/** Expected failures every mutation can meet; each resource adds its own (its `errors.ts`). */
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

/** The gateway's own refusal of one input field, worded like Waldur's, before any call. */
export const invalidField = (field: string, message: string, detail = message) => new ValidationError(`${field}: ${message}`, [{ field, messages: [detail] }]);

/** Every mutation's union holds these; a mutation names only what it adds. */
export const DEFAULT_ERRORS = [NotFoundError, ForbiddenError, ValidationError];
