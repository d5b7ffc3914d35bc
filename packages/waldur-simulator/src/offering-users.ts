import { randomUUID } from 'node:crypto';
import { link, type SimContext } from './context.js';
import { HttpAnswer, type Router, drf, isUrl, normUuid, order, paginate, parseBoolParam, parseDateParam, sparse, uuidParam, type SimRequest } from './http.js';
import { hasPermission, offeringUserVisibility } from './permissions.js';
import { LABEL_TO_STATE, STATE_LABELS, TRANSITIONS, USERNAME_AUTO_OK_STATES, wrongStateMessage } from './state-machine.js';
import { isoMicro, type Offering, type OfferingUser, type Store, type User } from './store.js';

const ROUTE = 'marketplace-offering-users';

/** Personal attributes an offering may expose, in the serializer's field order. */
const ATTRIBUTE_FIELDS: Array<[string, (u: User) => unknown]> = [
  ['username', (u) => u.username],
  ['full_name', (u) => `${u.first_name} ${u.last_name}`.trim()],
  ['first_name', (u) => u.first_name],
  ['last_name', (u) => u.last_name],
  ['email', (u) => u.email],
  ['phone_number', (u) => u.phone_number],
  ['organization', (u) => u.organization],
  ['job_title', (u) => u.job_title],
  ['affiliations', (u) => u.affiliations],
  ['nationality', (u) => u.nationality],
  ['country_of_residence', (u) => u.country_of_residence],
  ['civil_number', (u) => u.civil_number],
  ['birth_date', (u) => u.birth_date],
];

function exposed(offering: Offering): Set<string> {
  const set = new Set(offering.exposed_attributes);
  // first and last name travel with full_name.
  if (set.has('full_name')) set.add('first_name').add('last_name');
  return set;
}

export function consentFlags(store: Store, userUuid: string, offeringUuid: string) {
  const tos = store.activeTos(offeringUuid);
  const consent = store.consentOf(userUuid, offeringUuid);
  const active = consent && consent.revocation_date === null ? consent : undefined;
  return {
    has_consent: Boolean(tos && active),
    requires_reconsent: Boolean(tos && active && tos.requires_reconsent && tos.version !== active.version),
  };
}

export function serializeOfferingUser(ctx: SimContext, ou: OfferingUser): Record<string, unknown> {
  const { store } = ctx;
  const user = store.users.get(ou.user_uuid)!;
  const offering = store.offerings.get(ou.offering_uuid)!;
  const customer = store.customers.get(offering.customer_uuid)!;
  const show = exposed(offering);
  const out: Record<string, unknown> = {
    url: link(ctx, ROUTE, ou.uuid),
    uuid: ou.uuid,
    user: link(ctx, 'users', user.uuid),
    offering: link(ctx, 'marketplace-provider-offerings', offering.uuid),
    username: ou.username,
    offering_uuid: offering.uuid,
    offering_name: offering.name,
    user_uuid: user.uuid,
  };
  const missing: string[] = [];
  for (const [attr, get] of ATTRIBUTE_FIELDS) {
    if (!show.has(attr)) continue;
    const value = get(user);
    out[`user_${attr}`] = value;
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) missing.push(attr);
  }
  Object.assign(out, {
    created: ou.created,
    modified: ou.modified,
    customer_uuid: customer.uuid,
    customer_name: customer.name,
    is_restricted: ou.is_restricted,
    state: STATE_LABELS[ou.state],
    service_provider_comment: ou.service_provider_comment,
    service_provider_comment_url: ou.service_provider_comment_url,
    ...consentFlags(store, user.uuid, offering.uuid),
    has_compliance_checklist: Boolean(offering.compliance_checklist_uuid && store.completionOf(ou.uuid)),
    // consent_data is only filled when ENFORCE_USER_CONSENT_FOR_OFFERINGS is on, which it is not here.
    consent_data: null,
    is_profile_complete: missing.length === 0,
    missing_profile_attributes: missing,
  });
  return out;
}

