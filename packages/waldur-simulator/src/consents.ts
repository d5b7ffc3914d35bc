import { randomUUID } from 'node:crypto';
import { link, type SimContext } from './context.js';
import { HttpAnswer, type Router, drf, normUuid, order, paginate, parseBoolParam, uuidParam, type SimRequest } from './http.js';
import { isoMicro, type Consent } from './store.js';

const ROUTE = 'marketplace-user-offering-consents';

function visible(ctx: SimContext, c: Consent): boolean {
  return ctx.caller.is_staff || ctx.caller.is_support || c.user_uuid === ctx.caller.uuid;
}

function collectedAttributes(exposed: string[]): string[] {
  return [...exposed];
}

export function serializeConsent(ctx: SimContext, c: Consent): Record<string, unknown> {
  const user = ctx.store.users.get(c.user_uuid)!;
  const offering = ctx.store.offerings.get(c.offering_uuid)!;
  const tos = ctx.store.activeTos(c.offering_uuid);
  const active = c.revocation_date === null;
  return {
    uuid: c.uuid,
    user_uuid: c.user_uuid,
    offering_uuid: c.offering_uuid,
    agreement_date: c.agreement_date,
    version: c.version,
    revocation_date: c.revocation_date,
    created: c.created,
    user_username: user.username,
    user_full_name: `${user.first_name} ${user.last_name}`.trim(),
    user_email: user.email,
    offering_name: offering.name,
    offering_slug: offering.slug,
    offering_url: link(ctx, 'marketplace-provider-offerings', offering.uuid),
    modified: c.modified,
    // Unlike OfferingUser.has_consent, this ignores whether the offering still has active ToS.
    has_consent: active,
    requires_reconsent: Boolean(active && tos && tos.requires_reconsent && tos.version !== c.version),
    collected_attributes: collectedAttributes(offering.exposed_attributes),
  };
}

function getVisible(ctx: SimContext, uuid: string | undefined): Consent {
  const id = normUuid(uuid);
  const c = id ? ctx.store.consents.get(id) : undefined;
  if (!c || !visible(ctx, c)) throw drf.notFound('UserOfferingConsent');
  return c;
}

function uuidFromUrl(url: URL, name: string): string | null | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  // Waldur's URL filters resolve the URL; one that does not match gives an empty result.
  return normUuid(/\/([0-9a-f-]{32,36})\/?$/i.exec(raw)?.[1]) ?? null;
}

function list(req: SimRequest, ctx: SimContext): HttpAnswer {
  const { url } = req;
  const userUuid = uuidParam(url, 'user_uuid');
  const offeringUuid = uuidParam(url, 'offering_uuid');
  const userFromUrl = uuidFromUrl(url, 'user');
  const offeringFromUrl = uuidFromUrl(url, 'offering');
  const version = url.searchParams.get('version');
  const hasConsent = parseBoolParam(url, 'has_consent');
  const requiresReconsent = parseBoolParam(url, 'requires_reconsent');
  let rows = [...ctx.store.consents.values()].filter((c) => {
    if (!visible(ctx, c)) return false;
    if (userUuid && c.user_uuid !== userUuid) return false;
    if (offeringUuid && c.offering_uuid !== offeringUuid) return false;
    if (userFromUrl !== undefined && c.user_uuid !== userFromUrl) return false;
    if (offeringFromUrl !== undefined && c.offering_uuid !== offeringFromUrl) return false;
    if (version !== null && version !== '' && c.version !== version) return false;
    if (hasConsent !== undefined && (c.revocation_date === null) !== hasConsent) return false;
    if (requiresReconsent !== undefined) {
      // The filter does not compare versions, unlike the serializer field (behaviour 4.5).
      const tos = ctx.store.activeTos(c.offering_uuid);
      const match = c.revocation_date === null && Boolean(tos?.requires_reconsent);
      if (match !== requiresReconsent) return false;
    }
    return true;
  });
  rows = order(
    url,
    rows,
    { agreement_date: (c) => c.agreement_date, revocation_date: (c) => c.revocation_date, created: (c) => c.created, modified: (c) => c.modified },
    (a, b) => b.created.localeCompare(a.created) || a.uuid.localeCompare(b.uuid),
  );
  const page = paginate(url, rows);
  return new HttpAnswer(
    200,
    page.body.map((c) => serializeConsent(ctx, c)),
    page.headers,
  );
}

