/** Objects of the connected Waldur the example tabs refer to (the simulator's demo data, or empty). */
export interface ExampleIds {
  /** An offering user in Creating, Pending account linking or Pending additional validation. */
  offeringUser?: string;
  serviceProvider?: string;
}

export interface ExampleTab {
  query: string;
  variables?: string;
}

const vars = (v: Record<string, unknown>) => JSON.stringify(v, null, 2);

/** Example operations preloaded as GraphiQL tabs; each one answers with data every time it runs. */
export const exampleTabs = (ids: ExampleIds = {}): ExampleTab[] => [
  {
    query: /* GraphQL */ `# Offering users waiting for the provider, newest first
# REST: one list read, GET /api/marketplace-offering-users/ with state=, o=-created and field= for what is selected
query PendingOfferingUsers($first: Int = 10) {
  offeringUsers(
    first: $first
    filter: { state: [REQUESTED, CREATING, PENDING_ACCOUNT_LINKING, PENDING_ADDITIONAL_VALIDATION] }
    orderBy: [CREATED_DESC]
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
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
    variables: vars({ first: 10 }),
  },
  {
    query: /* GraphQL */ `# One offering user in detail (any uuid from the list tab works)
# REST: one read, GET /api/marketplace-offering-users/{uuid}/
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
    variables: vars({ uuid: ids.offeringUser ?? '' }),
  },
  {
    query: /* GraphQL */ `# Two transitions in one request, run in order: the account goes to
# "pending additional validation" and back to "pending account linking",
# so this tab succeeds every time. A wrong state comes back as InvalidTransitionError.
# REST: POST set_pending_additional_validation, GET the account, POST set_pending_account_linking, GET it: in order
mutation AskThenLink($uuid: UUID!) {
  ask: setOfferingUserPendingAdditionalValidation(input: { uuid: $uuid, comment: "Please upload your ID" }) {
    __typename
    ... on SetOfferingUserPendingAdditionalValidationSuccess { offeringUser { id state allowedTransitions serviceProviderComment } }
    ... on InvalidTransitionError { message currentState allowedSourceStates }
    ... on Error { message }
  }
  link: setOfferingUserPendingAccountLinking(input: { uuid: $uuid, comment: "ID received, link your account" }) {
    __typename
    ... on SetOfferingUserPendingAccountLinkingSuccess { offeringUser { id state allowedTransitions serviceProviderComment } }
    ... on InvalidTransitionError { message currentState allowedSourceStates }
    ... on Error { message }
  }
}
`,
    variables: vars({ uuid: ids.offeringUser ?? '' }),
  },
  {
    query: /* GraphQL */ `# A provider's dashboard in one request. With REST this is 5 calls, then
# one call per consent group and per checklist of the 20 newest accounts.
# REST: provider, stat, revenue, compliance at once; then the offering-users page; then one consent read per row and one completion read per row with a checklist, in parallel
query ProviderDashboard($uuid: UUID!) {
  serviceProvider(uuid: $uuid) {
    customerName
    statistics { activeResources currentCustomers pendingOrders }
    revenue { year month total }
    offeringUsers(first: 20, orderBy: [CREATED_DESC]) {
      totalCount
      nodes {
        uuid
        state
        user { fullName }
        consent { hasConsent requiresReconsent }
        completionStatus { completionPercentage isCompleted }
      }
    }
    compliance { overview { nodes { offeringName complianceRate } } }
  }
}
`,
    variables: vars({ uuid: ids.serviceProvider ?? '' }),
  },
  {
    query: /* GraphQL */ `# Live: changes to offering users, pushed as they happen (run it and wait; in simulator mode a demo site agent moves accounts every few seconds)
# REST: none per event until one arrives; the gateway polls GET /api/marketplace-offering-users/?modified=<watermark>&o=modified once per interval for every subscriber with these credentials and this filter
subscription LiveOfferingUsers {
  offeringUserChanged {
    kind
    uuid
    changedFields
    offeringUser {
      state
      allowedTransitions
      user { username }
      offering { name }
    }
  }
}
`,
  },
];
