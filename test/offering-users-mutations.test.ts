import { beforeEach, describe, expect, it } from 'vitest';
import { LABEL_TO_STATE } from 'waldur-simulator/state-machine';
import { parsePath, useStack, type Stack, dashed } from './helpers/stack.js';

const use = useStack({ inProcess: true });
let stack: Stack;
beforeEach(() => {
  stack = use();
});

const OU_FIELDS = 'uuid state username serviceProviderComment serviceProviderCommentUrl allowedTransitions isRestricted';
const RESULT = (success: string) => `
  __typename
  ... on ${success} { offeringUser { ${OU_FIELDS} } }
  ${success.startsWith('Create') || success.startsWith('Update') || success.startsWith('Replace') || success.startsWith('SetOfferingUserRestricted') ? '' : '... on InvalidTransitionError { message currentState allowedSourceStates }'}
  ... on ValidationError { message fieldErrors { field messages } nonFieldErrors }
  ... on Error { message }
`;

function transition(field: string, withComment = false) {
  const success = `${field[0].toUpperCase()}${field.slice(1)}Success`;
  const input = withComment ? 'OfferingUserPendingTransitionInput' : 'OfferingUserTransitionInput';
  return (vars: Record<string, unknown>, as: Parameters<Stack['gql']>[2] = 'owner') =>
    stack.gql(`mutation($input: ${input}!) { r: ${field}(input: $input) { ${RESULT(success)} } }`, { input: vars }, as);
}

const nhpcOffering = (name: string) => [...stack.sim.store.offerings.values()].find((o) => o.name === name)!;

/** A user with no account on the offering yet. */
function freshUser(offeringUuid: string): string {
  const taken = new Set([...stack.sim.store.offeringUsers.values()].filter((o) => o.offering_uuid === offeringUuid).map((o) => o.user_uuid));
  return [...stack.sim.store.users.values()].find((u) => !taken.has(u.uuid) && !u.is_staff)!.uuid;
}

async function create(offeringName = 'Puhti HPC cluster', username?: string) {
  const off = nhpcOffering(offeringName);
  const r = await stack.gql(`mutation($input: CreateOfferingUserInput!) { r: createOfferingUser(input: $input) { ${RESULT('CreateOfferingUserSuccess')} } }`, {
    input: { offeringUuid: off.uuid, userUuid: freshUser(off.uuid), ...(username ? { username } : {}) },
  });
  return r;
}

/** Puts a fresh account into a state directly in the simulator's store. */
async function accountIn(label: string): Promise<string> {
  const r = await create();
  const uuid = r.data.r.offeringUser.uuid as string;
  stack.sim.store.offeringUsers.get(uuid)!.state = LABEL_TO_STATE.get(label)!;
  stack.sim.clearLog();
  return uuid;
}

describe('the whole lifecycle', () => {
  it('create -> creating -> pending linking (comment) -> complete -> deletion -> deleting -> deleted', async () => {
    const c = await create();
    expect(c.data.r.__typename).toBe('CreateOfferingUserSuccess');
    expect(c.data.r.offeringUser.state).toBe('REQUESTED');
    expect(c.upstreamCount).toBe(1);
    const uuid = c.data.r.offeringUser.uuid;

    const steps: Array<[ReturnType<typeof transition>, Record<string, unknown>, string]> = [
      [transition('beginCreatingOfferingUser'), {}, 'CREATING'],
      [
        transition('setOfferingUserPendingAccountLinking', true),
        { comment: 'Link your <b>CSC</b> account', commentUrl: 'https://my.csc.fi/link' },
        'PENDING_ACCOUNT_LINKING',
      ],
      [transition('setOfferingUserValidationComplete'), {}, 'OK'],
      [transition('requestOfferingUserDeletion'), {}, 'DELETION_REQUESTED'],
      [transition('setOfferingUserDeleting'), {}, 'DELETING'],
      [transition('setOfferingUserDeleted'), {}, 'DELETED'],
    ];
    for (const [run, extra, expected] of steps) {
      stack.sim.clearLog();
      const r = await run({ uuid, ...extra });
      expect(r.data.r.offeringUser?.state, JSON.stringify(r.data)).toBe(expected);
      // POST the action, then GET the object: REST answers transitions with an empty body.
      expect(stack.upstream().map((x) => `${x.method} ${parsePath(x.path).pathname}`)).toEqual([
        expect.stringMatching(new RegExp(`^POST /api/marketplace-offering-users/${dashed(uuid)}/[a-z_]+/$`)),
        `GET /api/marketplace-offering-users/${dashed(uuid)}/`,
      ]);
      expect(r.upstreamCount).toBe(2);
      if (expected === 'PENDING_ACCOUNT_LINKING') {
        expect(r.data.r.offeringUser.serviceProviderComment).toBe('Link your CSC account');
        expect(r.data.r.offeringUser.serviceProviderCommentUrl).toBe('https://my.csc.fi/link');
        expect(stack.upstream()[0].body).toEqual({ comment: 'Link your <b>CSC</b> account', comment_url: 'https://my.csc.fi/link' });
      }
      if (expected === 'OK') {
        expect(r.data.r.offeringUser.serviceProviderComment).toBe('');
        expect(r.data.r.offeringUser.serviceProviderCommentUrl).toBeNull();
      }
    }
  });

  it('the other transitions work from their sources', async () => {
    const cases: Array<[string, string, string, boolean?]> = [
      ['setOfferingUserPendingAdditionalValidation', 'Creating', 'PENDING_ADDITIONAL_VALIDATION', true],
      ['setOfferingUserOk', 'Error deleting', 'OK'],
      ['setOfferingUserErrorCreating', 'Pending account linking', 'ERROR_CREATING'],
      ['setOfferingUserErrorDeleting', 'Deleting', 'ERROR_DELETING'],
      ['beginCreatingOfferingUser', 'Error creating', 'CREATING'],
    ];
    for (const [field, from, to, withComment] of cases) {
      const uuid = await accountIn(from);
      const r = await transition(field, withComment)({ uuid });
      expect(r.data.r.offeringUser?.state, `${field} from ${from}`).toBe(to);
    }
  });
});

