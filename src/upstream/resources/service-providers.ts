import { uuidSegment, wireUuid } from '../uuid.js';
import { UpstreamError } from '../errors.js';
import { z } from 'zod';
import { rowShape } from '../row.js';
import { checkShape, isDescribedBy } from '../shape.js';
import type { UpstreamSession } from '../session.js';
import { filter, type ListSpec } from '../list-spec.js';
import { FormData } from 'undici';

const OrganizationGroupRow = z.object({
  uuid: z.string(),
  url: z.string(),
  name: z.string(),
  parent_uuid: z.string().nullable(),
  parent_name: z.string().nullable(),
  parent: z.string().nullable(),
  customers_count: z.number(),
});
export type OrganizationGroupDto = z.infer<typeof OrganizationGroupRow>;

/** A service provider as Waldur 8.0.5 sends it (`ServiceProvider`): the type and the check of every row in one. */
const ServiceProviderRow = z.object({
  url: z.string(),
  uuid: z.string(),
  created: z.string(),
  description: z.string(),
  enable_notifications: z.boolean(),
  customer: z.string(),
  customer_name: z.string(),
  customer_uuid: z.string(),
  customer_image: z.string().nullable(),
  customer_abbreviation: z.string(),
  customer_slug: z.string(),
  customer_native_name: z.string(),
  customer_country: z.string(),
  image: z.string().nullable(),
  organization_groups: z.array(OrganizationGroupRow),
  offering_count: z.number(),
  allowed_domains: z.array(z.string()).optional(),
});
export type ServiceProviderDto = z.infer<typeof ServiceProviderRow>;

export interface StatisticsDto {
  active_campaigns: number;
  current_customers: number;
  customers_number_change: number;
  active_resources: number;
  resources_number_change: number;
  active_and_paused_offerings: number;
  unresolved_tickets: number;
  pending_orders: number;
  erred_resources: number;
}

export interface RevenueDto {
  total: number;
  year: number;
  month: number;
}

/** Rows of the nested lists: typed in the schema layer field by field, passed through here. */
export type NestedRow = Record<string, unknown> & { uuid?: string };

const BASE = 'marketplace-service-providers/';
const detail = (uuid: string) => `${BASE}${uuidSegment(uuid)}/`;

/** A read with `field=` may leave out any field but these. */
const SHAPE = rowShape(ServiceProviderRow, ['uuid', 'customer_uuid']);

export const SERVICE_PROVIDER_LIST: ListSpec = {
  detail,
  lookups: (sp) => [{ values: { customer_uuid: sp.customer_uuid } }],
  path: BASE,
  sparse: true,
  rows: { shape: SHAPE, operation: 'marketplace_service_providers_list' },
  ordering: ['customer_name'],
  filters: [filter('customer', 'url'), filter('customer_uuid', 'uuid'), filter('customer_keyword', 'string')],
};

/** A row the service-provider description checked. */
export const isServiceProvider = (row: unknown): row is ServiceProviderDto => isDescribedBy(row, SHAPE);

export async function getServiceProvider(s: UpstreamSession, uuid: string): Promise<ServiceProviderDto> {
  return checkShape((await s.request<ServiceProviderDto>({ method: 'GET', path: detail(uuid) })).data, SHAPE, 'marketplace_service_providers_retrieve');
}

export interface ServiceProviderWrite {
  customerUuid?: string;
  description?: string;
  enableNotifications?: boolean;
  /** Uploaded as multipart/form-data, as Waldur expects for images. */
  image?: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> };
}

/** Waldur takes the customer as a hyperlink; it is built here from the UUID, on Waldur's own origin. */
function writeBody(s: UpstreamSession, w: ServiceProviderWrite): Record<string, unknown> | FormData {
  const fields: Record<string, unknown> = {};
  if (w.customerUuid !== undefined) fields.customer = s.absoluteUrl(`customers/${uuidSegment(w.customerUuid)}/`);
  if (w.description !== undefined) fields.description = w.description;
  if (w.enableNotifications !== undefined) fields.enable_notifications = w.enableNotifications;
  if (!w.image) return fields;
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  form.append('image', new Blob([w.image.bytes], { type: w.image.type || 'application/octet-stream' }), w.image.name);
  return form;
}