function create(req: SimRequest, ctx: SimContext): HttpAnswer {
  const body = (req.body ?? {}) as { offering?: unknown };
  if (body.offering === undefined || body.offering === null || body.offering === '') throw drf.badRequest({ offering: ['This field is required.'] });
  const id = normUuid(body.offering);
  const offering = id ? ctx.store.offerings.get(id) : undefined;
  if (!offering) throw drf.badRequest({ offering: [`Object with uuid=${String(body.offering)} does not exist.`] });
  const tos = ctx.store.activeTos(offering.uuid);
  if (!tos) throw drf.badRequest({ non_field_errors: ['This offering does not have Terms of Service.'] });
  const existing = ctx.store.consentOf(ctx.caller.uuid, offering.uuid);
  if (existing && existing.revocation_date === null && existing.version === tos.version) {
    throw drf.badRequest({ non_field_errors: ['You have already consented to the current Terms of Service for this offering.'] });
  }
  const now = isoMicro();
  if (existing) {
    // Re-consent reuses the single row; agreement_date keeps its first value.
    existing.version = tos.version;
    existing.revocation_date = null;
    existing.modified = now;
  } else {
    const uuid = randomUUID().replace(/-/g, '');
    ctx.store.consents.set(uuid, {
      uuid,
      user_uuid: ctx.caller.uuid,
      offering_uuid: offering.uuid,
      agreement_date: now,
      version: tos.version,
      revocation_date: null,
      created: now,
      modified: now,
    });
  }
  return new HttpAnswer(201, { offering: offering.uuid });
}

function update(req: SimRequest, ctx: SimContext): HttpAnswer {
  const c = getVisible(ctx, req.params.uuid);
  const body = (req.body ?? {}) as { version?: unknown };
  if (req.method === 'PUT' && body.version === undefined) throw drf.badRequest({ version: ['This field is required.'] });
  if (body.version !== undefined) {
    if (typeof body.version !== 'string') throw drf.badRequest({ version: ['Not a valid string.'] });
    if (body.version.length > 50) throw drf.badRequest({ version: ['Ensure this field has no more than 50 characters.'] });
    c.version = body.version;
  }
  c.modified = isoMicro();
  return new HttpAnswer(200, serializeConsent(ctx, c));
}

function destroy(req: SimRequest, ctx: SimContext): HttpAnswer {
  const c = getVisible(ctx, req.params.uuid);
  ctx.store.consents.delete(c.uuid);
  return new HttpAnswer(204);
}

function revoke(req: SimRequest, ctx: SimContext): HttpAnswer {
  const c = getVisible(ctx, req.params.uuid);
  if (!ctx.caller.is_staff && c.user_uuid !== ctx.caller.uuid) throw drf.forbidden("You don't have permission to revoke this consent.");
  // Revoking again is allowed and moves the date (behaviour 4.4).
  c.revocation_date = isoMicro();
  c.modified = c.revocation_date;
  return new HttpAnswer(200, serializeConsent(ctx, c));
}

export function consentRoutes(router: Router<SimContext>): void {
  const base = `/api/${ROUTE}`;
  router
    .on('GET', `${base}/`, list)
    .on('POST', `${base}/`, create)
    .on('GET', `${base}/{uuid}/`, (req, ctx) => new HttpAnswer(200, serializeConsent(ctx, getVisible(ctx, req.params.uuid))))
    .on('PUT', `${base}/{uuid}/`, update)
    .on('PATCH', `${base}/{uuid}/`, update)
    .on('DELETE', `${base}/{uuid}/`, destroy)
    .on('POST', `${base}/{uuid}/revoke/`, revoke)
    .on('GET', '/api/users/me/', (_req, ctx) => {
      const u = ctx.caller;
      return new HttpAnswer(200, {
        url: link(ctx, 'users', u.uuid),
        uuid: u.uuid,
        username: u.username,
        full_name: `${u.first_name} ${u.last_name}`.trim(),
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        is_staff: u.is_staff,
        is_support: u.is_support,
      });
    });
}
