import { describe, expect, it } from 'vitest';
import { demoFor } from 'waldur-simulator/demo';
import { seedLookups, useStack } from './helpers/stack.js';

// Inputs the fuzzer (with the contract checker on) found the gateway forwarding outside Waldur's
// schema: each is now refused before any call to Waldur.
const use = useStack({ size: 60, inProcess: true });
const seed = seedLookups(use);

describe('input outside what Waldur accepts is refused before any call', () => {
  it('a comment URL that is not http(s)/ftp(s) is a ValidationError on commentUrl', async () => {
    const stack = use();
    const uuid = demoFor(stack.sim).examples.offeringUser!;
    const r = await stack.gql(
      'mutation($u: UUID!) { r: setOfferingUserPendingAccountLinking(input: { uuid: $u, commentUrl: "mailto:someone@example.org" }) { __typename ... on ValidationError { fieldErrors { field messages } } } }',
      { u: uuid },
      'owner',
    );
    expect(r.data.r).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'commentUrl', messages: ['Enter a valid URL (http, https, ftp or ftps).'] }],
    });
    expect(stack.upstream()).toEqual([]);
  });

  it('a blank role is a ValidationError on role', async () => {
    const stack = use();
    const r = await stack.gql(
      'mutation($u: UUID!, $v: UUID!) { r: addServiceProviderUser(input: { uuid: $u, userUuid: $v, role: "  " }) { __typename ... on ValidationError { fieldErrors { field messages } } } }',
      { u: seed.provider('NHPC').uuid, v: seed.user('victor.visitor').uuid },
      'owner',
    );
    expect(r.data.r).toEqual({ __typename: 'ValidationError', fieldErrors: [{ field: 'role', messages: ['This field may not be blank.'] }] });
    expect(stack.upstream()).toEqual([]);
  });

  it('a state the list does not know is BAD_USER_INPUT naming the allowed ones; the list is not read', async () => {
    const stack = use();
    const r = await stack.gql(
      'query($u: UUID!) { serviceProvider(uuid: $u) { courseAccounts(filter: { state: ["OK", "Bogus"] }) { totalCount } } }',
      { u: seed.provider('NHPC').uuid },
      'owner',
    );
    expect(r.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', '`state` takes only OK, Closed, Erred.']]);
    expect(stack.upstream().filter((c) => c.path.includes('/course_accounts/'))).toEqual([]);
  });
});
