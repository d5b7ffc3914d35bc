import { OFFERING_USER_STATES, OFFERING_USER_TRANSITIONS, type OfferingUserAction } from '../../upstream/resources/offering-users.js';
import { STATE_NAMES } from '../../upstream/resources/offering-user-states.js';
import { builder } from '../builder.js';

/** Internal values are Waldur's wire labels, so DTOs pass through unchanged. */
export const OfferingUserStateEnum = builder.enumType('OfferingUserState', {
  description: 'Account state of an offering user (Waldur shows these as labels such as "Pending account linking").',
  values: Object.fromEntries(OFFERING_USER_STATES.map((label) => [STATE_NAMES[label], { value: label, description: `Waldur: "${label}"` }])),
});

/**
 * The GraphQL side of each transition (its Waldur facts are upstream's OFFERING_USER_TRANSITIONS):
 * the mutation's name and what it does. The enum value is the action in capitals.
 */
export const TRANSITION_NAMES: Record<OfferingUserAction, { mutation: string; description: string }> = {
  begin_creating: { mutation: 'beginCreatingOfferingUser', description: 'Provider starts creating the account.' },
  set_pending_account_linking: { mutation: 'setOfferingUserPendingAccountLinking', description: 'The user must link an existing account.' },
  set_pending_additional_validation: { mutation: 'setOfferingUserPendingAdditionalValidation', description: 'The provider needs more validation.' },
  set_validation_complete: { mutation: 'setOfferingUserValidationComplete', description: 'Validation done; moves to OK and clears comments.' },
  set_ok: { mutation: 'setOfferingUserOk', description: 'The account is ready.' },
  set_error_creating: { mutation: 'setOfferingUserErrorCreating', description: 'Creation failed.' },
  set_error_deleting: { mutation: 'setOfferingUserErrorDeleting', description: 'Deletion failed.' },
  request_deletion: { mutation: 'requestOfferingUserDeletion', description: 'Ask the provider to delete the account.' },
  set_deleting: { mutation: 'setOfferingUserDeleting', description: 'Provider starts deleting the account.' },
  set_deleted: { mutation: 'setOfferingUserDeleted', description: 'The account is gone.' },
};

export const OfferingUserTransitionEnum = builder.enumType('OfferingUserTransition', {
  description: 'A lifecycle action; each has a mutation of its own.',
  values: Object.fromEntries(
    OFFERING_USER_TRANSITIONS.map(({ action }) => [action.toUpperCase(), { value: action, description: TRANSITION_NAMES[action].description }]),
  ),
});
