// The provider console's operations. Each is a typed document (GraphQL Codegen's client preset,
// `npm run codegen`) whose SHA-256 id is in the manifest the gateway trusts: the console sends ids only.
import { graphql } from './gql/index.js';

/** One page of a provider's offering users with what each row shows: user, offering, consent, checklist. */
export const OfferingUsersPage = graphql(`
  query ConsoleOfferingUsers($provider: UUID!, $first: Int!, $offset: Int!, $states: [OfferingUserState!]) {
    serviceProvider(uuid: $provider) {
      uuid
      customerUuid
      customerName
      offeringUsers(first: $first, offset: $offset, filter: { state: $states }, orderBy: [CREATED_DESC]) {
        totalCount
        nodes {
          id
          uuid
          username
          state
          allowedTransitions
          serviceProviderComment
          user {
            fullName
            email
          }
          offering {
            name
          }
          consent {
            hasConsent
            requiresReconsent
          }
          hasComplianceChecklist
          completionStatus {
            completionPercentage
            isCompleted
          }
        }
      }
    }
  }
`);

/** The providers the signed-in user may pick from. */
export const Providers = graphql(`
  query ConsoleProviders {
    viewer {
      username
      fullName
    }
    serviceProviders(first: 50, orderBy: [CUSTOMER_NAME_ASC]) {
      nodes {
        uuid
        customerName
      }
    }
  }
`);

/** What a transition answers: the account as Waldur now has it (the cache updates its row by id), or why not. */

const BeginCreatingOfferingUser = graphql(`
  mutation ConsoleBeginCreatingOfferingUser($uuid: UUID!) {
    beginCreatingOfferingUser(input: { uuid: $uuid }) {
      __typename
      ... on BeginCreatingOfferingUserSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const RequestOfferingUserDeletion = graphql(`
  mutation ConsoleRequestOfferingUserDeletion($uuid: UUID!) {
    requestOfferingUserDeletion(input: { uuid: $uuid }) {
      __typename
      ... on RequestOfferingUserDeletionSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserDeleted = graphql(`
  mutation ConsoleSetOfferingUserDeleted($uuid: UUID!) {
    setOfferingUserDeleted(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserDeletedSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserDeleting = graphql(`
  mutation ConsoleSetOfferingUserDeleting($uuid: UUID!) {
    setOfferingUserDeleting(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserDeletingSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserErrorCreating = graphql(`
  mutation ConsoleSetOfferingUserErrorCreating($uuid: UUID!) {
    setOfferingUserErrorCreating(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserErrorCreatingSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserErrorDeleting = graphql(`
  mutation ConsoleSetOfferingUserErrorDeleting($uuid: UUID!) {
    setOfferingUserErrorDeleting(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserErrorDeletingSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserOk = graphql(`
  mutation ConsoleSetOfferingUserOk($uuid: UUID!) {
    setOfferingUserOk(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserOkSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserPendingAccountLinking = graphql(`
  mutation ConsoleSetOfferingUserPendingAccountLinking($uuid: UUID!, $comment: String) {
    setOfferingUserPendingAccountLinking(input: { uuid: $uuid, comment: $comment }) {
      __typename
      ... on SetOfferingUserPendingAccountLinkingSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserPendingAdditionalValidation = graphql(`
  mutation ConsoleSetOfferingUserPendingAdditionalValidation($uuid: UUID!, $comment: String) {
    setOfferingUserPendingAdditionalValidation(input: { uuid: $uuid, comment: $comment }) {
      __typename
      ... on SetOfferingUserPendingAdditionalValidationSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetOfferingUserValidationComplete = graphql(`
  mutation ConsoleSetOfferingUserValidationComplete($uuid: UUID!) {
    setOfferingUserValidationComplete(input: { uuid: $uuid }) {
      __typename
      ... on SetOfferingUserValidationCompleteSuccess {
        offeringUser {
          id
          state
          allowedTransitions
          serviceProviderComment
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** Every transition a row's buttons may run, by the name `allowedTransitions` gives it. */
export const TRANSITIONS = {
  BEGIN_CREATING: { document: BeginCreatingOfferingUser, field: 'beginCreatingOfferingUser', takesComment: false },
  REQUEST_DELETION: { document: RequestOfferingUserDeletion, field: 'requestOfferingUserDeletion', takesComment: false },
  SET_DELETED: { document: SetOfferingUserDeleted, field: 'setOfferingUserDeleted', takesComment: false },
  SET_DELETING: { document: SetOfferingUserDeleting, field: 'setOfferingUserDeleting', takesComment: false },
  SET_ERROR_CREATING: { document: SetOfferingUserErrorCreating, field: 'setOfferingUserErrorCreating', takesComment: false },
  SET_ERROR_DELETING: { document: SetOfferingUserErrorDeleting, field: 'setOfferingUserErrorDeleting', takesComment: false },
  SET_OK: { document: SetOfferingUserOk, field: 'setOfferingUserOk', takesComment: false },
  SET_PENDING_ACCOUNT_LINKING: { document: SetOfferingUserPendingAccountLinking, field: 'setOfferingUserPendingAccountLinking', takesComment: true },
  SET_PENDING_ADDITIONAL_VALIDATION: {
    document: SetOfferingUserPendingAdditionalValidation,
    field: 'setOfferingUserPendingAdditionalValidation',
    takesComment: true,
  },
  SET_VALIDATION_COMPLETE: { document: SetOfferingUserValidationComplete, field: 'setOfferingUserValidationComplete', takesComment: false },
} as const;

/**
 * Changes to the provider's offering users as they happen. Each carries the account by id, so
 * Apollo's cache updates the row in place; an account that appears or goes refreshes the page.
 */
export const LiveChanges = graphql(`
  subscription ConsoleLiveChanges($customer: UUID!) {
    offeringUserChanged(filter: { providerUuid: $customer }) {
      kind
      uuid
      offeringUser {
        id
        uuid
        state
        allowedTransitions
        serviceProviderComment
      }
    }
  }
`);
