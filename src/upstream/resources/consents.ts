import { checkShape, type Shape } from '../shape.js';
import { uuidSegment, wireUuid } from '../uuid.js';
import type { UpstreamSession } from '../client.js';
import { listAll, listWindow } from '../list.js';
import type { Page } from '../pagination.js';
import { Query } from '../query.js';

export interface ConsentDto {
  uuid: string;
  user_uuid: string;
  offering_uuid: string;
  agreement_date: string;
  version: string;
  revocation_date: string | null;
  created: string;
  modified: string;
  user_username: string;
  user_full_name: string;
  user_email: string;
  offering_name: string;
  offering_slug: string;
  offering_url: string;
  has_consent: boolean;
  requires_reconsent: boolean;
  collected_attributes?: string[];
}

const SHAPE: Shape = {
  uuid: { type: 'string', required: true },
  user_uuid: { type: 'string', required: true },
  offering_uuid: { type: 'string', required: true },
  version: { type: 'string' },
  agreement_date: { type: 'string', nullable: true },
  revocation_date: { type: 'string', nullable: true },
  has_consent: { type: 'boolean' },
  requires_reconsent: { type: 'boolean' },
};

export interface ConsentListParams {
  user?: string;
  userUuid?: string;
  offering?: string;
  offeringUuid?: string;
  version?: string;
  hasConsent?: boolean;
  requiresReconsent?: boolean;
  ordering?: string[];
}

const BASE = 'marketplace-user-offering-consents/';
const detail = (uuid: string) => `${BASE}${uuidSegment(uuid)}/`;

export function consentListQuery(p: ConsentListParams): Query {
  return new Query()
    .set('user', p.user)
    .uuid('user_uuid', p.userUuid)
    .set('offering', p.offering)
    .uuid('offering_uuid', p.offeringUuid)
    .set('version', p.version)
    .set('has_consent', p.hasConsent)
    .set('requires_reconsent', p.requiresReconsent)
    .csv('o', p.ordering);
}

const ROWS = { shape: SHAPE, operation: 'marketplace_user_offering_consents_list' };

export function listConsents(s: UpstreamSession, params: ConsentListParams, offset: number, limit: number): Promise<Page<ConsentDto>> {
  return listWindow<ConsentDto>(s, BASE, consentListQuery(params), offset, limit, ROWS);
}

export async function getConsent(s: UpstreamSession, uuid: string): Promise<ConsentDto> {
  return checkShape((await s.request<ConsentDto>({ method: 'GET', path: detail(uuid) })).data, SHAPE, 'marketplace_user_offering_consents_retrieve');
}

/** Creates or reactivates the caller's consent; Waldur answers 201 with `{offering}` only. */
export async function createConsent(s: UpstreamSession, offeringUuid: string): Promise<void> {
  await s.request({ method: 'POST', path: BASE, body: { offering: wireUuid(offeringUuid) } });
}

/** PATCH changes what it is given; PUT replaces every writable field (here only `version`). */
export async function updateConsent(s: UpstreamSession, uuid: string, version: string, method: 'PATCH' | 'PUT' = 'PATCH'): Promise<ConsentDto> {
  return checkShape((await s.request<ConsentDto>({ method, path: detail(uuid), body: { version } })).data, SHAPE, method === 'PUT' ? 'marketplace_user_offering_consents_update' : 'marketplace_user_offering_consents_partial_update');
}

export async function deleteConsent(s: UpstreamSession, uuid: string): Promise<void> {
  await s.request({ method: 'DELETE', path: detail(uuid) });
}

export async function revokeConsent(s: UpstreamSession, uuid: string): Promise<ConsentDto> {
  // `revoke` declares no request body.
  return checkShape((await s.request<ConsentDto>({ method: 'POST', path: `${detail(uuid)}revoke/` })).data, SHAPE, 'marketplace_user_offering_consents_revoke');
}

export function listAllConsents(s: UpstreamSession, params: ConsentListParams): Promise<ConsentDto[]> {
  return listAll<ConsentDto>(s, BASE, consentListQuery(params), ROWS);
}