export async function createServiceProvider(s: UpstreamSession, w: ServiceProviderWrite): Promise<ServiceProviderDto> {
  return checkShape(
    (await s.request<ServiceProviderDto>({ method: 'POST', path: BASE, body: writeBody(s, w) })).data,
    SHAPE,
    'marketplace_service_providers_create',
  );
}

export async function updateServiceProvider(s: UpstreamSession, uuid: string, w: ServiceProviderWrite, method: 'PATCH' | 'PUT'): Promise<ServiceProviderDto> {
  return checkShape(
    (await s.request<ServiceProviderDto>({ method, path: detail(uuid), body: writeBody(s, w) })).data,
    SHAPE,
    method === 'PUT' ? 'marketplace_service_providers_update' : 'marketplace_service_providers_partial_update',
  );
}

export async function deleteServiceProvider(s: UpstreamSession, uuid: string): Promise<void> {
  await s.request({ method: 'DELETE', path: detail(uuid) });
}

export async function getStatistics(s: UpstreamSession, uuid: string): Promise<StatisticsDto> {
  return (await s.request<StatisticsDto>({ method: 'GET', path: `${detail(uuid)}stat/` })).data;
}

/** Not paginated (behaviour 1.2): a plain array. */
export async function getRevenue(s: UpstreamSession, uuid: string): Promise<RevenueDto[]> {
  return (await s.request<RevenueDto[]>({ method: 'GET', path: `${detail(uuid)}revenue/` })).data ?? [];
}

export async function getApiSecretCode(s: UpstreamSession, uuid: string): Promise<string> {
  return (await s.request<{ api_secret_code: string }>({ method: 'GET', path: `${detail(uuid)}api_secret_code/` })).data.api_secret_code;
}

export async function generateApiSecretCode(s: UpstreamSession, uuid: string): Promise<string> {
  // Generating a code declares no request body.
  return (await s.request<{ api_secret_code: string }>({ method: 'POST', path: `${detail(uuid)}api_secret_code/` })).data.api_secret_code;
}

export interface RoleBody {
  user: string;
  role: string;
  expiration_time?: string | null;
}

const roleBody = (b: RoleBody): RoleBody => ({ ...b, user: wireUuid(b.user) });

export async function addUser(s: UpstreamSession, uuid: string, body: RoleBody): Promise<{ expiration_time: string | null }> {
  return (await s.request<{ expiration_time: string | null }>({ method: 'POST', path: `${detail(uuid)}add_user/`, body: roleBody(body) })).data;
}

export async function updateUser(s: UpstreamSession, uuid: string, body: RoleBody): Promise<{ expiration_time: string | null }> {
  return (await s.request<{ expiration_time: string | null }>({ method: 'POST', path: `${detail(uuid)}update_user/`, body: roleBody(body) })).data;
}

export async function deleteUser(s: UpstreamSession, uuid: string, body: RoleBody): Promise<void> {
  await s.request({ method: 'POST', path: `${detail(uuid)}delete_user/`, body: roleBody(body) });
}

export async function setOfferingsUsername(s: UpstreamSession, uuid: string, body: { user_uuid: string; username: string }): Promise<void> {
  await s.request({ method: 'POST', path: `${detail(uuid)}set_offerings_username/`, body: { ...body, user_uuid: wireUuid(body.user_uuid) } });
}

export interface SiteAgentConfigRequest {
  offering_uuids: string[];
  include_policy_settings?: boolean;
  waldur_api_url?: string;
  timezone?: string;
}

/**
 * A YAML file: the schema declares it as a JSON string (`application/json`, `format: binary`); a
 * Waldur that sends the file itself (`text/yaml`, `text/plain`) is read as text.
 */
export async function generateSiteAgentConfig(s: UpstreamSession, uuid: string, body: SiteAgentConfigRequest): Promise<string> {
  const wire = { ...body, offering_uuids: body.offering_uuids.map(wireUuid) };
  const data = (await s.request<unknown>({ method: 'POST', path: `${detail(uuid)}generate_site_agent_config/`, body: wire, expect: 'text' })).data;
  if (typeof data !== 'string')
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Waldur answered generate_site_agent_config with a body that is not a string.', {
      method: 'POST',
      path: 'generate_site_agent_config',
    });
  return data;
}
