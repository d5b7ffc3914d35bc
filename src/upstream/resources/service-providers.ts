import { uuidSegment, wireUuid } from '../uuid.js';
import { UpstreamError } from '../errors.js';
import { checkShape, type Shape } from '../shape.js';
import type { UpstreamSession } from '../client.js';
import { listWindow } from '../list.js';
import type { Page } from '../pagination.js';
import { FormData } from 'undici';
import { Query } from '../query.js';
import { filterName, NESTED_LISTS, type FilterSpec, type NestedListSpec } from './service-provider-lists.js';

export interface OrganizationGroupDto {
  uuid: string;
  url: string;
  name: string;
  parent_uuid: string | null;
  parent_name: string | null;
  parent: string | null;
  customers_count: number;
}

export interface ServiceProviderDto {
  url: string;
  uuid: string;
  created: string;
  description: string;
  enable_notifications: boolean;
  customer: string;
  customer_name: string;
  customer_uuid: string;
  customer_image: string | null;
  customer_abbreviation: string;
  customer_slug: string;
  customer_native_name: string;
  customer_country: string;
  image: string | null;
  organization_groups: OrganizationGroupDto[];
  offering_count: number;
  allowed_domains?: string[];
}

export interface ServiceProviderListParams {
  customer?: string;
  customerUuid?: string;
  customerKeyword?: string;
  ordering?: string[];
  fields?: string[];
}

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

/** Encodes filter values (already validated and typed by the caller) per the list's spec. */
export function encodeFilters(specs: readonly FilterSpec[], values: Record<string, unknown>): Query {
  const q = new Query();
  for (const spec of specs) {
    const v = values[filterName(spec)];
    if (v === undefined || v === null) continue;
    const bad = spec.oneOf && (Array.isArray(v) ? v : [v]).find((x) => !spec.oneOf!.includes(String(x)));
    if (bad !== undefined) throw new UpstreamError('INVALID_INPUT', `\`${filterName(spec)}\` takes only ${spec.oneOf!.join(', ')}.`, { method: 'GET', path: spec.wire });
    const str = (x: unknown) => (x instanceof Date ? (spec.kind === 'date' ? x.toISOString().slice(0, 10) : x.toISOString()) : String(x));
    switch (spec.kind) {
      case 'uuid':
        q.uuid(spec.wire, str(v));
        break;
      case 'uuidCsv':
        q.uuidCsv(spec.wire, (v as unknown[]).map(str));
        break;
      case 'uuidRepeat':
        q.repeat(spec.wire, (v as unknown[]).map((x) => wireUuid(str(x))));
        break;
      case 'stringCsv':
        q.csv(spec.wire, (v as unknown[]).map(str));
        break;
      case 'stringRepeat':
        q.repeat(spec.wire, (v as unknown[]).map(str));
        break;
      default:
        q.set(spec.wire, str(v));
    }
  }
  return q;
}

export function serviceProviderListQuery(p: ServiceProviderListParams): Query {
  return new Query()
    .set('customer', p.customer)
    .uuid('customer_uuid', p.customerUuid)
    .set('customer_keyword', p.customerKeyword)
    .csv('o', p.ordering)
    .repeat('field', p.fields);
}

/** The fields the schema layer relies on; the rest may be absent (`field=`) or null where allowed. */
const SHAPE: Shape = {
  uuid: { type: 'string', required: true },
  customer_uuid: { type: 'string', required: true },
  customer_name: { type: 'string' },
  description: { type: 'string' },
  enable_notifications: { type: 'boolean' },
  organization_groups: { type: 'array' },
  created: { type: 'string' },
};

export function listServiceProviders(s: UpstreamSession, p: ServiceProviderListParams, offset: number, limit: number): Promise<Page<ServiceProviderDto>> {
  return listWindow<ServiceProviderDto>(s, BASE, serviceProviderListQuery(p), offset, limit, { shape: SHAPE, operation: 'marketplace_service_providers_list' });
}

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
  return (await s.request<ServiceProviderDto>({ method: 'POST', path: BASE, body: writeBody(s, w) })).data;
}

export async function updateServiceProvider(s: UpstreamSession, uuid: string, w: ServiceProviderWrite, method: 'PATCH' | 'PUT'): Promise<ServiceProviderDto> {
  return (await s.request<ServiceProviderDto>({ method, path: detail(uuid), body: writeBody(s, w) })).data;
}

export async function deleteServiceProvider(s: UpstreamSession, uuid: string): Promise<void> {
  await s.request({ method: 'DELETE', path: detail(uuid) });
}

export function listNested(
  s: UpstreamSession,
  providerUuid: string,
  spec: Pick<NestedListSpec, 'route' | 'filters' | 'orderingWire'>,
  values: Record<string, unknown>,
  ordering: string[] | undefined,
  offset: number,
  limit: number,
): Promise<Page<NestedRow>> {
  const q = encodeFilters(spec.filters, values);
  if (spec.orderingWire === 'ascendingRepeat') q.repeat('o', ordering);
  else q.csv('o', ordering);
  return listWindow<NestedRow>(s, `${detail(providerUuid)}${spec.route}/`, q, offset, limit);
}

/**
 * Offerings by UUID through the provider's `offerings/` list, which accepts the customer UUID in
 * place of the provider's and filters by `uuid_list` (at most one page of keys per call).
 */
export async function listProviderOfferings(s: UpstreamSession, customerUuid: string, offeringUuids: string[]): Promise<NestedRow[]> {
  const spec = NESTED_LISTS.find((l) => l.route === 'offerings')!;
  const q = encodeFilters(spec.filters, { uuidList: offeringUuids });
  return (await listWindow<NestedRow>(s, `${detail(customerUuid)}offerings/`, q, 0, Math.max(offeringUuids.length, 1))).items;
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
  if (typeof data !== 'string') throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Waldur answered generate_site_agent_config with a body that is not a string.', { method: 'POST', path: 'generate_site_agent_config' });
  return data;
}

export const COMPLIANCE = {
  overview: { route: 'compliance/compliance_overview', filters: [] as FilterSpec[] },
  offeringUsers: {
    route: 'compliance/offering_users',
    filters: [
      { wire: 'offering_uuid', kind: 'uuid' },
      { wire: 'compliance_status', kind: 'string' },
    ] as FilterSpec[],
  },
  checklistsSummary: { route: 'compliance/checklists_summary', filters: [] as FilterSpec[] },
};