function visibleRows(ctx: SimContext): OfferingUser[] {
  const visible = offeringUserVisibility(ctx.store, ctx.caller);
  const rows: OfferingUser[] = [];
  for (const ou of ctx.store.offeringUsers.values()) {
    if (visible(ou, ctx.store.offerings.get(ou.offering_uuid)!)) rows.push(ou);
  }
  return rows;
}

/** 404 unless the caller may see it, exactly like DRF's get_object() on the filtered queryset. */
export function getVisible(ctx: SimContext, uuid: string | undefined): { ou: OfferingUser; offering: Offering } {
  const id = normUuid(uuid);
  const ou = id ? ctx.store.offeringUsers.get(id) : undefined;
  const offering = ou ? ctx.store.offerings.get(ou.offering_uuid) : undefined;
  if (!ou || !offering || !offeringUserVisibility(ctx.store, ctx.caller)(ou, offering)) throw drf.notFound('OfferingUser');
  return { ou, offering };
}

function uuidList(url: URL, name: string): string[] | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  return raw.split(',').map((v) => {
    const u = normUuid(v.trim());
    if (!u) throw drf.badRequest({ [name]: [`“${v}” is not a valid UUID.`] });
    return u;
  });
}

function list(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { url } = req;
  const { store } = ctx;
  const states = url.searchParams.getAll('state').map((label) => {
    const s = LABEL_TO_STATE.get(label);
    if (s === undefined) throw drf.badRequest({ state: [`Select a valid choice. ${label} is not one of the available choices.`] });
    return s;
  });
  const offeringUuids = uuidList(url, 'offering_uuid');
  const offeringSlugs = url.searchParams.get('offering_slug')?.split(',').filter(Boolean);
  const offeringUrl = url.searchParams.get('offering');
  const offeringFromUrl = offeringUrl ? /\/([0-9a-f-]{32,36})\/?$/i.exec(offeringUrl)?.[1] : undefined;
  const parent = uuidParam(url, 'parent_offering_uuid');
  const userUuid = uuidParam(url, 'user_uuid');
  const provider = uuidParam(url, 'provider_uuid');
  const username = url.searchParams.get('user_username')?.toLowerCase();
  const restricted = parseBoolParam(url, 'is_restricted');
  const hasConsent = parseBoolParam(url, 'has_consent');
  const completeProfile = parseBoolParam(url, 'has_complete_profile');
  const hasTos = parseBoolParam(url, 'offering_has_active_tos');
  const created = parseDateParam(url, 'created');
  const createdBefore = parseDateParam(url, 'created_before');
  const modified = parseDateParam(url, 'modified');
  const modifiedBefore = parseDateParam(url, 'modified_before');
  const q = url.searchParams.get('query')?.toLowerCase();

  let rows = visibleRows(ctx).filter((ou) => {
    const off = store.offerings.get(ou.offering_uuid)!;
    const user = store.users.get(ou.user_uuid)!;
    if (states.length && !states.includes(ou.state)) return false;
    if (offeringUuids && !offeringUuids.includes(off.uuid)) return false;
    if (offeringSlugs && !offeringSlugs.includes(off.slug)) return false;
    if (offeringUrl !== null && offeringUrl !== '' && normUuid(offeringFromUrl) !== off.uuid) return false;
    if (parent && off.parent_uuid !== parent) return false;
    if (userUuid && ou.user_uuid !== userUuid) return false;
    if (provider && off.customer_uuid !== provider) return false;
    if (username !== undefined && user.username.toLowerCase() !== username) return false;
    if (restricted !== undefined && ou.is_restricted !== restricted) return false;
    if (hasConsent !== undefined && consentFlags(store, user.uuid, off.uuid).has_consent !== hasConsent) return false;
    if (hasTos !== undefined && Boolean(store.activeTos(off.uuid)) !== hasTos) return false;
    if (completeProfile !== undefined && (serializeOfferingUser(ctx, ou).is_profile_complete as boolean) !== completeProfile) return false;
    if (created !== undefined && Date.parse(ou.created) < created) return false;
    if (createdBefore !== undefined && Date.parse(ou.created) >= createdBefore) return false;
    if (modified !== undefined && Date.parse(ou.modified) < modified) return false;
    if (modifiedBefore !== undefined && Date.parse(ou.modified) >= modifiedBefore) return false;
    if (q) {
      const hay = [off.name, ou.username ?? '', user.first_name, user.last_name, user.username].join('\n').toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  });
  rows = order(
    url,
    rows,
    {
      created: (r) => r.created,
      modified: (r) => r.modified,
      username: (r) => r.username,
      user_first_name: (r) => store.users.get(r.user_uuid)!.first_name,
      user_last_name: (r) => store.users.get(r.user_uuid)!.last_name,
    },
    // Default ordering is `username`; the uuid keeps pages stable between requests.
    (a, b) => (a.username ?? '\uffff').localeCompare(b.username ?? '\uffff') || a.uuid.localeCompare(b.uuid),
  );
  const page = paginate(url, rows);
  return new HttpAnswer(
    200,
    page.body.map((ou) => sparse(url, serializeOfferingUser(ctx, ou))),
    page.headers,
  );
}

interface WriteBody {
  offering?: unknown;
  offering_uuid?: unknown;
  user?: unknown;
  user_uuid?: unknown;
  username?: unknown;
}

function resolveRef(ctx: SimContext, body: WriteBody, kind: 'offering' | 'user', required: boolean): string | undefined {
  const urlValue = body[kind];
  const uuidValue = body[`${kind}_uuid`];
  const label = kind === 'offering' ? 'offering' : 'user';
  if (urlValue !== undefined && uuidValue !== undefined) {
    throw drf.badRequest({ non_field_errors: [`Cannot specify both '${label}' URL and '${label}_uuid'. Use one or the other.`] });
  }
  if (urlValue === undefined && uuidValue === undefined) {
    if (required) throw drf.badRequest({ non_field_errors: [`Either '${label}' URL or '${label}_uuid' is required.`] });
    return undefined;
  }
  const map = kind === 'offering' ? ctx.store.offerings : ctx.store.users;
  if (uuidValue !== undefined) {
    const id = normUuid(uuidValue);
    if (!id) throw drf.badRequest({ [`${kind}_uuid`]: ['Must be a valid UUID.'] });
    if (!map.has(id)) throw drf.badRequest({ [`${kind}_uuid`]: [`${kind === 'offering' ? 'Offering' : 'User'} with UUID ${id} not found.`] });
    return id;
  }
  if (!isUrl(urlValue)) throw drf.badRequest({ [kind]: ['Invalid hyperlink - No URL match.'] });
  const id = normUuid(/\/([0-9a-f-]{32,36})\/?$/i.exec(String(urlValue))?.[1]);
  if (!id || !map.has(id)) throw drf.badRequest({ [kind]: ['Invalid hyperlink - Object does not exist.'] });
  return id;
}

function validateUsername(v: unknown): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'string') throw drf.badRequest({ username: ['Not a valid string.'] });
  if (v.length > 100) throw drf.badRequest({ username: ['Ensure this field has no more than 100 characters.'] });
  return v;
}

