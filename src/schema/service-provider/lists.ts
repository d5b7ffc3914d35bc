import { NESTED_LISTS, type NestedListSpec } from '../../upstream/resources/service-provider-lists.js';
import type { NestedRow, ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder, pascal } from '../builder.js';
import { connection, filterInput, graphqlName, orderByEnum, type FilterNames } from '../list-field.js';
import type { rowObject } from '../row-fields.js';
import {
  CourseAccountRef,
  NameUuidRef,
  ProjectPermissionRef,
  ProjectRef,
  ProjectServiceAccountRef,
  ProviderCustomerProjectRef,
  ProviderCustomerRef,
  ProviderOfferingRef,
  ProviderUserRef,
  SshKeyRef,
  TeamMemberRef,
} from './items.js';
import { ServiceProviderRef } from './service-provider.js';

/** Names shared by several nested lists (their Waldur side: upstream's filter tables). */
const CREATED_MODIFIED: FilterNames = {
  created: { name: 'createdAfter', doc: 'Created on or after.' },
  modified: { name: 'modifiedAfter', doc: 'Modified on or after.' },
};
const CUSTOMER_NAMES: FilterNames = {
  name: { doc: 'Name contains (case-insensitive).' },
  query: { doc: 'Search over name, abbreviation and other identifiers.' },
};
const PROJECT_NAMES: FilterNames = {
  ...CREATED_MODIFIED,
  customer: { name: 'customerUuids', doc: 'Projects of any of these customers.' },
  name: { doc: 'Name contains (case-insensitive).' },
};
const ACCOUNT_STATE_NAMES: FilterNames = { state: { doc: 'Any of: OK, Closed, Erred.' } };

/**
 * The GraphQL side of each nested list of a provider, by its Waldur route: the connection field on
 * ServiceProvider, what it holds, and its filters' names.
 */
const NESTED: Record<string, { field: string; doc: string; names: FilterNames }> = {
  offerings: {
    field: 'offerings',
    doc: "The provider's shared, billable offerings. Needs no special permission.",
    names: {
      ...CREATED_MODIFIED,
      attributes: { doc: 'JSON-encoded attribute filter, passed through.' },
      state: { doc: 'Any of: Draft, Active, Paused, Archived, Unavailable.' },
      uuid_list: { doc: 'Only these offerings.' },
    },
  },
  customers: { field: 'customers', doc: 'Customers with projects that use the provider’s resources.', names: { ...CUSTOMER_NAMES } },
  customer_projects: {
    field: 'customerProjects',
    doc: "One customer's projects that use the provider's resources.",
    names: { ...PROJECT_NAMES, project_customer_uuid: { name: 'customerUuid', doc: 'Required: the customer whose projects to list.' } },
  },
  projects: { field: 'projects', doc: "Projects that use the provider's resources.", names: { ...PROJECT_NAMES } },
  project_permissions: {
    field: 'projectPermissions',
    doc: 'Active project roles of active users in those projects.',
    names: { ...CREATED_MODIFIED, user: { name: 'userUuid' } },
  },
  keys: { field: 'sshKeys', doc: 'SSH public keys of users with project roles in those projects.', names: { ...CREATED_MODIFIED } },
  users: {
    field: 'users',
    doc: 'Users with project roles in those projects (attributes limited to what the offerings expose).',
    names: { modified: { name: 'modifiedAfter' } },
  },
  user_customers: {
    field: 'userCustomers',
    doc: "Customers linked to one user that also use the provider's resources.",
    names: { ...CUSTOMER_NAMES, user_uuid: { doc: 'Required: the user.' } },
  },
  project_service_accounts: {
    field: 'projectServiceAccounts',
    doc: 'Project service accounts with a username, in projects using the provider.',
    names: { ...ACCOUNT_STATE_NAMES },
  },
  course_accounts: { field: 'courseAccounts', doc: 'Course accounts with a user, in projects using the provider.', names: { ...ACCOUNT_STATE_NAMES } },
  list_users: {
    field: 'teamMembers',
    doc: "The provider's team: roles on the service-provider scope.",
    names: { role: { doc: 'Role name or UUID.' }, user: { name: 'userUuid' } },
  },
  robot_account_customers: { field: 'robotAccountCustomers', doc: 'Customers with robot accounts on the provider’s resources.', names: {} },
  robot_account_projects: { field: 'robotAccountProjects', doc: 'Projects with robot accounts on the provider’s resources.', names: {} },
};

