/** Example operations preloaded as GraphiQL tabs; `uuid` fills the detail and transition tabs. */
export const exampleTabs = (uuid = '') => [
  {
    query: `# Offering users waiting for the provider, newest first
query PendingOfferingUsers($first: Int = 10) {
  offeringUsers(
    first: $first
    filter: { state: [REQUESTED, CREATING, PENDING_ACCOUNT_LINKING, PENDING_ADDITIONAL_VALIDATION] }
    orderBy: [CREATED_DESC]
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      uuid
      state
      allowedTransitions
      user { username fullName email }
      offering { name }
      customer { name }
      serviceProviderComment
    }
  }
}
`,
  },
  {
    query: `# One offering user in detail (paste a uuid from the list tab)
query OfferingUserDetail($uuid: UUID!) {
  offeringUser(uuid: $uuid) {
    id
    uuid
    username
    state
    allowedTransitions
    isRestricted
    hasConsent
    requiresReconsent
    created
    modified
    user { uuid username fullName email organization }
    offering { uuid name url }
  }
}
`,
    variables: JSON.stringify({ uuid }),
  },
  {
    query: `# Move an account forward; wrong states come back as InvalidTransitionError
mutation BeginCreating($uuid: UUID!) {
  beginCreatingOfferingUser(input: { uuid: $uuid }) {
    __typename
    ... on BeginCreatingOfferingUserSuccess { offeringUser { uuid state allowedTransitions } }
    ... on InvalidTransitionError { message currentState allowedSourceStates }
    ... on Error { message }
  }
}
`,
    variables: JSON.stringify({ uuid }),
  },
];