describe('reads and writes in one operation', () => {
  it('each re-read after a write goes to Waldur again: two transitions in one request answer their own states', async () => {
    const uuid = await accountIn('Creating');
    const r = await stack.gql(
      `mutation($u: UUID!) {
        ask: setOfferingUserPendingAdditionalValidation(input: { uuid: $u }) { ... on SetOfferingUserPendingAdditionalValidationSuccess { offeringUser { state } } }
        link: setOfferingUserPendingAccountLinking(input: { uuid: $u }) { ... on SetOfferingUserPendingAccountLinkingSuccess { offeringUser { state } } }
      }`,
      { u: uuid },
      'owner',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ ask: { offeringUser: { state: 'PENDING_ADDITIONAL_VALIDATION' } }, link: { offeringUser: { state: 'PENDING_ACCOUNT_LINKING' } } });
    // Two transitions and two re-reads of the same path: the second re-read is not the first one's answer.
    expect(stack.upstream().filter((c) => c.method === 'GET').length).toBe(2);
    expect(r.upstreamCount).toBe(4);
  });
});

describe('wrong states', () => {
  const ALL: Array<[string, string[], boolean?]> = [
    ['beginCreatingOfferingUser', ['Requested', 'Error creating']],
    ['setOfferingUserPendingAccountLinking', ['Creating', 'Error creating', 'Pending additional validation'], true],
    ['setOfferingUserPendingAdditionalValidation', ['Creating', 'Error creating', 'Pending account linking'], true],
    ['setOfferingUserValidationComplete', ['Pending account linking', 'Pending additional validation']],
    ['setOfferingUserOk', ['Requested', 'Creating', 'Pending additional validation', 'Pending account linking', 'Error creating', 'Error deleting']],
    ['setOfferingUserErrorCreating', ['Requested', 'Creating', 'Pending account linking', 'Pending additional validation']],
    ['setOfferingUserErrorDeleting', ['Requested deletion', 'Deleting']],
    ['requestOfferingUserDeletion', ['OK']],
    ['setOfferingUserDeleting', ['Requested deletion', 'Error deleting']],
    ['setOfferingUserDeleted', ['Deleting']],
  ];
  const enumOf = (label: string) => ({ 'Requested deletion': 'DELETION_REQUESTED' })[label] ?? label.toUpperCase().replace(/ /g, '_');

  it.each(ALL)('%s from a disallowed state gives InvalidTransitionError', async (field, sources, withComment) => {
    const from = ['Deleted', 'OK', 'Requested'].find((s) => !sources.includes(s))!;
    const uuid = await accountIn(from);
    const before = { ...stack.sim.store.offeringUsers.get(uuid)! };
    const r = await transition(field, withComment)({ uuid });
    expect(r.data.r).toMatchObject({
      __typename: 'InvalidTransitionError',
      currentState: enumOf(from),
      allowedSourceStates: sources.map(enumOf),
    });
    // States by name, never Waldur's integers (which the simulator sends, as Waldur does).
    expect(r.data.r.message).toMatch(
      new RegExp(`^Cannot move the offering user to [A-Z_]+: it is ${enumOf(from)}; allowed only from ${sources.map(enumOf).join(', ')}\\.$`),
    );
    expect(r.data.r.message).not.toMatch(/\d/);
    expect(stack.sim.store.offeringUsers.get(uuid)).toEqual(before);
    expect(r.upstreamCount).toBe(1);
  });
});

