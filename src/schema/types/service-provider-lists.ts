import { filterName } from '../../upstream/list-spec.js';
import { NESTED_LISTS, type NestedListSpec } from '../../upstream/resources/service-provider-lists.js';
import type { ServiceProviderDto } from '../../upstream/resources/service-providers.js';
import { builder, pascal } from '../builder.js';
import { connection, filterInput, listField, orderByEnum } from '../list-field.js';
import type { rowObject } from './row-fields.js';
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
} from './service-provider-items.js';
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

function defineList(spec: NestedListSpec) {
  const typeName = `ServiceProvider${pascal(spec.field)}`;
  const required = REQUIRED_ARG[spec.field];
  const filters = spec.filters.filter((f) => filterName(f) !== required);
  builder.objectField(ServiceProviderRef, spec.field, (t) =>
    listField(t, {
      type: connection(ITEM[spec.field]!, typeName),
      list: spec,
      description: `${spec.doc} Waldur \`${spec.route}/\`.`,
      filter: filters.length ? filterInput(`${typeName}Filter`, filters, `Query parameters of Waldur \`${spec.route}/\`.`) : undefined,
      orderBy: spec.ordering.length ? orderByEnum(`${typeName}OrderBy`, spec) : undefined,
      args: required ? { [required]: t.arg({ type: 'UUID', required: true }) } : {},
      request: (sp: ServiceProviderDto, args) => ({ parent: sp.uuid, values: required ? { [required]: args[required] } : {} }),
    }),
  );
}

for (const spec of NESTED_LISTS) defineList(spec);
