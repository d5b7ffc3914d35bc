import { z } from 'zod';
import { rowShape } from '../row.js';
import { checkShape, isDescribedBy } from '../shape.js';
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

/**
 * The REST object as Waldur 8.0.5 sends it (`OfferingUser`); personal `user_*` attributes appear
 * only when the offering exposes them. The type and the check of every row (rowShape) in one.
 */
const OfferingUserRow = z.object({
  url: z.string(),
  uuid: z.string(),
  user: z.string(),
  offering: z.string(),
  username: z.string().nullable(),
  offering_uuid: z.string(),
  offering_name: z.string(),
  user_uuid: z.string(),
  user_username: z.string().optional(),
  user_full_name: z.string().optional(),
  user_first_name: z.string().optional(),
  user_last_name: z.string().optional(),
  user_email: z.string().optional(),
  user_phone_number: z.string().optional(),
  user_organization: z.string().optional(),
  user_job_title: z.string().optional(),
  // Untyped JSON in Waldur's schema: read as lists of strings where they are (summaries.ts).
  user_affiliations: z.unknown().optional(),
  // ISO 5218 code (0, 1, 2, 9), as Waldur's schema says.
  user_gender: z.number().nullable().optional(),
  user_personal_title: z.string().optional(),
  user_place_of_birth: z.string().optional(),
  user_country_of_residence: z.string().optional(),
  user_nationality: z.string().optional(),
  user_nationalities: z.unknown().optional(),
  user_organization_country: z.string().optional(),
  user_organization_type: z.string().optional(),
  user_organization_registry_code: z.string().optional(),
  user_eduperson_assurance: z.unknown().optional(),
  user_civil_number: z.string().nullable().optional(),
  user_birth_date: z.string().nullable().optional(),
  user_identity_source: z.string().optional(),
  user_active_isds: z.unknown().optional(),
  created: z.string(),
  modified: z.string(),
  customer_uuid: z.string(),
  customer_name: z.string(),
  is_restricted: z.boolean(),
  state: z.enum(OFFERING_USER_STATES),
  service_provider_comment: z.string(),
  service_provider_comment_url: z.string(),
  has_consent: z.boolean(),
  requires_reconsent: z.boolean(),
  has_compliance_checklist: z.boolean(),
  consent_data: z.object({ uuid: z.string().optional(), version: z.string().optional(), agreement_date: z.string().nullable().optional() }).nullable(),
  is_profile_complete: z.boolean(),
  missing_profile_attributes: z.array(z.string()),
});
export type OfferingUserDto = z.infer<typeof OfferingUserRow>;

const BASE = 'marketplace-offering-users/';
const detail = (uuid: string) => `${BASE}${uuidSegment(uuid)}/`;

/** A read with `field=` may leave out any field but the identity. */
const SHAPE = rowShape(OfferingUserRow, ['uuid']);

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
