import { beforeEach, describe, expect, it } from 'vitest';
import { isoMicro } from 'waldur-simulator/store';
import { parsePath, seedLookups, useStack, type Stack, dashed, expectEach, expectedConsentReads } from './helpers/stack.js';

const use = useStack({ inProcess: true });
let stack: Stack;
beforeEach(() => {
  stack = use();
});
const { store, offering, user, accountOf } = seedLookups(() => stack);

const CONSENT =
  'uuid version agreementDate revocationDate hasConsent requiresReconsent user { username } offering { name } offeringUser { uuid hasConsent requiresReconsent }';
const CREATE = `mutation($o: UUID!) { r: createConsent(input: { offeringUuid: $o }) { __typename ... on CreateConsentSuccess { consent { ${CONSENT} } } ... on ValidationError { fieldErrors { field messages } } ... on Error { message } } }`;
const REVOKE = `mutation($u: UUID!) { r: revokeConsent(input: { uuid: $u }) { __typename ... on RevokeConsentSuccess { consent { ${CONSENT} } } ... on Error { message } } }`;
const OU = 'query($u: UUID!) { offeringUser(uuid: $u) { hasConsent requiresReconsent consent { uuid version requiresReconsent } } }';

describe('consenting', () => {
  it('re-consent after a ToS version bump clears requiresReconsent, then a new bump sets it again', async () => {
    const puhti = offering('Puhti HPC cluster');
    const account = accountOf('uma.user', 'Puhti HPC cluster')!;
    const before = await stack.gql(OU, { u: account.uuid }, 'user');
    // Seeded: Uma consented to 1.0; the active ToS 2.0 asks for re-consent.
    expect(before.data.offeringUser).toMatchObject({ hasConsent: true, requiresReconsent: true, consent: { version: '1.0', requiresReconsent: true } });

    stack.sim.clearLog();
    const r = await stack.gql(CREATE, { o: puhti.uuid }, 'user');
    expect(r.data.r.__typename).toBe('CreateConsentSuccess');
    expect(r.data.r.consent).toMatchObject({
      version: '2.0',
      hasConsent: true,
      requiresReconsent: false,
      user: { username: 'uma.user' },
      offering: { name: 'Puhti HPC cluster' },
    });
    expect(r.data.r.consent.offeringUser).toEqual({ uuid: account.uuid, hasConsent: true, requiresReconsent: false });
    const calls = stack.upstream().map((c) => `${c.method} ${parsePath(c.path).pathname}`);
    expect(calls.slice(0, 3).sort()).toEqual(
      ['GET /api/marketplace-user-offering-consents/', 'GET /api/users/me/', 'POST /api/marketplace-user-offering-consents/'].sort(),
    );
    expect(stack.upstream()[calls.indexOf('POST /api/marketplace-user-offering-consents/')].body).toEqual({ offering: dashed(puhti.uuid) });

    const again = await stack.gql(CREATE, { o: puhti.uuid }, 'user');
    expect(again.data.r).toEqual({
      __typename: 'AlreadyConsentedError',
      message: 'You have already consented to the current Terms of Service for this offering.',
    });

    // The provider publishes version 3.0 and asks everyone to re-consent.
    for (const t of store().termsOfService.values()) if (t.offering_uuid === puhti.uuid) t.is_active = false;
    store().termsOfService.set('f'.repeat(32), {
      uuid: 'f'.repeat(32),
      offering_uuid: puhti.uuid,
      version: '3.0',
      terms_of_service: 'v3',
      terms_of_service_link: 'https://puhti.example.org/terms/3.0/',
      is_active: true,
      requires_reconsent: true,
      grace_period_days: 30,
      created: isoMicro(),
    });
    const bumped = await stack.gql(OU, { u: account.uuid }, 'user');
    expect(bumped.data.offeringUser).toMatchObject({ hasConsent: true, requiresReconsent: true, consent: { version: '2.0', requiresReconsent: true } });
    const re = await stack.gql(CREATE, { o: puhti.uuid }, 'user');
    expect(re.data.r.consent).toMatchObject({ version: '3.0', requiresReconsent: false });
    const after = await stack.gql(OU, { u: account.uuid }, 'user');
    expect(after.data.offeringUser).toMatchObject({ hasConsent: true, requiresReconsent: false });
  });

  it('an offering without ToS and an unknown offering give typed errors', async () => {
    const none = await stack.gql(CREATE, { o: offering('LUMI-G GPU partition').uuid }, 'user');
    expect(none.data.r).toEqual({ __typename: 'NoTermsOfServiceError', message: 'This offering does not have Terms of Service.' });
    const unknown = await stack.gql(CREATE, { o: '1'.repeat(32) }, 'user');
    expect(unknown.data.r.__typename).toBe('ValidationError');
    expect(unknown.data.r.fieldErrors[0].field).toBe('offeringUuid');
  });

  it('revoking twice moves the date; the offering user follows', async () => {
    const allas = accountOf('uma.user', 'Allas object storage')!;
    // Seeded: Uma consented to the current Allas terms.
    const uuid = store().consentOf(user('uma.user').uuid, allas.offering_uuid)!.uuid;
    expect((await stack.gql(OU, { u: allas.uuid }, 'user')).data.offeringUser.hasConsent).toBe(true);
    const first = await stack.gql(REVOKE, { u: uuid }, 'user');
    expect(first.data.r.consent).toMatchObject({ hasConsent: false, requiresReconsent: false });
    await new Promise((r) => setTimeout(r, 5));
    const second = await stack.gql(REVOKE, { u: uuid }, 'user');
    expect(second.data.r.__typename).toBe('RevokeConsentSuccess');
    expect(Date.parse(second.data.r.consent.revocationDate)).toBeGreaterThan(Date.parse(first.data.r.consent.revocationDate));
    expect((await stack.gql(OU, { u: allas.uuid }, 'user')).data.offeringUser.hasConsent).toBe(false);
    // Consenting again reactivates the same row.
    const back = await stack.gql(CREATE, { o: allas.offering_uuid }, 'user');
    expect(back.data.r.consent).toMatchObject({ uuid, hasConsent: true, revocationDate: null });
  });

  it("another user's consent is invisible", async () => {
    const mine = store().consentOf(user('uma.user').uuid, offering('Puhti HPC cluster').uuid)!;
    const seen = await stack.gql('query($u: UUID!) { consent(uuid: $u) { uuid } }', { u: mine.uuid }, 'otherUser');
    expect(seen.data.consent).toBeNull();
    const revoke = await stack.gql(REVOKE, { u: mine.uuid }, 'otherUser');
    expect(revoke.data.r.__typename).toBe('NotFoundError');
    const list = await stack.gql('{ consents(first: 100) { totalCount nodes { user { username } } } }', {}, 'otherUser');
    expect(new Set(list.data.consents.nodes.map((n) => n.user.username))).toEqual(new Set(['victor.visitor']));
  });

  it('update (PATCH) and replace (PUT) set the version, delete removes the row', async () => {
    const openstack = offering('Baltic OpenStack tenant');
    const c = store().consentOf(user('victor.visitor').uuid, openstack.uuid)!;
    const u = await stack.gql(
      `mutation($u: UUID!) { r: updateConsent(input: { uuid: $u, version: "3.1" }) { __typename ... on UpdateConsentSuccess { consent { version requiresReconsent } } } }`,
      { u: c.uuid },
      'otherUser',
    );
    expect(u.data.r.consent).toEqual({ version: '3.1', requiresReconsent: false });
    expect(stack.upstream().at(-1)).toMatchObject({ method: 'PATCH', body: { version: '3.1' } });
    const put = await stack.gql(
      `mutation($u: UUID!) { r: replaceConsent(input: { uuid: $u, version: "3.2" }) { __typename ... on ReplaceConsentSuccess { consent { version } } } }`,
      { u: c.uuid },
      'otherUser',
    );
    expect(put.data.r).toEqual({ __typename: 'ReplaceConsentSuccess', consent: { version: '3.2' } });
    expect(stack.upstream().at(-1)).toMatchObject({
      method: 'PUT',
      path: `/api/marketplace-user-offering-consents/${dashed(c.uuid)}/`,
      body: { version: '3.2' },
    });
    expect(store().consentOf(user('victor.visitor').uuid, openstack.uuid)!.version).toBe('3.2');
    const d = await stack.gql(
      `mutation($u: UUID!) { r: deleteConsent(input: { uuid: $u }) { __typename ... on DeleteConsentSuccess { deletedUuid } } }`,
      { u: c.uuid },
      'otherUser',
    );
    expect(d.data.r).toEqual({ __typename: 'DeleteConsentSuccess', deletedUuid: c.uuid });
    expect((await stack.gql('query($u: UUID!) { consent(uuid: $u) { uuid } }', { u: c.uuid }, 'otherUser')).data.consent).toBeNull();
  });
});

