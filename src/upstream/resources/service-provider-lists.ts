import { filter as f, type FilterSpec, type ListSpec } from '../list-spec.js';
import { uuidSegment } from '../uuid.js';

/**
 * The nested list routes of a service provider. Each is a ListSpec (see list-spec.ts) plus the
 * name of its GraphQL connection field on ServiceProvider.
 */
export interface NestedListSpec extends ListSpec {
  /** GraphQL connection field on ServiceProvider. */
  field: string;
  /** Route below /marketplace-service-providers/{uuid}/. */
  route: string;
  doc: string;
}

const below = (route: string) => (providerUuid: string) => `marketplace-service-providers/${uuidSegment(providerUuid)}/${route}/`;
type Entry = Omit<NestedListSpec, 'path'>;

const createdModified = [
  f('created', 'datetime', { name: 'createdAfter', doc: 'Created on or after.' }),
  f('modified', 'datetime', { name: 'modifiedAfter', doc: 'Modified on or after.' }),
];

const CUSTOMER_FILTERS = [
  f('abbreviation', 'string'),
  f('agreement_number', 'string'),
  f('archived', 'boolean'),
  f('backend_id', 'string'),
  f('contact_details', 'string'),
  f('current_user_has_project_create_permission', 'boolean'),
  f('name', 'string', { doc: 'Name contains (case-insensitive).' }),
  f('name_exact', 'string'),
  f('native_name', 'string'),
  f('organization_group_name', 'string'),
  f('organization_group_uuid', 'uuidRepeat'),
  f('owned_by_current_user', 'boolean'),
  f('query', 'string', { doc: 'Search over name, abbreviation and other identifiers.' }),
  f('registration_code', 'string'),
];

const PROJECT_FILTERS = [
  f('backend_id', 'string'),
  f('can_admin', 'boolean'),
  f('can_manage', 'boolean'),
  f('conceal_finished_projects', 'boolean'),
  ...createdModified,
  f('customer', 'uuidCsv', { name: 'customerUuids', doc: 'Projects of any of these customers.' }),
  f('customer_abbreviation', 'string'),
  f('customer_name', 'string'),
  f('customer_native_name', 'string'),
  f('description', 'string'),
  f('is_removed', 'boolean'),
  f('name', 'string', { doc: 'Name contains (case-insensitive).' }),
  f('name_exact', 'string'),
  f('query', 'string'),
  f('slug', 'string'),
];
const PROJECT_ORDERING = ['created', 'customer_abbreviation', 'customer_name', 'customer_native_name', 'end_date', 'estimated_cost', 'name', 'start_date'];
const ACCOUNT_STATES = f('state', 'stringRepeat', { doc: 'Any of: OK, Closed, Erred.', oneOf: ['OK', 'Closed', 'Erred'] });

