import { filter as f, type FilterSpec, type ListSpec } from '../list-spec.js';
import { uuidSegment } from '../uuid.js';

/** The nested list routes of a service provider: each a ListSpec (see list-spec.ts) and its route. */
export interface NestedListSpec extends ListSpec {
  /** Route below /marketplace-service-providers/{uuid}/. */
  route: string;
}

const below = (route: string) => (providerUuid: string) => `marketplace-service-providers/${uuidSegment(providerUuid)}/${route}/`;
type Entry = Omit<NestedListSpec, 'path'>;

const createdModified = [f('created', 'datetime'), f('modified', 'datetime')];

const CUSTOMER_FILTERS = [
  f('abbreviation', 'string'),
  f('agreement_number', 'string'),
  f('archived', 'boolean'),
  f('backend_id', 'string'),
  f('contact_details', 'string'),
  f('current_user_has_project_create_permission', 'boolean'),
  f('name', 'string'),
  f('name_exact', 'string'),
  f('native_name', 'string'),
  f('organization_group_name', 'string'),
  f('organization_group_uuid', 'uuidRepeat'),
  f('owned_by_current_user', 'boolean'),
  f('query', 'string'),
  f('registration_code', 'string'),
];

const PROJECT_FILTERS = [
  f('backend_id', 'string'),
  f('can_admin', 'boolean'),
  f('can_manage', 'boolean'),
  f('conceal_finished_projects', 'boolean'),
  ...createdModified,
  f('customer', 'uuidCsv'),
  f('customer_abbreviation', 'string'),
  f('customer_name', 'string'),
  f('customer_native_name', 'string'),
  f('description', 'string'),
  f('is_removed', 'boolean'),
  f('name', 'string'),
  f('name_exact', 'string'),
  f('query', 'string'),
  f('slug', 'string'),
];
const PROJECT_ORDERING = ['created', 'customer_abbreviation', 'customer_name', 'customer_native_name', 'end_date', 'estimated_cost', 'name', 'start_date'];
const ACCOUNT_STATES = f('state', 'stringRepeat', { oneOf: ['OK', 'Closed', 'Erred'] });

const ENTRIES: Entry[] = [
  {
    route: 'offerings',
    sparse: true,
    ordering: ['created', 'name', 'state', 'total_cost', 'total_cost_estimated', 'total_customers', 'type'],
    filters: [
      f('accessible_via_calls', 'boolean'),
      f('allowed_customer_uuid', 'uuid'),
      f('attributes', 'string'),
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
        oneOf: ['Draft', 'Active', 'Paused', 'Archived', 'Unavailable'],
      }),
      f('tag', 'uuidRepeat'),
      f('tag_name', 'stringRepeat'),
      f('tag_names_and', 'string'),
      f('tags_and', 'string'),
      f('type', 'stringRepeat'),
      f('user_has_consent', 'boolean'),
      f('user_has_offering_user', 'boolean'),
      f('uuid_list', 'uuidCsv'),
    ],
  },
  {
    route: 'customers',
    sparse: true,
    ordering: [],
    filters: CUSTOMER_FILTERS,
  },
  {
    route: 'customer_projects',
    sparse: true,
    ordering: PROJECT_ORDERING,
    filters: [f('project_customer_uuid', 'uuid'), ...PROJECT_FILTERS],
  },
  {
    route: 'projects',
    sparse: true,
    ordering: PROJECT_ORDERING,
    filters: PROJECT_FILTERS,
  },
  {
    route: 'project_permissions',
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
      f('user', 'uuid'),
      f('user_slug', 'string'),
      f('user_url', 'url'),
      f('username', 'string'),
    ],
  },
  {
    route: 'keys',
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
    route: 'users',
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
      f('modified', 'datetime'),
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
    route: 'user_customers',
    sparse: true,
    ordering: [],
    filters: [f('user_uuid', 'uuid'), ...CUSTOMER_FILTERS],
  },
  {
    route: 'project_service_accounts',
    ordering: [],
    filters: [f('email', 'string'), f('project', 'url'), f('project_uuid', 'uuid'), ACCOUNT_STATES, f('username', 'string')],
  },
  {
    route: 'course_accounts',
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
    route: 'list_users',
    sparse: true,
    ordering: ['created', 'email', 'expiration_time', 'full_name', 'native_name', 'role', 'username'],
    orderingWire: 'ascendingRepeat',
    filters: [
      f('full_name', 'string'),
      f('native_name', 'string'),
      f('role', 'string'),
      f('search_string', 'string'),
      f('user', 'uuid'),
      f('user_slug', 'string'),
      f('user_url', 'string'),
      f('username', 'string'),
    ],
  },
  {
    route: 'robot_account_customers',
    ordering: [],
    filters: [f('customer_name', 'string')],
  },
  {
    route: 'robot_account_projects',
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
