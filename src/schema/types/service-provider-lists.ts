import { NESTED_LISTS, filterName, type NestedListSpec } from '../../upstream/resources/service-provider-lists.js';
import { listNested } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { countedConnection } from '../connection.js';
import { filterInput, orderByEnum } from '../filter-input.js';
import { toConnection, upstreamLimit, windowFromArgs } from '../pagination.js';
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

const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function defineList(spec: NestedListSpec) {
  const typeName = `ServiceProvider${pascal(spec.field)}`;
  const required = REQUIRED_ARG[spec.field];
  const filterSpecs = spec.filters.filter((f) => filterName(f) !== required);
  const Filter = filterSpecs.length ? filterInput(`${typeName}Filter`, filterSpecs, `Query parameters of Waldur \`${spec.route}/\`.`) : undefined;
  const OrderBy = spec.ordering.length ? orderByEnum(`${typeName}OrderBy`, spec.ordering, spec.orderingWire === 'ascendingRepeat') : undefined;
  const Connection = countedConnection(ITEM[spec.field]!, typeName);
  builder.objectField(ServiceProviderRef, spec.field, (t) =>
    t.field({
      type: Connection,
      // A missing permission fails this field only (FORBIDDEN); the rest of the query answers.
      nullable: true,
      description: `${spec.doc} Waldur \`${spec.route}/\`.`,
      args: {
        first: t.arg.int(),
        after: t.arg.string(),
        ...(required ? { [required]: t.arg({ type: 'UUID', required: true }) } : {}),
        ...(Filter ? { filter: t.arg({ type: Filter }) } : {}),
        ...(OrderBy ? { orderBy: t.arg({ type: [OrderBy] }) } : {}),
      } as never,
      resolve: async (sp, rawArgs, ctx) => {
        const args = rawArgs as { first?: number | null; after?: string | null; filter?: Record<string, unknown> | null; orderBy?: string[] | null } & Record<string, unknown>;
        const window = windowFromArgs(args);
        const values = { ...(args.filter ?? {}), ...(required ? { [required]: args[required] } : {}) };
        const page = await listNested(ctx.upstream, sp.uuid, spec, values, args.orderBy ? [...new Set(args.orderBy)] : undefined, window.offset, upstreamLimit(window));
        return toConnection(page, window) as never;
      },
    }),
  );
}

for (const spec of NESTED_LISTS) defineList(spec);