const ENTRIES: Entry[] = [
  {
    field: 'offerings',
    route: 'offerings',
    doc: "The provider's shared, billable offerings. Needs no special permission.",
    sparse: true,
    ordering: ['created', 'name', 'state', 'total_cost', 'total_cost_estimated', 'total_customers', 'type'],
    filters: [
      f('accessible_via_calls', 'boolean'),
      f('allowed_customer_uuid', 'uuid'),
      f('attributes', 'string', { doc: 'JSON-encoded attribute filter, passed through.' }),
      f('billable', 'boolean'),
      f('can_create_offering_user', 'boolean'),
      f('category_group_uuid', 'uuid'),
      f('category_uuid', 'uuid'),
      ...createdModified,
      f('customer', 'url'),
      f('customer_uuid', 'uuid'),
      f('description', 'string'),
      f('has_active_terms_of_service', 'boolean'),
      f('has_terms_of_service', 'boolean'),
      f('keyword', 'string'),
      f('name', 'string'),
      f('name_exact', 'string'),
      f('organization_group_uuid', 'uuid'),
      f('parent_uuid', 'uuid'),
      f('project_uuid', 'uuid'),
      f('query', 'string'),
      f('resource_customer_uuid', 'uuid'),
      f('resource_project_uuid', 'uuid'),
      f('scope_uuid', 'string'),
      f('service_manager_uuid', 'uuid'),
      f('shared', 'boolean'),
      f('state', 'stringRepeat', {
        doc: 'Any of: Draft, Active, Paused, Archived, Unavailable.',
        oneOf: ['Draft', 'Active', 'Paused', 'Archived', 'Unavailable'],
      }),
      f('tag', 'uuidRepeat'),
      f('tag_name', 'stringRepeat'),
      f('tag_names_and', 'string'),
      f('tags_and', 'string'),
      f('type', 'stringRepeat'),
      f('user_has_consent', 'boolean'),
      f('user_has_offering_user', 'boolean'),
      f('uuid_list', 'uuidCsv', { doc: 'Only these offerings.' }),
    ],
  },
  {
    field: 'customers',
    route: 'customers',
    doc: 'Customers with projects that use the provider’s resources.',
    sparse: true,
    ordering: [],
    filters: CUSTOMER_FILTERS,
  },
  {
    field: 'customerProjects',
    route: 'customer_projects',
    doc: "One customer's projects that use the provider's resources.",
    sparse: true,
    ordering: PROJECT_ORDERING,
    filters: [f('project_customer_uuid', 'uuid', { name: 'customerUuid', doc: 'Required: the customer whose projects to list.' }), ...PROJECT_FILTERS],
  },
  {
    field: 'projects',
    route: 'projects',
    doc: "Projects that use the provider's resources.",
    sparse: true,
    ordering: PROJECT_ORDERING,
    filters: PROJECT_FILTERS,
  },
  {
    field: 'projectPermissions',
    route: 'project_permissions',
    doc: 'Active project roles of active users in those projects.',
    sparse: true,
    ordering: ['created', 'email', 'expiration_time', 'full_name', 'native_name', 'role', 'username'],
    filters: [
      ...createdModified,
      f('expiration_time', 'datetime'),
      f('full_name', 'string'),
      f('native_name', 'string'),
      f('role_name', 'string'),
      f('role_uuid', 'uuid'),
      f('scope_name', 'string'),
      f('scope_type', 'string'),
      f('scope_uuid', 'string'),
      f('user', 'uuid', { name: 'userUuid' }),
      f('user_slug', 'string'),
      f('user_url', 'url'),
      f('username', 'string'),
    ],
  },
  {
    field: 'sshKeys',
    route: 'keys',
    doc: 'SSH public keys of users with project roles in those projects.',
    sparse: true,
    ordering: ['name'],
    filters: [
      ...createdModified,
      f('fingerprint_md5', 'string'),
      f('fingerprint_sha256', 'string'),
      f('fingerprint_sha512', 'string'),
      f('is_shared', 'boolean'),
      f('name', 'string'),
      f('name_exact', 'string'),
      f('user_uuid', 'uuid'),
      f('uuid', 'uuid'),
    ],
  },
  {
    field: 'users',
    route: 'users',
    doc: 'Users with project roles in those projects (attributes limited to what the offerings expose).',
    sparse: true,
    ordering: [
      'description',
      'email',
      'full_name',
      'is_active',
      'is_staff',
      'is_support',
      'job_title',
      'native_name',
      'organization',
      'phone_number',
      'registration_method',
      'username',
    ],
    filters: [
      f('agreement_date', 'datetime'),
      f('civil_number', 'string'),
      f('customer_uuid', 'uuid'),
      f('date_joined', 'datetime'),
      f('description', 'string'),
      f('email', 'string'),
      f('full_name', 'string'),
      f('is_active', 'boolean'),
      f('is_staff', 'boolean'),
      f('is_support', 'boolean'),
      f('job_title', 'string'),
      f('modified', 'datetime', { name: 'modifiedAfter' }),
      f('native_name', 'string'),
      f('organization', 'string'),
      f('organization_roles', 'string'),
      f('phone_number', 'string'),
      f('project_roles', 'string'),
      f('project_uuid', 'uuid'),
      f('query', 'string'),
      f('registration_method', 'string'),
      f('user_keyword', 'string'),
      f('username', 'string'),
      f('username_list', 'stringCsv'),
    ],
  },
  {
    field: 'userCustomers',
    route: 'user_customers',
    doc: "Customers linked to one user that also use the provider's resources.",
    sparse: true,
    ordering: [],
    filters: [f('user_uuid', 'uuid', { doc: 'Required: the user.' }), ...CUSTOMER_FILTERS],
  },
  {
    field: 'projectServiceAccounts',
    route: 'project_service_accounts',
    doc: 'Project service accounts with a username, in projects using the provider.',
    ordering: [],
    filters: [f('email', 'string'), f('project', 'url'), f('project_uuid', 'uuid'), ACCOUNT_STATES, f('username', 'string')],
  },
  {
    field: 'courseAccounts',
    route: 'course_accounts',
    doc: 'Course accounts with a user, in projects using the provider.',
    ordering: ['created', 'email', 'modified', 'project_end_date', 'project_name', 'project_start_date', 'state', 'username'],
    filters: [
      f('email', 'string'),
      f('project_end_date_after', 'date'),
      f('project_end_date_before', 'date'),
      f('project_start_date_after', 'date'),
      f('project_start_date_before', 'date'),
      f('project_uuid', 'uuid'),
      ACCOUNT_STATES,
      f('username', 'string'),
    ],
  },
  {
    field: 'teamMembers',
    route: 'list_users',
    doc: "The provider's team: roles on the service-provider scope.",
    sparse: true,
    ordering: ['created', 'email', 'expiration_time', 'full_name', 'native_name', 'role', 'username'],
    orderingWire: 'ascendingRepeat',
    filters: [
      f('full_name', 'string'),
      f('native_name', 'string'),
      f('role', 'string', { doc: 'Role name or UUID.' }),
      f('search_string', 'string'),
      f('user', 'uuid', { name: 'userUuid' }),
      f('user_slug', 'string'),
      f('user_url', 'string'),
      f('username', 'string'),
    ],
  },
  {
    field: 'robotAccountCustomers',
    route: 'robot_account_customers',
    doc: 'Customers with robot accounts on the provider’s resources.',
    ordering: [],
    filters: [f('customer_name', 'string')],
  },
  {
    field: 'robotAccountProjects',
    route: 'robot_account_projects',
    doc: 'Projects with robot accounts on the provider’s resources.',
    ordering: [],
    filters: [f('project_name', 'string')],
  },
];

export const NESTED_LISTS: NestedListSpec[] = ENTRIES.map((e) => ({ ...e, path: below(e.route) }));

/** The provider's offerings by UUID: the route also takes the customer's UUID in place of the provider's. */
export const PROVIDER_OFFERINGS = NESTED_LISTS.find((l) => l.route === 'offerings')!;

/** Compliance lists below the provider (each its own GraphQL field on ServiceProviderCompliance). */
export const COMPLIANCE = {
  overview: { path: below('compliance/compliance_overview'), filters: [] as FilterSpec[], ordering: [] },
  offeringUsers: { path: below('compliance/offering_users'), filters: [f('offering_uuid', 'uuid'), f('compliance_status', 'string')], ordering: [] },
  checklistsSummary: { path: below('compliance/checklists_summary'), filters: [] as FilterSpec[], ordering: [] },
} satisfies Record<string, ListSpec>;
