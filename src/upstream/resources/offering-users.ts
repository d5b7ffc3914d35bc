import { checkShape, isDescribedBy, type Shape } from '../shape.js';
import { uuidSegment, wireUuid } from '../uuid.js';
import type { UpstreamSession } from '../session.js';
import { filter, type ListSpec } from '../list-spec.js';
import { Query } from '../query.js';

export const OFFERING_USER_STATES = [
  'Requested',
  'Creating',
  'Pending account linking',
  'Pending additional validation',
  'OK',
  'Requested deletion',
  'Deleting',
  'Deleted',
  'Error creating',
  'Error deleting',
] as const;
export type OfferingUserStateLabel = (typeof OFFERING_USER_STATES)[number];

/** The REST object as Waldur 8.0.5 sends it; personal `user_*` attributes appear only when exposed. */
export interface OfferingUserDto {
  url: string;
  uuid: string;
  user: string;
  offering: string;
  username: string | null;
  offering_uuid: string;
  offering_name: string;
  user_uuid: string;
  user_username?: string;
  user_full_name?: string;
  user_first_name?: string;
  user_last_name?: string;
  user_email?: string;
  user_phone_number?: string;
  user_organization?: string;
  user_job_title?: string;
  user_affiliations?: string[];
  user_gender?: string | null;
  user_personal_title?: string;
  user_place_of_birth?: string;
  user_country_of_residence?: string;
  user_nationality?: string;
  user_nationalities?: string[];
  user_organization_country?: string;
  user_organization_type?: string;
  user_organization_registry_code?: string;
  user_eduperson_assurance?: string[];
  user_civil_number?: string | null;
  user_birth_date?: string | null;
  user_identity_source?: string;
  user_active_isds?: string[];
  created: string;
  modified: string;
  customer_uuid: string;
  customer_name: string;
  is_restricted: boolean;
  state: OfferingUserStateLabel;
  service_provider_comment: string;
  service_provider_comment_url: string;
  has_consent: boolean;
  requires_reconsent: boolean;
  has_compliance_checklist: boolean;
  consent_data: { uuid?: string; version?: string; agreement_date?: string | null } | null;
  is_profile_complete: boolean;
  missing_profile_attributes: string[];
}

const BASE = 'marketplace-offering-users/';
const detail = (uuid: string) => `${BASE}${uuidSegment(uuid)}/`;

/** The fields the schema layer relies on (sparse fieldsets may leave others out). */
const SHAPE: Shape = {
  uuid: { type: 'string', required: true },
  state: { type: 'string', oneOf: OFFERING_USER_STATES },
  offering_uuid: { type: 'string' },
  user_uuid: { type: 'string' },
  customer_uuid: { type: 'string' },
  username: { type: 'string', nullable: true },
  is_restricted: { type: 'boolean' },
  has_consent: { type: 'boolean' },
  requires_reconsent: { type: 'boolean' },
  has_compliance_checklist: { type: 'boolean' },
  created: { type: 'string' },
  modified: { type: 'string' },
};

const f = filter;

/** A row the offering-user description checked (a list, a read, a write, or a live event's row). */
export const isOfferingUser = (row: unknown): row is OfferingUserDto => isDescribedBy(row, SHAPE);

/** A live event's row (read with the subscription's `field=`), checked like any other. */
export const offeringUserRow = (row: unknown): OfferingUserDto => checkShape(row, SHAPE, 'offering user event');

export const OFFERING_USER_LIST: ListSpec = {
  detail,
  path: BASE,
  sparse: true,
  rows: { shape: SHAPE, operation: 'marketplace_offering_users_list' },
  ordering: ['created', 'modified', 'username'],
  filters: [
    f('offering', 'url'),
    f('offering_uuid', 'uuidCsv'),
    f('offering_slug', 'stringCsv'),
    f('parent_offering_uuid', 'uuid'),
    f('user_uuid', 'uuid'),
    f('user_username', 'string'),
    f('provider_uuid', 'uuid'),
    f('is_restricted', 'boolean'),
    f('state', 'stringRepeat', { oneOf: OFFERING_USER_STATES }),
    f('has_consent', 'boolean'),
    f('has_complete_profile', 'boolean'),
    f('created', 'datetime'),
    f('modified', 'datetime'),
    f('query', 'string'),
  ],
};

export async function getOfferingUser(s: UpstreamSession, uuid: string, fields?: string[]): Promise<OfferingUserDto> {
  return checkShape(
    (await s.request<OfferingUserDto>({ method: 'GET', path: detail(uuid), query: new Query().repeat('field', fields) })).data,
    SHAPE,
    'marketplace_offering_users_retrieve',
  );
}

export interface OfferingUserWrite {
  offering_uuid?: string;
  user_uuid?: string;
  offering?: string;
  user?: string;
  username?: string | null;
}

