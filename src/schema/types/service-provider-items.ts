import { builder } from '../builder.js';
import { PriceEstimateRef, rowObject } from './row-fields.js';

const priceField = (ref: ReturnType<typeof rowObject>) =>
  builder.objectField(ref, 'billingPriceEstimate', (t) =>
    t.field({ type: PriceEstimateRef, nullable: true, resolve: (r) => (r.billing_price_estimate as Record<string, unknown>) ?? null }),
  );

export const ProviderOfferingRef = rowObject('ProviderOffering', "One of the provider's offerings.", {
  uuid: ['uuid', 'uuid'],
  customerUuid: ['customer_uuid', 'uuid'],
  name: ['name', 'string'],
  slug: ['slug', 'string'],
  categoryTitle: ['category_title', 'string'],
  type: ['type', 'string'],
  state: ['state', 'string', 'Draft, Active, Paused, Archived or Unavailable.'],
  resourcesCount: ['resources_count', 'int'],
  components: ['components', 'json'],
  plans: ['plans', 'json'],
  options: ['options', 'json'],
  resourceOptions: ['resource_options', 'json'],
  secretOptions: ['secret_options', 'json'],
  thumbnail: ['thumbnail', 'url'],
  offeringGroupUuid: ['offering_group_uuid', 'uuid'],
  offeringGroupTitle: ['offering_group_title', 'string'],
  serviceProviderCanCreateOfferingUser: ['service_provider_can_create_offering_user', 'boolean'],
});

const CUSTOMER_FIELDS = {
  uuid: ['uuid', 'uuid'],
  name: ['name', 'string'],
  slug: ['slug', 'string'],
  abbreviation: ['abbreviation', 'string'],
  phoneNumber: ['phone_number', 'string'],
  email: ['email', 'string'],
  paymentProfiles: ['payment_profiles', 'json'],
  projectsCount: ['projects_count', 'int'],
  usersCount: ['users_count', 'int'],
  projects: ['projects', 'json', 'Up to five projects.'],
  users: ['users', 'json', 'Up to five users.'],
} as const;
export const ProviderCustomerRef = rowObject('ProviderCustomer', 'A customer using the provider’s resources.', { ...CUSTOMER_FIELDS });

export const ProviderCustomerProjectRef = rowObject('ProviderCustomerProject', "A customer's project using the provider's resources.", {
  uuid: ['uuid', 'uuid'],
  name: ['name', 'string'],
  description: ['description', 'string'],
  endDate: ['end_date', 'date'],
  resourcesCount: ['resources_count', 'int'],
  usersCount: ['users_count', 'int'],
});

export const ProjectRef = rowObject('Project', "A project using the provider's resources.", {
  url: ['url', 'url'],
  uuid: ['uuid', 'uuid'],
  name: ['name', 'string'],
  slug: ['slug', 'string'],
  customerUrl: ['customer', 'url'],
  customerUuid: ['customer_uuid', 'uuid'],
  customerName: ['customer_name', 'string'],
  customerSlug: ['customer_slug', 'string'],
  customerNativeName: ['customer_native_name', 'string'],
  customerAbbreviation: ['customer_abbreviation', 'string'],
  description: ['description', 'string'],
  created: ['created', 'datetime'],
  typeName: ['type_name', 'string'],
  typeUuid: ['type_uuid', 'uuid'],
  backendId: ['backend_id', 'string'],
  startDate: ['start_date', 'date'],
  endDate: ['end_date', 'date'],
  oecdFos2007Code: ['oecd_fos_2007_code', 'string'],
  oecdFos2007Label: ['oecd_fos_2007_label', 'string'],
  isIndustry: ['is_industry', 'boolean'],
  image: ['image', 'url'],
  resourcesCount: ['resources_count', 'int'],
  maxServiceAccounts: ['max_service_accounts', 'int'],
  kind: ['kind', 'string'],
  isRemoved: ['is_removed', 'boolean'],
  staffNotes: ['staff_notes', 'string'],
  gracePeriodDays: ['grace_period_days', 'int'],
  userEmailPatterns: ['user_email_patterns', 'json'],
  userAffiliations: ['user_affiliations', 'json'],
  userIdentitySources: ['user_identity_sources', 'json'],
  projectCredit: ['project_credit', 'float'],
  marketplaceResourceCount: ['marketplace_resource_count', 'json', 'Resources per category.'],
});

export const ProjectPermissionRef = rowObject('ProjectPermission', 'An active project role of a user.', {
  created: ['created', 'datetime'],
  expirationTime: ['expiration_time', 'datetime'],
  createdByUrl: ['created_by', 'url'],
  createdByFullName: ['created_by_full_name', 'string'],
  createdByUsername: ['created_by_username', 'string'],
  projectUrl: ['project', 'url'],
  projectUuid: ['project_uuid', 'uuid'],
  projectName: ['project_name', 'string'],
  projectCreated: ['project_created', 'datetime'],
  projectEndDate: ['project_end_date', 'datetime'],
  customerUuid: ['customer_uuid', 'uuid'],
  customerName: ['customer_name', 'string'],
  role: ['role', 'string'],
  roleName: ['role_name', 'string'],
  userUrl: ['user', 'url'],
  userFullName: ['user_full_name', 'string'],
  userNativeName: ['user_native_name', 'string'],
  userUsername: ['user_username', 'string'],
  userUuid: ['user_uuid', 'uuid'],
  userEmail: ['user_email', 'string'],
});

