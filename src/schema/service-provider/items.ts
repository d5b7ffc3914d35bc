import type { NestedRow } from '../../upstream/resources/service-providers.js';
import { builder } from '../builder.js';
import { PriceEstimateRef, rowObject } from '../row-fields.js';

export const ProviderOfferingRef = rowObject(
  'ProviderOffering',
  "One of the provider's offerings.",
  {
    uuid: 'uuid customer_uuid offering_group_uuid',
    string: 'name slug category_title type state offering_group_title',
    int: 'resources_count',
    json: 'components plans options resource_options secret_options',
    url: 'thumbnail',
    boolean: 'service_provider_can_create_offering_user',
  },
  { state: 'Draft, Active, Paused, Archived or Unavailable.' },
);

export const ProviderCustomerRef = rowObject('ProviderCustomer', 'A customer using the provider’s resources.', {
  uuid: 'uuid',
  string: 'name slug abbreviation phone_number email',
  json: 'payment_profiles',
  int: 'projects_count users_count',
});

const CustomerUserPreviewRef = rowObject('ProviderCustomerUserPreview', 'One of the users a customer row previews.', {
  uuid: 'uuid',
  string: 'full_name email',
  url: 'image',
});
const CustomerProjectPreviewRef = rowObject('ProviderCustomerProjectPreview', 'One of the projects a customer row previews.', {
  uuid: 'uuid',
  string: 'name',
  url: 'image',
});

builder.objectFields(ProviderCustomerRef, (t) => ({
  users: t.field({
    type: [CustomerUserPreviewRef],
    nullable: true,
    description: 'Up to five of its users, as Waldur previews them (all of a user’s organizations: `ServiceProvider.users { customers }`).',
    extensions: { rest: ['users'] },
    resolve: (r) => (Array.isArray(r.users) ? (r.users as NestedRow[]) : null),
  }),
  projects: t.field({
    type: [CustomerProjectPreviewRef],
    nullable: true,
    description: 'Up to five of its projects, as Waldur previews them (all of them, paged: `customerProjects`).',
    extensions: { rest: ['projects'] },
    resolve: (r) => (Array.isArray(r.projects) ? (r.projects as NestedRow[]) : null),
  }),
}));

export const ProviderCustomerProjectRef = rowObject('ProviderCustomerProject', "A customer's project using the provider's resources.", {
  uuid: 'uuid',
  string: 'name description',
  date: 'end_date',
  int: 'resources_count users_count',
});

export const ProjectRef = rowObject(
  'Project',
  "A project using the provider's resources.",
  {
    url: 'url customer:customerUrl image type:typeUrl end_date_requested_by:endDateRequestedByUrl',
    uuid: 'uuid customer_uuid type_uuid',
    string:
      'name slug customer_name customer_slug customer_native_name customer_abbreviation description type_name backend_id oecd_fos_2007_code oecd_fos_2007_label kind staff_notes',
    datetime: 'created',
    date: 'start_date end_date',
    boolean: 'is_industry is_removed customer_display_billing_info_in_projects',
    int: 'resources_count max_service_accounts grace_period_days',
    json: 'user_email_patterns user_affiliations user_identity_sources marketplace_resource_count termination_metadata',
    float: 'project_credit',
  },
  {
    marketplaceResourceCount: 'Resources per category.',
    typeUrl: 'The project type (Waldur `type`, a URL; its name is `typeName`).',
    endDateRequestedByUrl: 'The user who asked for the end date.',
    terminationMetadata: 'How the project was terminated, when it was.',
  },
);

export const ProjectPermissionRef = rowObject('ProjectPermission', 'An active project role of a user.', {
  datetime: 'created expiration_time project_created project_end_date',
  url: 'created_by:createdByUrl project:projectUrl user:userUrl',
  string: 'created_by_full_name created_by_username project_name customer_name role role_name user_full_name user_native_name user_username user_email',
  uuid: 'project_uuid customer_uuid user_uuid',
});

export const SshKeyRef = rowObject('SshKey', 'An SSH public key.', {
  url: 'url',
  uuid: 'uuid user_uuid',
  string: 'name public_key fingerprint_md5 fingerprint_sha256 fingerprint_sha512 type',
  boolean: 'is_shared',
});

export const ProviderUserRef = rowObject('ProviderUser', 'A user of the provider’s resources; personal attributes only where its offerings expose them.', {
  uuid: 'uuid',
  string:
    'username full_name first_name last_name organization email phone_number registration_method job_title gender personal_title place_of_birth country_of_residence nationality organization_country organization_type organization_registry_code civil_number identity_source',
  int: 'projects_count',
  json: 'affiliations nationalities eduperson_assurance:eduPersonAssurance active_isds',
  boolean: 'is_active',
  date: 'birth_date',
});

const ACCOUNT = 'username description error_message error_traceback state email project_name customer_name';
const accountOf = (extra: { string?: string; uuid?: string; date?: string }) => ({
  url: 'url',
  uuid: `uuid project project_uuid customer_uuid${extra.uuid ? ` ${extra.uuid}` : ''}`,
  datetime: 'created modified',
  string: `${ACCOUNT} ${extra.string}`,
  ...(extra.date ? { date: extra.date } : {}),
});
const ACCOUNT_DOCS = { state: 'OK, Closed or Erred.', project: "Waldur's `project` key: the project's UUID (the same as `projectUuid`)." };

export const ProjectServiceAccountRef = rowObject(
  'ProjectServiceAccount',
  'A service account of a project.',
  accountOf({ string: 'expires_at preferred_identifier customer_abbreviation token' }),
  {
    ...ACCOUNT_DOCS,
    token: 'The service account’s API token, where Waldur shows it to the caller. A secret: the gateway never logs answers.',
  },
);

export const CourseAccountRef = rowObject(
  'CourseAccount',
  'A course participant account in a project.',
  accountOf({ string: 'project_slug', date: 'project_start_date project_end_date', uuid: 'user_uuid' }),
  ACCOUNT_DOCS,
);

export const TeamMemberRef = rowObject(
  'ServiceProviderTeamMember',
  'A role on the service-provider scope.',
  {
    uuid: 'uuid role_uuid user_uuid created_by_uuid',
    datetime: 'created expiration_time',
    string: 'role_name user_email user_full_name user_username created_by_full_name',
    url: 'user_image',
  },
  { expirationTime: 'Null means permanent.' },
);

export const NameUuidRef = rowObject('NamedReference', 'A name and a UUID (robot-account customers and projects).', { uuid: 'uuid', string: 'name' });

for (const ref of [ProviderOfferingRef, ProviderCustomerRef, ProviderCustomerProjectRef, ProjectRef]) {
  builder.objectField(ref, 'billingPriceEstimate', (t) =>
    t.field({
      type: PriceEstimateRef,
      nullable: true,
      extensions: { rest: ['billing_price_estimate'] },
      resolve: (r) => (r.billing_price_estimate as Record<string, unknown>) ?? null,
    }),
  );
}
