import { beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker, findSchema, formatViolation, type ExchangeLike } from './openapi-contract.js';

let checker: ContractChecker;
beforeAll(async () => {
  checker = await ContractChecker.load();
});

const U = '0123456789abcdef0123456789abcdef';
const D = '01234567-89ab-cdef-0123-456789abcdef';
const x = (e: Partial<ExchangeLike> & Pick<ExchangeLike, 'method' | 'path'>): ExchangeLike => ({
  requestType: undefined,
  requestBody: undefined,
  status: 200,
  responseType: undefined,
  responseBody: undefined,
  ...e,
});
const check = (e: ExchangeLike) => checker.check(e).map(formatViolation);

describe('the contract checker (test/contract) can fail', () => {
  it("reads Waldur's schema from ../shared, not from the project", () => {
    expect(findSchema()).toMatch(/shared\/waldur-api\/openapi-8\.0\.5-subset\.json$/);
  });

  it('refuses what the gateway used to send', () => {
    expect(
      check(x({ method: 'POST', path: `/api/marketplace-offering-users/${D}/begin_creating/`, requestType: 'application/json', requestBody: {} })),
    ).toEqual(['request marketplace_offering_users_begin_creating body: a body was sent but the operation declares none ({})']);
    expect(check(x({ method: 'GET', path: `/api/marketplace-offering-users/${U}/`, status: 404, responseBody: { detail: 'Not found.' } }))).toEqual([
      `request marketplace_offering_users_retrieve path.uuid: must match format "uuid" ("${U}")`,
    ]);
    expect(
      check(
        x({
          method: 'GET',
          path: `/api/marketplace-service-providers/${D}/list_users/?o=-full_name,email`,
          responseType: 'application/json',
          responseBody: [],
        }),
      )[0],
    ).toMatch(/^request marketplace_service_providers_list_users_list query\.o\.0: must be equal to one of the allowed values/);
    expect(check(x({ method: 'HEAD', path: '/api/marketplace-offering-users/?field=uuid&page_size=1' }))).toContain(
      'request marketplace_offering_users_count query.field: parameter not declared for this operation (["uuid"])'.replace('(["uuid"])', '("uuid")'),
    );
  });

  it('refuses what the simulator used to answer', () => {
    const sp = { uuid: U, customer_image: null };
    expect(check(x({ method: 'GET', path: `/api/marketplace-service-providers/${D}/`, responseType: 'application/json', responseBody: sp }))).toEqual([
      'response marketplace_service_providers_retrieve body.customer_image: must be string (null)',
    ]);
    expect(
      check(
        x({
          method: 'POST',
          path: `/api/marketplace-service-providers/${D}/generate_site_agent_config/`,
          requestType: 'application/json',
          requestBody: { offering_uuids: [D] },
          responseType: 'text/plain',
          responseBody: 'yaml',
        }),
      ),
    ).toEqual(['response marketplace_service_providers_generate_site_agent_config content-type: not one of application/json ("text/plain")']);
    expect(
      check(
        x({
          method: 'POST',
          path: `/api/marketplace-service-providers/${D}/set_offerings_username/`,
          requestType: 'application/json',
          requestBody: { user_uuid: D, username: 'u' },
          status: 201,
          responseType: 'application/json',
          responseBody: { detail: 'ok' },
        }),
      ),
    ).toEqual(['response marketplace_service_providers_set_offerings_username body: the operation declares no response body ({"detail":"ok"})']);
    expect(check(x({ method: 'GET', path: '/api/marketplace-offering-users/', status: 302 }))[0]).toMatch(
      /^response marketplace_offering_users_list status 302: not a status the operation declares/,
    );
  });

  it('allows exactly the listed deviations: hex UUIDs and "" URLs in responses, DRF error bodies, newer question types', () => {
    expect(
      check(
        x({
          method: 'GET',
          path: `/api/marketplace-service-providers/${D}/`,
          responseType: 'application/json',
          responseBody: { uuid: U, customer_uuid: U, image: null },
        }),
      ),
    ).toEqual([]);
    expect(
      check(
        x({
          method: 'POST',
          path: `/api/marketplace-offering-users/${D}/set_ok/`,
          status: 400,
          responseType: 'application/json',
          responseBody: { detail: 'Cannot transition to OK from current state: 8. Valid states for operation: Requested.' },
        }),
      ),
    ).toEqual([]);
    expect(
      check(x({ method: 'POST', path: `/api/marketplace-offering-users/${D}/set_ok/`, status: 400, responseType: 'application/json', responseBody: 42 })),
    ).toEqual(['response marketplace_offering_users_set_ok status 400: not a DRF error body (42)']);
    expect(
      check(x({ method: 'GET', path: `/api/marketplace-service-providers/${D}/`, responseType: 'application/json', responseBody: { uuid: 'not-a-uuid' } })),
    ).toEqual(['response marketplace_service_providers_retrieve body.uuid: must match format "uuid" ("not-a-uuid")']);
  });
});