const writeBody = (w: OfferingUserWrite): OfferingUserWrite => ({
  ...w,
  ...(w.offering_uuid ? { offering_uuid: wireUuid(w.offering_uuid) } : {}),
  ...(w.user_uuid ? { user_uuid: wireUuid(w.user_uuid) } : {}),
});

export async function createOfferingUser(s: UpstreamSession, body: OfferingUserWrite): Promise<OfferingUserDto> {
  return checkShape((await s.request<OfferingUserDto>({ method: 'POST', path: BASE, body: writeBody(body) })).data, SHAPE, 'marketplace_offering_users_create');
}

export async function updateOfferingUser(s: UpstreamSession, uuid: string, body: OfferingUserWrite, method: 'PATCH' | 'PUT'): Promise<OfferingUserDto> {
  return checkShape(
    (await s.request<OfferingUserDto>({ method, path: detail(uuid), body: writeBody(body) })).data,
    SHAPE,
    method === 'PUT' ? 'marketplace_offering_users_update' : 'marketplace_offering_users_partial_update',
  );
}

export async function deleteOfferingUser(s: UpstreamSession, uuid: string): Promise<void> {
  await s.request({ method: 'DELETE', path: detail(uuid) });
}

/** One transition action as the API enforces it (behaviour 2.4). */
export interface OfferingUserTransition {
  /** The POST route below the account, e.g. `begin_creating`. */
  action: string;
  /** The states it may start from: the view's list, narrower than the model's FSM. */
  sources: readonly OfferingUserStateLabel[];
  /** It takes `{comment?, comment_url?}`; the others declare no request body, so none is sent. */
  takesComment: boolean;
  /** Waldur's name of the target in its wrong-state message (behaviour 2.5). */
  waldurName: string;
}

/** Every transition, in the API's order: the GraphQL enum, `allowedTransitions` and the mutations derive from it. */
export const OFFERING_USER_TRANSITIONS = [
  { action: 'begin_creating', sources: ['Requested', 'Error creating'], takesComment: false, waldurName: 'CREATING' },
  {
    action: 'set_pending_account_linking',
    sources: ['Creating', 'Error creating', 'Pending additional validation'],
    takesComment: true,
    waldurName: 'PENDING_ACCOUNT_LINKING',
  },
  {
    action: 'set_pending_additional_validation',
    sources: ['Creating', 'Error creating', 'Pending account linking'],
    takesComment: true,
    waldurName: 'PENDING_ADDITIONAL_VALIDATION',
  },
  {
    action: 'set_validation_complete',
    sources: ['Pending account linking', 'Pending additional validation'],
    takesComment: false,
    waldurName: 'VALIDATION_COMPLETE',
  },
  {
    action: 'set_ok',
    sources: ['Requested', 'Creating', 'Pending additional validation', 'Pending account linking', 'Error creating', 'Error deleting'],
    takesComment: false,
    waldurName: 'OK',
  },
  {
    action: 'set_error_creating',
    sources: ['Requested', 'Creating', 'Pending account linking', 'Pending additional validation'],
    takesComment: false,
    waldurName: 'ERROR_CREATING',
  },
  { action: 'set_error_deleting', sources: ['Requested deletion', 'Deleting'], takesComment: false, waldurName: 'ERROR_DELETING' },
  { action: 'request_deletion', sources: ['OK'], takesComment: false, waldurName: 'DELETION_REQUESTED' },
  { action: 'set_deleting', sources: ['Requested deletion', 'Error deleting'], takesComment: false, waldurName: 'DELETING' },
  { action: 'set_deleted', sources: ['Deleting'], takesComment: false, waldurName: 'DELETED' },
] as const satisfies readonly OfferingUserTransition[];

export type OfferingUserAction = (typeof OFFERING_USER_TRANSITIONS)[number]['action'];

/** Transitions answer 200 with an empty body; callers re-read the object. */
export async function transitionOfferingUser(
  s: UpstreamSession,
  uuid: string,
  transition: OfferingUserTransition,
  body?: { comment?: string; comment_url?: string },
): Promise<void> {
  await s.request({ method: 'POST', path: `${detail(uuid)}${transition.action}/`, ...(transition.takesComment ? { body: body ?? {} } : {}) });
}

export async function updateOfferingUserRestricted(s: UpstreamSession, uuid: string, isRestricted: boolean): Promise<void> {
  await s.request({ method: 'POST', path: `${detail(uuid)}update_restricted/`, body: { is_restricted: isRestricted } });
}

export async function updateOfferingUserComments(
  s: UpstreamSession,
  uuid: string,
  body: { service_provider_comment?: string; service_provider_comment_url?: string },
): Promise<{ service_provider_comment: string; service_provider_comment_url: string }> {
  return (
    await s.request<{ service_provider_comment: string; service_provider_comment_url: string }>({
      method: 'PATCH',
      path: `${detail(uuid)}update_comments/`,
      body,
    })
  ).data;
}
