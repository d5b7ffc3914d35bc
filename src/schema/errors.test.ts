import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../upstream/errors.js';
import { NoTermsOfServiceError, noTermsOfService } from './consent/errors.js';
import { ValidationError } from './error-classes.js';
import { toMutationError } from './errors.js';
import { InvalidTransitionError, wrongState } from './offering-user/errors.js';

const at = { method: 'POST', path: 'marketplace-offering-users/x/begin_creating/' };
const wrong = () =>
  errorFromResponse(400, { detail: 'Cannot transition to CREATING from current state: 5. Valid states for operation: Requested, Error creating.' }, at);

describe('each mutation meets the errors it names', () => {
  it('a wrong state is an InvalidTransitionError where the mutation lists wrongState', () => {
    const e = toMutationError(wrong(), [wrongState]);
    expect(e).toBeInstanceOf(InvalidTransitionError);
    expect(e).toMatchObject({
      message: 'Cannot move the offering user to CREATING: it is OK; allowed only from REQUESTED, ERROR_CREATING.',
      currentState: 'OK',
      allowedSourceStates: ['Requested', 'Error creating'],
    });
  });

  it('the same answer is a plain ValidationError for a mutation that does not list it', () => {
    const e = toMutationError(wrong(), [noTermsOfService]);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).nonFieldErrors[0]).toMatch(/^Cannot transition to CREATING/);
  });

  it("a resource's recogniser reads its own refusal", () => {
    const refusal = errorFromResponse(400, ['Offering does not have active Terms of Service.'], at);
    expect(toMutationError(refusal, [wrongState, noTermsOfService])).toBeInstanceOf(NoTermsOfServiceError);
  });

  it('404 and 403 are every mutation’s; anything else is left to be masked', () => {
    expect(toMutationError(errorFromResponse(404, { detail: 'Not found.' }, at))).toMatchObject({ name: 'NotFoundError' });
    expect(toMutationError(errorFromResponse(403, { detail: 'No.' }, at))).toMatchObject({ name: 'ForbiddenError' });
    const boom = new Error('boom');
    expect(toMutationError(boom, [wrongState])).toBe(boom);
  });
});