describe('permissions', () => {
  it('a plain user gets ForbiddenError on their own account and NotFoundError on others', async () => {
    const me = [...stack.sim.store.users.values()].find((u) => u.username === 'uma.user')!;
    const mine = [...stack.sim.store.offeringUsers.values()].find((o) => o.user_uuid === me.uuid && o.state === 1)!;
    const own = await transition('beginCreatingOfferingUser')({ uuid: mine.uuid }, 'user');
    expect(own.data.r.__typename).toBe('ForbiddenError');
    const other = [...stack.sim.store.offeringUsers.values()].find((o) => o.user_uuid !== me.uuid)!;
    const foreign = await transition('beginCreatingOfferingUser')({ uuid: other.uuid }, 'user');
    expect(foreign.data.r.__typename).toBe('NotFoundError');
    expect(stack.sim.store.offeringUsers.get(mine.uuid)!.state).toBe(1);
  });

  it('a service-provider manager may not delete rows', async () => {
    const c = await create('Allas object storage');
    const r = await stack.gql(
      'mutation($u: UUID!) { r: deleteOfferingUser(input: { uuid: $u }) { __typename ... on Error { message } } }',
      { u: c.data.r.offeringUser.uuid },
      'manager',
    );
    expect(r.data.r).toEqual({ __typename: 'ForbiddenError', message: 'You do not have permission to delete this user.' });
  });

  it('a plain user may not create accounts', async () => {
    const off = nhpcOffering('Puhti HPC cluster');
    const r = await stack.gql(
      `mutation($input: CreateOfferingUserInput!) { r: createOfferingUser(input: $input) { __typename } }`,
      { input: { offeringUuid: off.uuid, userUuid: freshUser(off.uuid) } },
      'user',
    );
    expect(r.data.r.__typename).toBe('ForbiddenError');
  });
});