export const SshKeyRef = rowObject('SshKey', 'An SSH public key.', {
  url: ['url', 'url'],
  uuid: ['uuid', 'uuid'],
  name: ['name', 'string'],
  publicKey: ['public_key', 'string'],
  fingerprintMd5: ['fingerprint_md5', 'string'],
  fingerprintSha256: ['fingerprint_sha256', 'string'],
  fingerprintSha512: ['fingerprint_sha512', 'string'],
  userUuid: ['user_uuid', 'uuid'],
  isShared: ['is_shared', 'boolean'],
  type: ['type', 'string'],
});

export const ProviderUserRef = rowObject('ProviderUser', 'A user of the provider’s resources; personal attributes only where its offerings expose them.', {
  uuid: ['uuid', 'uuid'],
  username: ['username', 'string'],
  fullName: ['full_name', 'string'],
  firstName: ['first_name', 'string'],
  lastName: ['last_name', 'string'],
  organization: ['organization', 'string'],
  email: ['email', 'string'],
  phoneNumber: ['phone_number', 'string'],
  projectsCount: ['projects_count', 'int'],
  registrationMethod: ['registration_method', 'string'],
  affiliations: ['affiliations', 'json'],
  isActive: ['is_active', 'boolean'],
  jobTitle: ['job_title', 'string'],
  gender: ['gender', 'string'],
  personalTitle: ['personal_title', 'string'],
  placeOfBirth: ['place_of_birth', 'string'],
  countryOfResidence: ['country_of_residence', 'string'],
  nationality: ['nationality', 'string'],
  nationalities: ['nationalities', 'json'],
  organizationCountry: ['organization_country', 'string'],
  organizationType: ['organization_type', 'string'],
  organizationRegistryCode: ['organization_registry_code', 'string'],
  eduPersonAssurance: ['eduperson_assurance', 'json'],
  civilNumber: ['civil_number', 'string'],
  birthDate: ['birth_date', 'date'],
  identitySource: ['identity_source', 'string'],
  activeIsds: ['active_isds', 'json'],
});

const ACCOUNT = {
  url: ['url', 'url'],
  uuid: ['uuid', 'uuid'],
  created: ['created', 'datetime'],
  modified: ['modified', 'datetime'],
  username: ['username', 'string'],
  description: ['description', 'string'],
  errorMessage: ['error_message', 'string'],
  errorTraceback: ['error_traceback', 'string'],
  state: ['state', 'string', 'OK, Closed or Erred.'],
  email: ['email', 'string'],
  projectUuid: ['project_uuid', 'uuid'],
  projectName: ['project_name', 'string'],
  customerUuid: ['customer_uuid', 'uuid'],
  customerName: ['customer_name', 'string'],
} as const;

export const ProjectServiceAccountRef = rowObject('ProjectServiceAccount', 'A service account of a project.', {
  ...ACCOUNT,
  expiresAt: ['expires_at', 'string'],
  preferredIdentifier: ['preferred_identifier', 'string'],
  customerAbbreviation: ['customer_abbreviation', 'string'],
});

export const CourseAccountRef = rowObject('CourseAccount', 'A course participant account in a project.', {
  ...ACCOUNT,
  projectSlug: ['project_slug', 'string'],
  projectStartDate: ['project_start_date', 'date'],
  projectEndDate: ['project_end_date', 'date'],
  userUuid: ['user_uuid', 'uuid'],
});

export const TeamMemberRef = rowObject('ServiceProviderTeamMember', 'A role on the service-provider scope.', {
  uuid: ['uuid', 'uuid'],
  created: ['created', 'datetime'],
  expirationTime: ['expiration_time', 'datetime', 'Null means permanent.'],
  roleName: ['role_name', 'string'],
  roleUuid: ['role_uuid', 'uuid'],
  userEmail: ['user_email', 'string'],
  userFullName: ['user_full_name', 'string'],
  userUsername: ['user_username', 'string'],
  userUuid: ['user_uuid', 'uuid'],
  userImage: ['user_image', 'url'],
  createdByFullName: ['created_by_full_name', 'string'],
  createdByUuid: ['created_by_uuid', 'uuid'],
});

export const NameUuidRef = rowObject('NamedReference', 'A name and a UUID (robot-account customers and projects).', {
  uuid: ['uuid', 'uuid'],
  name: ['name', 'string'],
});

for (const ref of [ProviderOfferingRef, ProviderCustomerRef, ProviderCustomerProjectRef, ProjectRef]) priceField(ref);