/** The connection field on ServiceProvider of a nested list's route. */
export const nestedField = (route: string): string | undefined => NESTED[route]?.field;

/** The GraphQL names of a nested list's filters, in its table's order. */
export const nestedFilterNames = (spec: NestedListSpec): string[] => spec.filters.map((f) => graphqlName(f, NESTED[spec.route]?.names));

const ITEM: Record<string, ReturnType<typeof rowObject>> = {
  offerings: ProviderOfferingRef,
  customers: ProviderCustomerRef,
  customerProjects: ProviderCustomerProjectRef,
  projects: ProjectRef,
  projectPermissions: ProjectPermissionRef,
  sshKeys: SshKeyRef,
  users: ProviderUserRef,
  userCustomers: ProviderCustomerRef,
  projectServiceAccounts: ProjectServiceAccountRef,
  courseAccounts: CourseAccountRef,
  teamMembers: TeamMemberRef,
  robotAccountCustomers: NameUuidRef,
  robotAccountProjects: NameUuidRef,
};

/** Lists whose REST route needs one parameter: it becomes a required argument of the field. */
const REQUIRED_ARG: Record<string, { arg: string; wire: string }> = {
  customerProjects: { arg: 'customerUuid', wire: 'project_customer_uuid' },
  userCustomers: { arg: 'userUuid', wire: 'user_uuid' },
};

/**
 * The provider each nested-list row was read under: a customer's projects and a user's customers
 * are lists of that provider too, so a row's own expansion needs it (rows are Waldur's objects,
 * tagged here rather than copied).
 */
const providerOfRow = new WeakMap<object, string>();

function defineList(spec: NestedListSpec) {
  const naming = NESTED[spec.route];
  const item = naming && ITEM[naming.field];
  // Every route upstream lists has its GraphQL side here: a new route without one stops the start.
  if (!naming || !item) throw new Error(`The nested list ${spec.route}/ has no GraphQL field or item type (service-provider/lists.ts).`);
  const typeName = `ServiceProvider${pascal(naming.field)}`;
  const required = REQUIRED_ARG[naming.field];
  const filters = spec.filters.filter((f) => f.wire !== required?.wire);
  const shape = {
    type: connection(item, typeName),
    list: spec,
    filter: filters.length
      ? filterInput(`${typeName}Filter`, filters, { description: `Query parameters of Waldur \`${spec.route}/\`.`, names: naming.names })
      : undefined,
    orderBy: spec.ordering.length ? orderByEnum(`${typeName}OrderBy`, spec) : undefined,
  };
  builder.objectField(ServiceProviderRef, naming.field, (t) =>
    t.waldurConnection({
      ...shape,
      description: `${naming.doc} Waldur \`${spec.route}/\`.`,
      args: required ? { [required.arg]: t.arg({ type: 'UUID', required: true }) } : {},
      reads: ['uuid'],
      request: (sp: ServiceProviderDto, args) => ({ parent: sp.uuid, values: required ? { [required.wire]: args[required.arg] } : {} }),
      onRows: (sp: ServiceProviderDto, rows) => {
        for (const row of rows) if (row && typeof row === 'object') providerOfRow.set(row, sp.uuid);
      },
    }),
  );
  return [naming.field, shape] as const;
}

const LISTS = Object.fromEntries(NESTED_LISTS.map(defineList));

/** A row's provider; rows only ever come from a provider's lists, so a missing one is a bug. */
function providerOf(row: object): string {
  const uuid = providerOfRow.get(row);
  if (uuid === undefined) throw new Error('A provider list row without its provider');
  return uuid;
}

// "Organizations with their projects" and "users with their organizations" in one request: each
// row's list is read concurrently, within the operation's limits, and costed per row.
builder.objectField(ProviderCustomerRef, 'customerProjects', (t) =>
  t.waldurConnection({
    ...LISTS.customerProjects!,
    description: "This customer's projects that use the provider's resources (Waldur `customer_projects/` with `project_customer_uuid`).",
    reads: ['uuid'],
    request: (c: NestedRow) => ({ parent: providerOf(c), values: { project_customer_uuid: c.uuid } }),
  }),
);

builder.objectField(ProviderUserRef, 'customers', (t) =>
  t.waldurConnection({
    ...LISTS.userCustomers!,
    description: "This user's organizations that use the provider's resources (Waldur `user_customers/` with `user_uuid`).",
    reads: ['uuid'],
    request: (u: NestedRow) => ({ parent: providerOf(u), values: { user_uuid: u.uuid } }),
  }),
);
