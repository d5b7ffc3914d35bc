import { beforeEach, describe, expect, it } from 'vitest';
import { NESTED_LISTS } from '../src/upstream/resources/service-provider-lists.js';
import { DEMO_TOKENS, parsePath, seedLookups, useStack, type Json, type Stack, dashed, expectEach, expectedConsentReads } from './helpers/stack.js';
import { nestedField, nestedFilterNames } from '../src/schema/service-provider/lists.js';

const use = useStack();
let stack: Stack;
beforeEach(() => {
  stack = use();
});
const { store, customer, provider, user } = seedLookups(() => stack);

describe('service providers', () => {
  it('reads one with every REST field typed, and lists with filter and ordering', async () => {
    const nhpc = provider('NHPC');
    const r = await stack.gql(
      `query($u: UUID!) { serviceProvider(uuid: $u) { id uuid url created description enableNotifications customerUuid customerName customerAbbreviation customerSlug customerCountry customerUrl image offeringCount organizationGroups { name parentName customersCount } customer { name } } }`,
      { u: nhpc.uuid },
      'user',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.serviceProvider).toMatchObject({
      uuid: nhpc.uuid,
      customerName: 'Nordic HPC Centre',
      customerAbbreviation: 'NHPC',
      customerCountry: 'FI',
      offeringCount: 4,
      customer: { name: 'Nordic HPC Centre' },
    });
    expect(r.data.serviceProvider.organizationGroups[0]).toMatchObject({ name: 'Nordic research network', parentName: null });
    const list = await stack.gql(
      `{ serviceProviders(first: 10, filter: { customerKeyword: "a" }, orderBy: [CUSTOMER_NAME_DESC]) { totalCount nodes { customerName } } }`,
      {},
      'user',
    );
    const names = list.data.serviceProviders.nodes.map((n) => n.customerName);
    expect(names).toEqual([...names].sort().reverse());
    const { params } = parsePath(stack.upstream().at(-1)!.path);
    expect(params.get('customer_keyword')).toBe('a');
    expect(params.get('o')).toBe('-customer_name');
  });

  it('every nested list answers for the owner, with totalCount and its filter reaching Waldur', async () => {
    const nhpc = provider('NHPC');
    const uma = user('uma.user');
    const someCustomer = [...store().projects.values()].find((p) =>
      [...store().resources.values()].some((r) => r.project_uuid === p.uuid && store().offerings.get(r.offering_uuid)!.customer_uuid === nhpc.customer_uuid),
    )!.customer_uuid;
    // One representative filter per list, in GraphQL form and as Waldur must receive it.
    const cases: Record<string, [string, string, Record<string, string>]> = {
      offerings: [
        'filter: { state: ["Active"], canCreateOfferingUser: true }',
        'uuid name state billingPriceEstimate { total }',
        { state: 'Active', can_create_offering_user: 'true' },
      ],
      customers: ['filter: { name: "univ" }', 'uuid name projectsCount usersCount', { name: 'univ' }],
      customerProjects: [`customerUuid: "${someCustomer}", filter: { query: "" }`, 'uuid name resourcesCount', { project_customer_uuid: dashed(someCustomer) }],
      projects: ['filter: { isRemoved: false }, orderBy: [NAME_DESC]', 'uuid name customerName', { is_removed: 'false', o: '-name' }],
      projectPermissions: [
        'filter: { roleName: "PROJECT.MEMBER" }, orderBy: [USERNAME_ASC]',
        'userUsername roleName projectName',
        { role_name: 'PROJECT.MEMBER', o: 'username' },
      ],
      sshKeys: ['filter: { isShared: false }', 'uuid name fingerprintMd5 userUuid', { is_shared: 'false' }],
      users: ['filter: { isActive: true }, orderBy: [USERNAME_ASC]', 'uuid username fullName projectsCount', { is_active: 'true', o: 'username' }],
      userCustomers: [`userUuid: "${uma.uuid}"`, 'uuid name', { user_uuid: dashed(uma.uuid) }],
      projectServiceAccounts: ['filter: { state: ["OK", "Erred"] }', 'uuid username state projectName', { state: 'OK' }],
      courseAccounts: ['filter: { state: ["OK"] }, orderBy: [CREATED_DESC]', 'uuid username state', { state: 'OK', o: '-created' }],
      teamMembers: ['filter: { role: "SERVICE_PROVIDER.MANAGER" }', 'userUsername roleName expirationTime', { role: 'SERVICE_PROVIDER.MANAGER' }],
      robotAccountCustomers: ['filter: { customerName: "" }', 'uuid name', {}],
      robotAccountProjects: ['filter: { projectName: "" }', 'uuid name', {}],
    };
    expect(Object.keys(cases).sort()).toEqual(NESTED_LISTS.map((l) => nestedField(l.route)).sort());
    for (const [field, [args, selection, wire]] of Object.entries(cases)) {
      stack.sim.clearLog();
      const r = await stack.gql(
        `query($u: UUID!) { serviceProvider(uuid: $u) { ${field}(first: 5, ${args}) { totalCount nodes { ${selection} } } } }`,
        { u: nhpc.uuid },
        'owner',
      );
      expect(r.errors, field).toBeUndefined();
      const conn = r.data.serviceProvider[field];
      expect(conn.totalCount, field).toBeGreaterThan(0);
      expect(conn.nodes.length, field).toBeGreaterThan(0);
      const call = stack.upstream().find((c) => c.path.includes(`/${NESTED_LISTS.find((l) => nestedField(l.route) === field)!.route}/`))!;
      const { params } = parsePath(call.path);
      for (const [k, v] of Object.entries(wire)) expect(params.get(k), `${field} ${k}`).toBe(v);
    }
  });

  it('repeated and comma-separated filters are encoded per their spec', async () => {
    const nhpc = provider('NHPC');
    const off = [...store().offerings.values()].filter((o) => o.customer_uuid === nhpc.customer_uuid).map((o) => o.uuid);
    await stack.gql(
      `query($u: UUID!, $o: [UUID!]) { serviceProvider(uuid: $u) { offerings(filter: { uuidList: $o, type: ["Marketplace.Slurm", "Marketplace.Basic"] }) { totalCount } } }`,
      { u: nhpc.uuid, o: off.slice(0, 2) },
      'owner',
    );
    const { params } = parsePath(stack.upstream().at(-1)!.path);
    expect(params.getAll('uuid_list')).toEqual([off.slice(0, 2).map(dashed).join(',')]);
    expect(params.getAll('type')).toEqual(['Marketplace.Slurm', 'Marketplace.Basic']);
    expectEach(NESTED_LISTS.flatMap(nestedFilterNames), (n) => /^[a-z][A-Za-z0-9]*$/.test(n));
  });

  it('a plain user gets FORBIDDEN on protected lists only; offerings and the provider still answer', async () => {
    const nhpc = provider('NHPC');
    const r = await stack.gql(
      `query($u: UUID!) { serviceProvider(uuid: $u) { customerName offerings(first: 2) { totalCount } projects(first: 2) { totalCount } statistics { activeResources } apiSecretCode compliance { overview { totalCount } } } }`,
      { u: nhpc.uuid },
      'user',
    );
    expect(r.data.serviceProvider).toMatchObject({
      customerName: 'Nordic HPC Centre',
      offerings: { totalCount: 4 },
      projects: null,
      statistics: null,
      apiSecretCode: null,
      compliance: { overview: null },
    });
    expect(r.errors!.map((e) => [e.path!.join('.'), e.extensions!.code]).sort()).toEqual([
      ['serviceProvider.apiSecretCode', 'FORBIDDEN'],
      ['serviceProvider.compliance.overview', 'FORBIDDEN'],
      ['serviceProvider.projects', 'FORBIDDEN'],
      ['serviceProvider.statistics', 'FORBIDDEN'],
    ]);
    // The refused reads started early (statistics, the overview) are not asked again by their fields:
    // provider, offerings, projects, statistics, secret code, overview, once each.
    expect(r.upstreamCount).toBe(6);
    expect(stack.upstream().filter((c) => c.path.includes('/stat/'))).toHaveLength(1);
  });

  it('the owner sees statistics, a year of revenue, the secret code and compliance', async () => {
    const nhpc = provider('NHPC');
    const r = await stack.gql(
      `query($u: UUID!) { serviceProvider(uuid: $u) {
      statistics { activeResources currentCustomers activeAndPausedOfferings erredResources pendingOrders }
      revenue { year month total }
      apiSecretCode
      compliance {
        overview { totalCount nodes { offeringName checklistName totalUsers completedUsers pendingUsers complianceRate } }
        offeringUsers(first: 5, filter: { complianceStatus: PENDING }) { totalCount nodes { uuid state complianceStatus completionPercentage offeringUser { uuid state username } } }
        checklistsSummary { nodes { checklistName questionsCount offeringsCount } }
      }
    } }`,
      { u: nhpc.uuid },
      'owner',
    );
    expect(r.errors).toBeUndefined();
    const sp = r.data.serviceProvider;
    expect(sp.statistics.activeAndPausedOfferings).toBe(4);
    expect(sp.revenue).toHaveLength(12);
    expect(sp.apiSecretCode).toBe(store().serviceProviders.get(nhpc.uuid)!.api_secret_code);
    expect(sp.compliance.overview.nodes.map((n) => n.offeringName)).toEqual(['LUMI-G GPU partition', 'Puhti HPC cluster']);
    for (const row of sp.compliance.offeringUsers.nodes) {
      expect(row.complianceStatus).toBe('PENDING');
      // Waldur sends the integer state here; the gateway shows the same enum as everywhere.
      expect(row.state).toBe(row.offeringUser.state);
    }
    expect(sp.compliance.checklistsSummary.nodes).toEqual([{ checklistName: 'HPC access compliance', questionsCount: 13, offeringsCount: 2 }]);
    const raw = stack.upstream().find((c) => c.path.includes('compliance/offering_users'))!;
    expect(parsePath(raw.path).params.get('compliance_status')).toBe('pending');
  });

  it('an unknown provider reads as null', async () => {
    const r = await stack.gql(`{ serviceProvider(uuid: "${'0'.repeat(32)}") { uuid } }`, {}, 'user');
    expect(r.data.serviceProvider).toBeNull();
  });
});

