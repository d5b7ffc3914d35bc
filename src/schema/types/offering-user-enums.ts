import { OFFERING_USER_STATES, type OfferingUserAction, type OfferingUserStateLabel } from '../../upstream/resources/offering-users.js';
import { STATE_NAMES } from '../../upstream/resources/offering-user-states.js';
import { builder } from '../builder.js';

/** Internal values are Waldur's wire labels, so DTOs pass through unchanged. */
export const OfferingUserStateEnum = builder.enumType('OfferingUserState', {
  description: 'Account state of an offering user (Waldur shows these as labels such as "Pending account linking").',
  values: Object.fromEntries(OFFERING_USER_STATES.map((label) => [STATE_NAMES[label], { value: label, description: `Waldur: "${label}"` }])) as Record<string, { value: OfferingUserStateLabel }>,
});

/** GraphQL names and descriptions of the transition actions; their source states live in upstream. */
export const TRANSITIONS: Record<OfferingUserAction, { graphql: string; description: string }> = {
  begin_creating: { graphql: 'BEGIN_CREATING', description: 'Provider starts creating the account.' },
  set_pending_account_linking: { graphql: 'SET_PENDING_ACCOUNT_LINKING', description: 'The user must link an existing account.' },
  set_pending_additional_validation: { graphql: 'SET_PENDING_ADDITIONAL_VALIDATION', description: 'The provider needs more validation.' },
  set_validation_complete: { graphql: 'SET_VALIDATION_COMPLETE', description: 'Validation done; moves to OK and clears comments.' },
  set_ok: { graphql: 'SET_OK', description: 'The account is ready.' },
  set_error_creating: { graphql: 'SET_ERROR_CREATING', description: 'Creation failed.' },
  set_error_deleting: { graphql: 'SET_ERROR_DELETING', description: 'Deletion failed.' },
  request_deletion: { graphql: 'REQUEST_DELETION', description: 'Ask the provider to delete the account.' },
  set_deleting: { graphql: 'SET_DELETING', description: 'Provider starts deleting the account.' },
  set_deleted: { graphql: 'SET_DELETED', description: 'The account is gone.' },
};

export const OfferingUserTransitionEnum = builder.enumType('OfferingUserTransition', {
  description: 'A lifecycle action; each has a mutation of its own.',
  values: Object.fromEntries(Object.entries(TRANSITIONS).map(([action, t]) => [t.graphql, { value: action as OfferingUserAction, description: t.description }])) as Record<string, { value: OfferingUserAction }>,
});


export const OfferingUserOrderByEnum = builder.enumType('OfferingUserOrderBy', {
  description: 'Sort keys (Waldur `o`). Several may be combined; earlier ones win.',
  values: {
    CREATED_ASC: { value: 'created' },
    CREATED_DESC: { value: '-created' },
    MODIFIED_ASC: { value: 'modified' },
    MODIFIED_DESC: { value: '-modified' },
    USERNAME_ASC: { value: 'username' },
    USERNAME_DESC: { value: '-username' },
  } as const,
});