describe('listing', () => {
  it('filters and ordering reach Waldur', async () => {
    const puhti = offering('Puhti HPC cluster');
    const uma = user('uma.user');
    const r = await stack.gql(
      `query($f: ConsentFilter) { consents(first: 10, filter: $f, orderBy: [AGREEMENT_DATE_DESC, MODIFIED_ASC]) { totalCount } }`,
      {
        f: {
          offeringUuid: puhti.uuid,
          userUuid: uma.uuid,
          user: `${stack.sim.apiRoot}users/${uma.uuid}/`,
          offering: `${stack.sim.apiRoot}marketplace-provider-offerings/${puhti.uuid}/`,
          version: '3.0',
          hasConsent: true,
          requiresReconsent: false,
        },
      },
      'staff',
    );
    expect(r.errors).toBeUndefined();
    const { params } = parsePath(stack.upstream()[0].path);
    expect(Object.fromEntries(params)).toMatchObject({
      offering_uuid: dashed(puhti.uuid),
      user_uuid: dashed(uma.uuid),
      version: '3.0',
      has_consent: 'true',
      requires_reconsent: 'false',
      o: '-agreement_date,modified',
      user: `${stack.sim.apiRoot}users/${uma.uuid}/`,
    });
  });

  it('a provider lists consents by offering and version', async () => {
    const openstack = offering('Baltic OpenStack tenant');
    const r = await stack.gql(
      `query($o: UUID!) { old: consents(first: 300, filter: { offeringUuid: $o, version: "3.0" }) { totalCount nodes { version } } all: consents(first: 0, filter: { offeringUuid: $o }) { totalCount } }`,
      { o: openstack.uuid },
      'staff',
    );
    const expectedOld = [...store().consents.values()].filter((c) => c.offering_uuid === openstack.uuid && c.version === '3.0').length;
    expect(r.data.old.totalCount).toBe(expectedOld);
    expect(expectedOld).toBeGreaterThan(0);
    expectEach(r.data.old.nodes, (n) => n.version === '3.0');
    expect(r.data.all.totalCount).toBeGreaterThan(expectedOld);
    expect(r.upstreamCount).toBe(2);
  });

  it('50 offering users with their consents cost one list call plus one per busy offering or per user', async () => {
    const r = await stack.gql(
      '{ offeringUsers(first: 50) { nodes { uuid user { uuid } offering { uuid } hasConsent consent { uuid version hasConsent } } } }',
      {},
      'staff',
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data.offeringUsers.nodes;
    expect(r.upstreamCount).toBe(1 + expectedConsentReads(nodes.map((n) => ({ user: n.user.uuid, offering: n.offering.uuid }))));
    for (const n of nodes) {
      const c = store().consentOf(n.user.uuid, n.offering.uuid);
      expect(n.consent?.uuid ?? null).toBe(c?.uuid ?? null);
      if (n.hasConsent) expect(n.consent.hasConsent).toBe(true);
    }
    // Each call names one group (Waldur's consent filter takes a single UUID) and reads one page of
    // it, or names the exact pair and reads one row. No offering here has 12 rows on the page: no
    // call reads an offering's consents.
    const consentCalls = stack.upstream().filter((c) => c.path.startsWith('/api/marketplace-user-offering-consents/'));
    expect(consentCalls.length).toBeGreaterThan(0);
    for (const c of consentCalls) {
      const p = parsePath(c.path).params;
      expect(p.has('user_uuid')).toBe(true);
      expect(p.get('page_size')).toBe(p.has('user_uuid') && p.has('offering_uuid') ? '1' : '300');
    }
  });

  it('an offering with many rows on the page is read as one page of its consents, not per user', async () => {
    const puhti = offering('Puhti HPC cluster').uuid;
    const r = await stack.gql(
      'query($o: [UUID!]) { offeringUsers(first: 40, filter: { offeringUuid: $o }) { nodes { user { uuid } consent { uuid } } } }',
      { o: [puhti] },
      'staff',
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data.offeringUsers.nodes;
    expect(nodes.length).toBeGreaterThanOrEqual(12);
    const consentCalls = stack.upstream().filter((c) => c.path.startsWith('/api/marketplace-user-offering-consents/'));
    expect(consentCalls.map((c) => [...parsePath(c.path).params.keys()].sort())).toEqual([['offering_uuid', 'page', 'page_size']]);
    for (const n of nodes) expect(n.consent?.uuid ?? null).toBe(store().consentOf(n.user.uuid, puhti)?.uuid ?? null);
    expect(nodes.filter((n) => n.consent).length).toBeGreaterThan(0);
  });

  it('offering users hasConsent filter follows consents', async () => {
    const r = await stack.gql(
      '{ yes: offeringUsers(first: 300, filter: { hasConsent: true }) { totalCount nodes { user { uuid } offering { uuid } } } }',
      {},
      'staff',
    );
    for (const n of r.data.yes.nodes) {
      const c = store().consentOf(n.user.uuid, n.offering.uuid);
      expect(c?.revocation_date).toBeNull();
    }
  });
});