export function assignUsername(ou: OfferingUser, username: string | null | undefined) {
  if (username === undefined) return;
  const changed = username !== ou.username;
  ou.username = username;
  // Saving a new username during the creation flow moves the account to OK (behaviour 2.4).
  if (changed && username && USERNAME_AUTO_OK_STATES.has(ou.state)) ou.state = 5;
}

function create(req: SimRequest, ctx: SimContext): HttpAnswer {
  const body = (req.body ?? {}) as WriteBody;
  if (typeof body !== 'object' || Array.isArray(body)) throw drf.badRequest({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  const offeringUuid = resolveRef(ctx, body, 'offering', true)!;
  const userUuid = resolveRef(ctx, body, 'user', true)!;
  const username = validateUsername(body.username);
  const offering = ctx.store.offerings.get(offeringUuid)!;
  for (const ou of ctx.store.offeringUsers.values()) {
    if (ou.offering_uuid === offeringUuid && ou.user_uuid === userUuid) {
      throw drf.badRequest({ non_field_errors: ['The fields offering, user must make a unique set.'] });
    }
  }
  if (!hasPermission(ctx.store, ctx.caller, 'OFFERING.CREATE_USER', offering.customer_uuid)) throw drf.forbidden();
  if (!offering.can_create_offering_user) throw drf.badRequest(['It is not allowed to create users for current offering.']);
  const now = isoMicro();
  const ou: OfferingUser = {
    uuid: randomUUID().replace(/-/g, ''),
    user_uuid: userUuid,
    offering_uuid: offeringUuid,
    username: null,
    state: 1,
    is_restricted: false,
    service_provider_comment: '',
    service_provider_comment_url: '',
    created: now,
    modified: now,
  };
  assignUsername(ou, username ?? undefined);
  ctx.store.offeringUsers.set(ou.uuid, ou);
  ctx.store.onOfferingUserCreated(ou, now);
  return new HttpAnswer(201, serializeOfferingUser(ctx, ou));
}

function update(partial: boolean) {
  return (req: SimRequest, ctx: SimContext): HttpAnswer => {
    const { ou, offering } = getVisible(ctx, req.params.uuid);
    if (!hasPermission(ctx.store, ctx.caller, 'OFFERING.UPDATE_USER', offering.customer_uuid)) throw drf.forbidden();
    const body = (req.body ?? {}) as WriteBody;
    if (typeof body !== 'object' || Array.isArray(body)) throw drf.badRequest({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    const offeringUuid = resolveRef(ctx, body, 'offering', false);
    const userUuid = resolveRef(ctx, body, 'user', false);
    const username = validateUsername(body.username);
    const nextOffering = offeringUuid ?? ou.offering_uuid;
    const nextUser = userUuid ?? ou.user_uuid;
    for (const other of ctx.store.offeringUsers.values()) {
      if (other.uuid !== ou.uuid && other.offering_uuid === nextOffering && other.user_uuid === nextUser) {
        throw drf.badRequest({ non_field_errors: ['The fields offering, user must make a unique set.'] });
      }
    }
    ou.offering_uuid = nextOffering;
    ou.user_uuid = nextUser;
    // PUT without a username clears it, as DRF does for an omitted nullable field on full update.
    assignUsername(ou, partial ? username : (username ?? null));
    ou.modified = isoMicro();
    return new HttpAnswer(200, serializeOfferingUser(ctx, ou));
  };
}

function destroy(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { ou, offering } = getVisible(ctx, req.params.uuid);
  if (!hasPermission(ctx.store, ctx.caller, 'OFFERING.DELETE_USER', offering.customer_uuid)) {
    throw drf.forbidden('You do not have permission to delete this user.');
  }
  ctx.store.offeringUsers.delete(ou.uuid);
  ctx.store.onOfferingUserDeleted(ou);
  return new HttpAnswer(204);
}

function transition(action: string) {
  const t = TRANSITIONS[action]!;
  return (req: SimRequest, ctx: SimContext): HttpAnswer => {
    const { ou, offering } = getVisible(ctx, req.params.uuid);
    // Decision 3: every transition requires OFFERING.UPDATE_USER in the simulator.
    if (!hasPermission(ctx.store, ctx.caller, 'OFFERING.UPDATE_USER', offering.customer_uuid)) throw drf.forbidden();
    if (!t.sources.includes(ou.state)) throw drf.badRequest({ detail: wrongStateMessage(t, ou.state) });
    const body = (req.body ?? {}) as { comment?: unknown; comment_url?: unknown };
    if (t.acceptsComment) {
      const errors: Record<string, string[]> = {};
      if (body.comment !== undefined && typeof body.comment !== 'string') errors.comment = ['Not a valid string.'];
      if (body.comment_url !== undefined && body.comment_url !== '' && !isUrl(body.comment_url)) errors.comment_url = ['Enter a valid URL.'];
      if (Object.keys(errors).length) throw drf.badRequest(errors);
      if (typeof body.comment === 'string') ou.service_provider_comment = body.comment.replace(/<[^>]*>/g, '');
      if (typeof body.comment_url === 'string') ou.service_provider_comment_url = body.comment_url;
    }
    if (t.clearsComments) {
      ou.service_provider_comment = '';
      ou.service_provider_comment_url = '';
    }
    ou.state = t.target;
    ou.modified = isoMicro();
    return new HttpAnswer(200);
  };
}

function updateRestricted(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { ou, offering } = getVisible(ctx, req.params.uuid);
  const body = (req.body ?? {}) as { is_restricted?: unknown };
  if (typeof body.is_restricted !== 'boolean') {
    throw drf.badRequest({ is_restricted: [body.is_restricted === undefined ? 'This field is required.' : 'Must be a valid boolean.'] });
  }
  if (!hasPermission(ctx.store, ctx.caller, 'OFFERING.UPDATE_USER', offering.customer_uuid)) throw drf.forbidden();
  ou.is_restricted = body.is_restricted;
  ou.modified = isoMicro();
  return new HttpAnswer(200);
}

function updateComments(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { ou, offering } = getVisible(ctx, req.params.uuid);
  if (ou.state === 8) throw drf.forbidden('Cannot update comments for offering user in state: Deleted');
  if (!hasPermission(ctx.store, ctx.caller, 'OFFERING.UPDATE_USER', offering.customer_uuid)) throw drf.forbidden();
  const body = (req.body ?? {}) as { service_provider_comment?: unknown; service_provider_comment_url?: unknown };
  const errors: Record<string, string[]> = {};
  if (body.service_provider_comment !== undefined && typeof body.service_provider_comment !== 'string')
    errors.service_provider_comment = ['Not a valid string.'];
  const url = body.service_provider_comment_url;
  if (url !== undefined && url !== '' && !isUrl(url)) errors.service_provider_comment_url = ['Enter a valid URL.'];
  if (Object.keys(errors).length) throw drf.badRequest(errors);
  if (typeof body.service_provider_comment === 'string') ou.service_provider_comment = body.service_provider_comment;
  if (typeof url === 'string') ou.service_provider_comment_url = url;
  ou.modified = isoMicro();
  return new HttpAnswer(200, { service_provider_comment: ou.service_provider_comment, service_provider_comment_url: ou.service_provider_comment_url });
}

export function offeringUserRoutes(router: Router<SimContext>): void {
  const base = `/api/${ROUTE}`;
  router
    .on('GET', `${base}/`, list)
    .on('POST', `${base}/`, create)
    .on('GET', `${base}/{uuid}/`, (req, ctx) => new HttpAnswer(200, sparse(req.url, serializeOfferingUser(ctx, getVisible(ctx, req.params.uuid).ou))))
    .on('PUT', `${base}/{uuid}/`, update(false))
    .on('PATCH', `${base}/{uuid}/`, update(true))
    .on('DELETE', `${base}/{uuid}/`, destroy)
    .on('POST', `${base}/{uuid}/update_restricted/`, updateRestricted)
    .on('PATCH', `${base}/{uuid}/update_comments/`, updateComments);
  for (const action of Object.keys(TRANSITIONS)) router.on('POST', `${base}/{uuid}/${action}/`, transition(action));
}
