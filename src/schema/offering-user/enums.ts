import { OFFERING_USER_STATES, type OfferingUserAction } from '../../upstream/resources/offering-users.js';
import { STATE_NAMES } from '../../upstream/resources/offering-user-states.js';
import { builder } from '../builder.js';

/** Internal values are Waldur's wire labels, so DTOs pass through unchanged. */
export const OfferingUserStateEnum = builder.enumType('OfferingUserState', {
  description: 'Account state of an offering user (Waldur shows these as labels such as "Pending account linking").',
  values: Object.fromEntries(OFFERING_USER_STATES.map((label) => [STATE_NAMES[label], { value: label, description: `Waldur: "${label}"` }])),
});

/** GraphQL enum value, mutation name and description of each transition; source states live in upstream. */
export const TRANSITIONS: Record<OfferingUserAction, { graphql: string; mutation: string; description: string }> = {
  begin_creating: { graphql: 'BEGIN_CREATING', mutation: 'beginCreatingOfferingUser', description: 'Provider starts creating the account.' },
  set_pending_account_linking: {
    graphql: 'SET_PENDING_ACCOUNT_LINKING',
    mutation: 'setOfferingUserPendingAccountLinking',
    description: 'The user must link an existing account.',
  },
  set_pending_additional_validation: {
    graphql: 'SET_PENDING_ADDITIONAL_VALIDATION',
    mutation: 'setOfferingUserPendingAdditionalValidation',
    description: 'The provider needs more validation.',
  },
  set_validation_complete: {
    graphql: 'SET_VALIDATION_COMPLETE',
    mutation: 'setOfferingUserValidationComplete',
    description: 'Validation done; moves to OK and clears comments.',
  },
  set_ok: { graphql: 'SET_OK', mutation: 'setOfferingUserOk', description: 'The account is ready.' },
  set_error_creating: { graphql: 'SET_ERROR_CREATING', mutation: 'setOfferingUserErrorCreating', description: 'Creation failed.' },
  set_error_deleting: { graphql: 'SET_ERROR_DELETING', mutation: 'setOfferingUserErrorDeleting', description: 'Deletion failed.' },
  request_deletion: { graphql: 'REQUEST_DELETION', mutation: 'requestOfferingUserDeletion', description: 'Ask the provider to delete the account.' },
  set_deleting: { graphql: 'SET_DELETING', mutation: 'setOfferingUserDeleting', description: 'Provider starts deleting the account.' },
  set_deleted: { graphql: 'SET_DELETED', mutation: 'setOfferingUserDeleted', description: 'The account is gone.' },
};

export const OfferingUserTransitionEnum = builder.enumType('OfferingUserTransition', {
  description: 'A lifecycle action; each has a mutation of its own.',
  values: Object.fromEntries(
    Object.entries(TRANSITIONS).map(([action, t]) => [t.graphql, { value: action as OfferingUserAction, description: t.description }]),
  ),
});