describe('create, update, replace, delete', () => {
  it('a username on create moves the account straight to OK', async () => {
    const r = await create('LUMI-G GPU partition', 'lumi_new_user');
    expect(r.data.r.offeringUser).toMatchObject({ state: 'OK', username: 'lumi_new_user' });
  });

  it('duplicates and offerings closed to creation give ValidationError', async () => {
    const off = nhpcOffering('Puhti HPC cluster');
    const existing = [...stack.sim.store.offeringUsers.values()].find((o) => o.offering_uuid === off.uuid)!;
    const dup = await stack.gql(
      `mutation($input: CreateOfferingUserInput!) { r: createOfferingUser(input: $input) { ${RESULT('CreateOfferingUserSuccess')} } }`,
      { input: { offeringUuid: off.uuid, userUuid: existing.user_uuid } },
    );
    expect(dup.data.r).toMatchObject({ __typename: 'ValidationError', nonFieldErrors: ['The fields offering, user must make a unique set.'] });
    const closed = nhpcOffering('Legacy batch service');
    const c = await stack.gql(
      `mutation($input: CreateOfferingUserInput!) { r: createOfferingUser(input: $input) { ${RESULT('CreateOfferingUserSuccess')} } }`,
      { input: { offeringUuid: closed.uuid, userUuid: freshUser(closed.uuid) } },
    );
    expect(c.data.r).toMatchObject({ __typename: 'ValidationError', nonFieldErrors: ['It is not allowed to create users for current offering.'] });
  });

  it('an overlong username is refused before any upstream call', async () => {
    stack.sim.clearLog();
    const off = nhpcOffering('Puhti HPC cluster');
    const r = await stack.gql(
      `mutation($input: CreateOfferingUserInput!) { r: createOfferingUser(input: $input) { ${RESULT('CreateOfferingUserSuccess')} } }`,
      { input: { offeringUuid: off.uuid, userUuid: freshUser(off.uuid), username: 'x'.repeat(101) } },
    );
    expect(r.data.r).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'username' }] });
    expect(stack.upstream()).toHaveLength(0);
  });

  it('update sends only the given fields (PATCH); a new username moves to OK', async () => {
    const uuid = await accountIn('Creating');
    const r = await stack.gql(
      `mutation($input: UpdateOfferingUserInput!) { r: updateOfferingUser(input: $input) { ${RESULT('UpdateOfferingUserSuccess')} } }`,
      { input: { uuid, username: 'patched_name' } },
    );
    expect(r.data.r.offeringUser).toMatchObject({ username: 'patched_name', state: 'OK' });
    expect(stack.upstream().map((x) => [x.method, x.body])).toEqual([['PATCH', { username: 'patched_name' }]]);
    expect(r.upstreamCount).toBe(1);
  });

  it('update with nothing to change is refused without a call', async () => {
    const uuid = await accountIn('Creating');
    const r = await stack.gql(`mutation($u: UUID!) { r: updateOfferingUser(input: { uuid: $u }) { __typename } }`, { u: uuid });
    expect(r.data.r.__typename).toBe('ValidationError');
    expect(stack.upstream()).toHaveLength(0);
  });

  it('replace sends every writable field (PUT)', async () => {
    const uuid = await accountIn('OK');
    const ou = stack.sim.store.offeringUsers.get(uuid)!;
    const r = await stack.gql(
      `mutation($input: ReplaceOfferingUserInput!) { r: replaceOfferingUser(input: $input) { ${RESULT('ReplaceOfferingUserSuccess')} } }`,
      { input: { uuid, offeringUuid: ou.offering_uuid, userUuid: ou.user_uuid, username: 'replaced' } },
    );
    expect(r.data.r.offeringUser.username).toBe('replaced');
    expect(stack.upstream()[0]).toMatchObject({
      method: 'PUT',
      body: { offering_uuid: dashed(ou.offering_uuid), user_uuid: dashed(ou.user_uuid), username: 'replaced' },
    });
  });

  it('restricted flag and comments round-trip; comments are refused once Deleted', async () => {
    const uuid = await accountIn('OK');
    const r = await stack.gql(
      `mutation($u: UUID!) { r: setOfferingUserRestricted(input: { uuid: $u, isRestricted: true }) { ${RESULT('SetOfferingUserRestrictedSuccess')} } }`,
      { u: uuid },
    );
    expect(r.data.r.offeringUser.isRestricted).toBe(true);
    const c = await stack.gql(
      `mutation($u: UUID!) { r: updateOfferingUserComments(input: { uuid: $u, serviceProviderComment: "Quota raised", serviceProviderCommentUrl: "https://docs.example.org/q" }) { ${RESULT('UpdateOfferingUserCommentsSuccess')} } }`,
      { u: uuid },
    );
    expect(c.data.r.offeringUser).toMatchObject({ serviceProviderComment: 'Quota raised', serviceProviderCommentUrl: 'https://docs.example.org/q' });
    stack.sim.store.offeringUsers.get(uuid)!.state = 8;
    const d = await stack.gql(
      `mutation($u: UUID!) { r: updateOfferingUserComments(input: { uuid: $u, serviceProviderComment: "x" }) { __typename ... on Error { message } } }`,
      { u: uuid },
    );
    expect(d.data.r).toEqual({ __typename: 'ForbiddenError', message: 'Cannot update comments for offering user in state: Deleted' });
  });

  it('an invalid comment URL is rejected by GraphQL before any call', async () => {
    const uuid = await accountIn('Creating');
    const r = await transition('setOfferingUserPendingAccountLinking', true)({ uuid, commentUrl: 'not a url' });
    expect(r.errors?.[0]?.message).toBeTruthy();
    expect(stack.upstream()).toHaveLength(0);
  });

  it('delete removes the row and reports its uuid', async () => {
    const uuid = await accountIn('OK');
    const r = await stack.gql(
      `mutation($u: UUID!) { r: deleteOfferingUser(input: { uuid: $u }) { __typename ... on DeleteOfferingUserSuccess { deletedUuid } } }`,
      { u: uuid },
    );
    expect(r.data.r).toEqual({ __typename: 'DeleteOfferingUserSuccess', deletedUuid: uuid });
    expect(stack.sim.store.offeringUsers.has(uuid)).toBe(false);
    const again = await stack.gql(`mutation($u: UUID!) { r: deleteOfferingUser(input: { uuid: $u }) { __typename } }`, { u: uuid });
    expect(again.data.r.__typename).toBe('NotFoundError');
  });
});
