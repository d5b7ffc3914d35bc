import { filterName } from '../../upstream/list-spec.js';
import { NESTED_LISTS, type NestedListSpec } from '../../upstream/resources/service-provider-lists.js';
import type { NestedRow, ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder, pascal } from '../builder.js';
import { connection, filterInput, orderByEnum } from '../list-field.js';
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
const REQUIRED_ARG: Record<string, string> = { customerProjects: 'customerUuid', userCustomers: 'userUuid' };

/**
 * The provider each nested-list row was read under: a customer's projects and a user's customers
 * are lists of that provider too, so a row's own expansion needs it (rows are Waldur's objects,
 * tagged here rather than copied).
 */
const providerOfRow = new WeakMap<object, string>();

function defineList(spec: NestedListSpec) {
  const typeName = `ServiceProvider${pascal(spec.field)}`;
  const required = REQUIRED_ARG[spec.field];
  const filters = spec.filters.filter((f) => filterName(f) !== required);
  const shape = {
    type: connection(ITEM[spec.field]!, typeName),
    list: spec,
    filter: filters.length ? filterInput(`${typeName}Filter`, filters, `Query parameters of Waldur \`${spec.route}/\`.`) : undefined,
    orderBy: spec.ordering.length ? orderByEnum(`${typeName}OrderBy`, spec) : undefined,
  };
  builder.objectField(ServiceProviderRef, spec.field, (t) =>
    t.waldurConnection({
      ...shape,
      description: `${spec.doc} Waldur \`${spec.route}/\`.`,
      args: required ? { [required]: t.arg({ type: 'UUID', required: true }) } : {},
      reads: ['uuid'],
      request: (sp: ServiceProviderDto, args) => ({ parent: sp.uuid, values: required ? { [required]: args[required] } : {} }),
      onRows: (sp: ServiceProviderDto, rows) => {
        for (const row of rows) if (row && typeof row === 'object') providerOfRow.set(row, sp.uuid);
      },
    }),
  );
  return shape;
}

const LISTS = Object.fromEntries(NESTED_LISTS.map((spec) => [spec.field, defineList(spec)]));

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
    request: (c: NestedRow) => ({ parent: providerOf(c), values: { customerUuid: c.uuid } }),
  }),
);

builder.objectField(ProviderUserRef, 'customers', (t) =>
  t.waldurConnection({
    ...LISTS.userCustomers!,
    description: "This user's organizations that use the provider's resources (Waldur `user_customers/` with `user_uuid`).",
    reads: ['uuid'],
    request: (u: NestedRow) => ({ parent: providerOf(u), values: { userUuid: u.uuid } }),
  }),
);
