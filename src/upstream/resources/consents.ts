import { z } from 'zod';
import { rowShape } from '../row.js';
import { checkShape, isDescribedBy } from '../shape.js';
import { uuidSegment, wireUuid } from '../uuid.js';
import type { UpstreamSession } from '../session.js';
import { filter, type ListSpec } from '../list-spec.js';
import { UpstreamValidationError } from '../errors.js';

/** A consent as Waldur 8.0.5 sends it (`UserOfferingConsent`): the type and the check of every row. */
const ConsentRow = z.object({
  uuid: z.string(),
  user_uuid: z.string(),
  offering_uuid: z.string(),
  agreement_date: z.string(),
  version: z.string(),
  revocation_date: z.string().nullable(),
  created: z.string(),
  modified: z.string(),
  user_username: z.string(),
  user_full_name: z.string(),
  user_email: z.string(),
  offering_name: z.string(),
  offering_slug: z.string(),
  offering_url: z.string(),
  has_consent: z.boolean(),
  requires_reconsent: z.boolean(),
  collected_attributes: z.array(z.string()).optional(),
});
export type ConsentDto = z.infer<typeof ConsentRow>;

const SHAPE = rowShape(ConsentRow, ['uuid', 'user_uuid', 'offering_uuid']);

const BASE = 'marketplace-user-offering-consents/';
const detail = (uuid: string) => `${BASE}${uuidSegment(uuid)}/`;

const f = filter;

export const CONSENT_LIST: ListSpec = {
  detail,
  lookups: (c) => [{ values: { user_uuid: c.user_uuid, offering_uuid: c.offering_uuid } }],
  path: BASE,
  rows: { shape: SHAPE, operation: 'marketplace_user_offering_consents_list' },
  ordering: ['agreement_date', 'revocation_date', 'created', 'modified'],
  filters: [
    f('user', 'url'),
    f('user_uuid', 'uuid'),
    f('offering', 'url'),
    f('offering_uuid', 'uuid'),
    f('version', 'string'),
    f('has_consent', 'boolean'),
    f('requires_reconsent', 'boolean'),
  ],
};

/** A row the consent description checked. */
export const isConsent = (row: unknown): row is ConsentDto => isDescribedBy(row, SHAPE);

export async function getConsent(s: UpstreamSession, uuid: string): Promise<ConsentDto> {
  return checkShape((await s.request<ConsentDto>({ method: 'GET', path: detail(uuid) })).data, SHAPE, 'marketplace_user_offering_consents_retrieve');
}

/** Creates or reactivates the caller's consent; Waldur answers 201 with `{offering}` only. */
export async function createConsent(s: UpstreamSession, offeringUuid: string): Promise<void> {
  await s.request({ method: 'POST', path: BASE, body: { offering: wireUuid(offeringUuid) } });
}

/** PATCH changes what it is given; PUT replaces every writable field (here only `version`). */
export async function updateConsent(s: UpstreamSession, uuid: string, version: string, method: 'PATCH' | 'PUT' = 'PATCH'): Promise<ConsentDto> {
  return checkShape(
    (await s.request<ConsentDto>({ method, path: detail(uuid), body: { version } })).data,
    SHAPE,
    method === 'PUT' ? 'marketplace_user_offering_consents_update' : 'marketplace_user_offering_consents_partial_update',
  );
}

export async function deleteConsent(s: UpstreamSession, uuid: string): Promise<void> {
  await s.request({ method: 'DELETE', path: detail(uuid) });
}

export async function revokeConsent(s: UpstreamSession, uuid: string): Promise<ConsentDto> {
  // `revoke` declares no request body.
  return checkShape((await s.request<ConsentDto>({ method: 'POST', path: `${detail(uuid)}revoke/` })).data, SHAPE, 'marketplace_user_offering_consents_revoke');
}

/** Waldur's two consent-specific 400s, told apart by their message (they carry no code). */
export function consentRefusal(err: unknown): { kind: 'noTermsOfService' | 'alreadyConsented'; message: string } | undefined {
  if (!(err instanceof UpstreamValidationError)) return undefined;
  const message = err.details.nonFieldErrors.join(' ');
  if (/does not have (active )?Terms of Service/i.test(message)) return { kind: 'noTermsOfService', message };
  if (/already consented/i.test(message)) return { kind: 'alreadyConsented', message };
  return undefined;
}
