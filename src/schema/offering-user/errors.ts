import { UpstreamValidationError } from '../../upstream/errors.js';
import { describeWrongState, parseWrongState } from '../../upstream/resources/offering-user-states.js';
import type { OfferingUserStateLabel } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { errorOptions, type Recogniser } from '../errors.js';
import { OfferingUserStateEnum } from './enums.js';

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

builder.objectType(InvalidTransitionError, {
  ...errorOptions(InvalidTransitionError, 'The offering user is not in a state this transition may start from.'),
  fields: (t) => ({
    currentState: t.field({ type: OfferingUserStateEnum, nullable: true, resolve: (e) => e.currentState }),
    allowedSourceStates: t.field({ type: [OfferingUserStateEnum], resolve: (e) => e.allowedSourceStates }),
  }),
});

/** Waldur's wrong-state answer to a transition (behaviour 2.5), in the gateway's words. */
export const wrongState: Recogniser = {
  type: InvalidTransitionError,
  recognise: (err) => {
    const wrong = err instanceof UpstreamValidationError && err.details.detail ? parseWrongState(err.details.detail) : undefined;
    return wrong && new InvalidTransitionError(describeWrongState(wrong), wrong.current, wrong.allowed);
  },
};
