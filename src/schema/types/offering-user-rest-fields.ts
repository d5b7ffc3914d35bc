/**
 * Which Waldur fields each OfferingUser field reads. Used to push a GraphQL selection down to
 * Waldur's `field=` sparse fieldsets; a field absent from this table disables the push-down.
 */
const USER_FIELDS = [
  'user', 'user_uuid', 'user_username', 'user_full_name', 'user_first_name', 'user_last_name', 'user_email', 'user_phone_number',
  'user_organization', 'user_job_title', 'user_affiliations', 'user_gender', 'user_personal_title', 'user_place_of_birth',
  'user_country_of_residence', 'user_nationality', 'user_nationalities', 'user_organization_country', 'user_organization_type',
  'user_organization_registry_code', 'user_eduperson_assurance', 'user_civil_number', 'user_birth_date', 'user_identity_source', 'user_active_isds',
];
const CHECKLIST = ['uuid', 'has_compliance_checklist'];

export const OFFERING_USER_REST_FIELDS: Record<string, readonly string[]> = {
  id: ['uuid'],
  uuid: ['uuid'],
  url: ['url'],
  username: ['username'],
  state: ['state'],
  allowedTransitions: ['state'],
  isRestricted: ['is_restricted'],
  serviceProviderComment: ['service_provider_comment'],
  serviceProviderCommentUrl: ['service_provider_comment_url'],
  hasConsent: ['has_consent'],
  requiresReconsent: ['requires_reconsent'],
  hasComplianceChecklist: ['has_compliance_checklist'],
  consentData: ['consent_data'],
  isProfileComplete: ['is_profile_complete'],
  missingProfileAttributes: ['missing_profile_attributes'],
  created: ['created'],
  modified: ['modified'],
  user: USER_FIELDS,
  offering: ['offering', 'offering_uuid', 'offering_name'],
  customer: ['customer_uuid', 'customer_name'],
  consent: ['user_uuid', 'offering_uuid'],
  checklist: CHECKLIST,
  checklistReview: CHECKLIST,
  completionStatus: CHECKLIST,
  completionReviewStatus: CHECKLIST,
  serviceProvider: ['customer_uuid'],
  offeringDetails: ['customer_uuid', 'offering_uuid'],
};

/** Always asked for: identity and what the type check looks at. */
export const OFFERING_USER_ALWAYS = ['uuid', 'offering_uuid'];