describe('links between resources', () => {
  it('50 offering users with serviceProvider and offering details: one call per distinct provider', async () => {
    const r = await stack.gql(
      '{ offeringUsers(first: 50) { nodes { customer { uuid } serviceProvider { uuid customerName } offeringDetails { name type state } offering { uuid name } } } }',
      {},
      'staff',
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data.offeringUsers.nodes;
    const providers = new Set(nodes.map((n) => n.customer.uuid));
    expect(r.upstreamCount).toBe(1 + providers.size * 2);
    for (const n of nodes) {
      expect(n.serviceProvider.customerName).toBeTruthy();
      // Every seeded offering is visible to staff: the details are always there and match.
      expect(n.offeringDetails?.name, n.offering.uuid).toBe(n.offering.name);
    }
    // One call per provider names exactly the offerings of that provider's rows, dashed, once each.
    const offeringCalls = stack.upstream().filter((c) => c.path.includes('/offerings/'));
    const asked = offeringCalls.flatMap((c) => parsePath(c.path).params.get('uuid_list')!.split(','));
    expect(new Set(asked)).toEqual(new Set(nodes.map((n) => dashed(n.offering.uuid))));
    expect(asked).toHaveLength(new Set(asked).size);
  });

  it("the provider's offering users, filtered by the provider's customer", async () => {
    const nhpc = provider('NHPC');
    const r = await stack.gql(
      `query($u: UUID!) { serviceProvider(uuid: $u) { offeringUsers(first: 5, filter: { state: [OK] }) { totalCount nodes { customer { uuid } state } } } }`,
      { u: nhpc.uuid },
      'owner',
    );
    expectEach(r.data.serviceProvider.offeringUsers.nodes, (n) => n.customer.uuid === nhpc.customer_uuid && n.state === 'OK');
    const { params } = parsePath(stack.upstream().at(-1)!.path);
    expect(params.get('provider_uuid')).toBe(dashed(nhpc.customer_uuid));
  });

  it('consents of one provider offering (staff see all of them)', async () => {
    const nhpc = provider('NHPC');
    const puhti = [...store().offerings.values()].find((o) => o.name === 'Puhti HPC cluster')!;
    const r = await stack.gql(
      `query($u: UUID!, $o: UUID!) { serviceProvider(uuid: $u) { consents(offeringUuid: $o, first: 3) { totalCount nodes { offering { uuid } } } } }`,
      { u: nhpc.uuid, o: puhti.uuid },
      'staff',
    );
    expect(r.data.serviceProvider.consents.totalCount).toBe([...store().consents.values()].filter((c) => c.offering_uuid === puhti.uuid).length);
  });
});

describe('the provider dashboard', () => {
  const DASHBOARD = `query Dashboard($u: UUID!) {
    serviceProvider(uuid: $u) {
      customerName
      statistics { activeResources currentCustomers pendingOrders }
      revenue { year month total }
      offeringUsers(first: 20, orderBy: [CREATED_DESC]) { totalCount nodes { uuid state user { fullName } consent { hasConsent requiresReconsent } completionStatus { completionPercentage isCompleted } } }
      compliance { overview { nodes { offeringName complianceRate } } }
    }
  }`;

  it('answers in one round trip with the fewest REST calls, independent branches in parallel', async () => {
    const nhpc = provider('NHPC');
    stack.sim.setLatency(25);
    try {
      const r = await stack.gql(DASHBOARD, { u: nhpc.uuid }, 'staff');
      expect(r.errors).toBeUndefined();
      const ous = r.data.serviceProvider.offeringUsers.nodes;
      expect(ous).toHaveLength(20);
      const calls = stack.upstream();
      const withChecklist = calls.filter((c) => c.path.includes('/completion_status/')).length;
      const consentCalls = calls.filter((c) => c.path.startsWith('/api/marketplace-user-offering-consents/')).length;
      const pairs = ous.map((o) => store().offeringUsers.get(o.uuid)!).map((ou) => ({ user: ou.user_uuid, offering: ou.offering_uuid }));
      expect(consentCalls).toBe(expectedConsentReads(pairs));
      expect(withChecklist).toBe(
        ous.filter(
          (o) => store().offeringUsers.get(o.uuid) && store().offerings.get(store().offeringUsers.get(o.uuid)!.offering_uuid)!.compliance_checklist_uuid,
        ).length,
      );
      // provider, stat, revenue, offering users, compliance overview + batched consents + completions
      expect(r.upstreamCount).toBe(5 + consentCalls + withChecklist);
      // stat, revenue, the list and the overview ran side by side, not one after another.
      expect(stack.sim.maxInFlight).toBeGreaterThanOrEqual(4);
    } finally {
      stack.sim.setLatency(0);
    }
  });
});

describe('mutations', () => {
  const RESULT = (success: string, inner: string) =>
    `__typename ... on ${success} { ${inner} } ... on ValidationError { fieldErrors { field messages } nonFieldErrors } ... on Error { message }`;

  it('create (duplicate refused), update, replace, delete (refused with active offerings)', async () => {
    const uni = customer('UoT');
    const create = await stack.gql(
      `mutation($c: UUID!) { r: createServiceProvider(input: { customerUuid: $c, description: "Tartu HPC", enableNotifications: false }) { ${RESULT('CreateServiceProviderSuccess', 'serviceProvider { uuid customerUuid description enableNotifications }')} } }`,
      { c: uni.uuid },
      'staff',
    );
    expect(create.data.r.serviceProvider).toMatchObject({ customerUuid: uni.uuid, description: 'Tartu HPC', enableNotifications: false });
    const body = stack.upstream().find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(body.customer).toBe(`${stack.sim.apiRoot}customers/${dashed(uni.uuid)}/`);
    const dup = await stack.gql(
      `mutation($c: UUID!) { r: createServiceProvider(input: { customerUuid: $c }) { ${RESULT('CreateServiceProviderSuccess', 'serviceProvider { uuid }')} } }`,
      { c: uni.uuid },
      'staff',
    );
    expect(dup.data.r).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'customerUuid', messages: ['service provider with this customer already exists.'] }],
    });
    const uuid = create.data.r.serviceProvider.uuid;
    const patch = await stack.gql(
      `mutation($u: UUID!) { r: updateServiceProvider(input: { uuid: $u, description: "Tartu HPC and storage" }) { ${RESULT('UpdateServiceProviderSuccess', 'serviceProvider { description enableNotifications }')} } }`,
      { u: uuid },
      'staff',
    );
    expect(patch.data.r.serviceProvider).toEqual({ description: 'Tartu HPC and storage', enableNotifications: false });
    expect(stack.upstream().at(-1)).toMatchObject({ method: 'PATCH', body: { description: 'Tartu HPC and storage' } });
    const put = await stack.gql(
      `mutation($u: UUID!, $c: UUID!) { r: replaceServiceProvider(input: { uuid: $u, customerUuid: $c, description: "Replaced", enableNotifications: true }) { ${RESULT('ReplaceServiceProviderSuccess', 'serviceProvider { description enableNotifications customerUuid }')} } }`,
      { u: uuid, c: uni.uuid },
      'staff',
    );
    expect(put.data.r.serviceProvider).toEqual({ description: 'Replaced', enableNotifications: true, customerUuid: uni.uuid });
    const del = await stack.gql(
      `mutation($u: UUID!) { r: deleteServiceProvider(input: { uuid: $u }) { ${RESULT('DeleteServiceProviderSuccess', 'deletedUuid')} } }`,
      { u: uuid },
      'staff',
    );
    expect(del.data.r).toEqual({ __typename: 'DeleteServiceProviderSuccess', deletedUuid: uuid });
    const busy = await stack.gql(
      `mutation($u: UUID!) { r: deleteServiceProvider(input: { uuid: $u }) { ${RESULT('DeleteServiceProviderSuccess', 'deletedUuid')} } }`,
      { u: provider('NHPC').uuid },
      'owner',
    );
    expect(busy.data.r).toMatchObject({ __typename: 'ValidationError', nonFieldErrors: ['Service provider has active offerings. Please archive them first.'] });
  });

  it('a plain user may not create or update providers', async () => {
    const r = await stack.gql(
      `mutation($c: UUID!) { r: createServiceProvider(input: { customerUuid: $c }) { __typename } }`,
      { c: customer('AU').uuid },
      'user',
    );
    expect(r.data.r.__typename).toBe('ForbiddenError');
    const u = await stack.gql(
      `mutation($u: UUID!) { r: updateServiceProvider(input: { uuid: $u, description: "x" }) { __typename } }`,
      { u: provider('NHPC').uuid },
      'manager',
    );
    expect(u.data.r.__typename).toBe('ForbiddenError');
  });

  it('creates with an image through a GraphQL multipart upload', async () => {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query:
          'mutation($c: UUID!, $f: File) { r: createServiceProvider(input: { customerUuid: $c, image: $f }) { ... on CreateServiceProviderSuccess { serviceProvider { image } } ... on Error { message } } }',
        variables: { c: customer('AU').uuid, f: null },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')], { type: 'image/png' }), 'logo.png');
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Token ${DEMO_TOKENS.staff}`, 'graphql-require-preflight': '1' },
      body: form,
    });
    const body = (await res.json()) as Json;
    expect(body.errors).toBeUndefined();
    expect(body.data.r.serviceProvider.image).toMatch(/media\/service_provider_images\/.*logo\.png$/);
  });

  it('team roles: add, duplicate, invalid role, update, remove', async () => {
    const nhpc = provider('NHPC');
    const victor = user('victor.visitor');
    const ROLE = (m: string, s: string, extra = '') =>
      `mutation($u: UUID!, $v: UUID!, $r: String!) { r: ${m}(input: { uuid: $u, userUuid: $v, role: $r ${extra} }) { ${RESULT(s, 'expirationTime')} } }`;
    const add = await stack.gql(
      ROLE('addServiceProviderUser', 'AddServiceProviderUserSuccess', ', expirationTime: "2030-01-01T00:00:00Z"'),
      { u: nhpc.uuid, v: victor.uuid, r: 'SERVICE_PROVIDER.MANAGER' },
      'owner',
    );
    expect(add.data.r).toEqual({ __typename: 'AddServiceProviderUserSuccess', expirationTime: '2030-01-01T00:00:00.000000Z' });
    const again = await stack.gql(
      ROLE('addServiceProviderUser', 'AddServiceProviderUserSuccess'),
      { u: nhpc.uuid, v: victor.uuid, r: 'SERVICE_PROVIDER.MANAGER' },
      'owner',
    );
    expect(again.data.r.nonFieldErrors).toEqual(['User has already the same role in this scope.']);
    for (const [role, message] of [
      ['NO.SUCH', 'Role is not found.'],
      ['PROJECT.ADMIN', 'Role is not valid for this scope.'],
      ['SERVICE_PROVIDER.LEGACY_OPERATOR', 'Role is not active.'],
    ]) {
      const bad = await stack.gql(ROLE('addServiceProviderUser', 'AddServiceProviderUserSuccess'), { u: nhpc.uuid, v: victor.uuid, r: role }, 'owner');
      expect(bad.data.r.nonFieldErrors).toEqual([message]);
    }
    const past = await stack.gql(
      ROLE('addServiceProviderUser', 'AddServiceProviderUserSuccess', ', expirationTime: "2001-01-01T00:00:00Z"'),
      { u: nhpc.uuid, v: user('uma.user').uuid, r: 'SERVICE_PROVIDER.SUPPORT' },
      'owner',
    );
    expect(past.data.r.nonFieldErrors).toEqual(['Expiration time should be greater than current time.']);
    const upd = await stack.gql(
      ROLE('updateServiceProviderUser', 'UpdateServiceProviderUserSuccess', ', expirationTime: null'),
      { u: nhpc.uuid, v: victor.uuid, r: 'SERVICE_PROVIDER.MANAGER' },
      'owner',
    );
    expect(upd.data.r).toEqual({ __typename: 'UpdateServiceProviderUserSuccess', expirationTime: null });
    const rm = await stack.gql(
      `mutation($u: UUID!, $v: UUID!) { r: removeServiceProviderUser(input: { uuid: $u, userUuid: $v, role: "SERVICE_PROVIDER.MANAGER" }) { __typename ... on RemoveServiceProviderUserSuccess { userUuid serviceProvider { uuid } } } }`,
      { u: nhpc.uuid, v: victor.uuid },
      'owner',
    );
    expect(rm.data.r).toEqual({ __typename: 'RemoveServiceProviderUserSuccess', userUuid: victor.uuid, serviceProvider: { uuid: nhpc.uuid } });
    const plain = await stack.gql(
      ROLE('addServiceProviderUser', 'AddServiceProviderUserSuccess'),
      { u: nhpc.uuid, v: victor.uuid, r: 'SERVICE_PROVIDER.MANAGER' },
      'user',
    );
    expect(plain.data.r.__typename).toBe('ForbiddenError');
  });

  it('set offerings username creates and moves accounts to OK; unknown user gives Waldur’s message', async () => {
    const nhpc = provider('NHPC');
    const victor = user('victor.visitor');
    const r = await stack.gql(
      `mutation($u: UUID!, $v: UUID!) { r: setServiceProviderOfferingsUsername(input: { uuid: $u, userUuid: $v, username: "vvisitor" }) { __typename ... on SetServiceProviderOfferingsUsernameSuccess { offeringUsers { username state offering { name } } } } }`,
      { u: nhpc.uuid, v: victor.uuid },
      'owner',
    );
    expect(r.data.r.offeringUsers.length).toBeGreaterThan(0);
    expectEach(r.data.r.offeringUsers, (o) => o.username === 'vvisitor' && o.state === 'OK');
    const bad = await stack.gql(
      `mutation($u: UUID!) { r: setServiceProviderOfferingsUsername(input: { uuid: $u, userUuid: "${'1'.repeat(32)}", username: "x" }) { __typename ... on ValidationError { nonFieldErrors } } }`,
      { u: nhpc.uuid },
      'owner',
    );
    expect(bad.data.r.nonFieldErrors).toEqual([`A user with the uuid [${'1'.repeat(32)}] is not found.`]);
  });

  it('generates a new API secret code and a site-agent config', async () => {
    const nhpc = provider('NHPC');
    const before = store().serviceProviders.get(nhpc.uuid)!.api_secret_code;
    const r = await stack.gql(
      `mutation($u: UUID!) { r: generateServiceProviderApiSecretCode(input: { uuid: $u }) { __typename ... on GenerateServiceProviderApiSecretCodeSuccess { apiSecretCode } } }`,
      { u: nhpc.uuid },
      'owner',
    );
    expect(r.data.r.apiSecretCode).not.toBe(before);
    expect(r.data.r.apiSecretCode).toBe(store().serviceProviders.get(nhpc.uuid)!.api_secret_code);
    const denied = await stack.gql(
      `mutation($u: UUID!) { r: generateServiceProviderApiSecretCode(input: { uuid: $u }) { __typename } }`,
      { u: nhpc.uuid },
      'manager',
    );
    expect(denied.data.r.__typename).toBe('ForbiddenError');
    const puhti = [...store().offerings.values()].find((o) => o.name === 'Puhti HPC cluster')!;
    const cfg = await stack.gql(
      `mutation($u: UUID!, $o: [UUID!]!) { r: generateServiceProviderSiteAgentConfig(input: { uuid: $u, offeringUuids: $o, timezone: "Europe/Helsinki" }) { __typename ... on GenerateServiceProviderSiteAgentConfigSuccess { config } } }`,
      { u: nhpc.uuid, o: [puhti.uuid] },
      'owner',
    );
    expect(cfg.data.r.config).toContain(`waldur_offering_uuid: "${puhti.uuid}"`);
    expect(cfg.data.r.config).toContain('timezone: "Europe/Helsinki"');
  });
});

describe('filter tables', () => {
  it('no list has two filters with the same GraphQL name', () => {
    for (const l of NESTED_LISTS) {
      const names = nestedFilterNames(l);
      expect(new Set(names).size, nestedField(l.route)).toBe(names.length);
    }
  });
});
