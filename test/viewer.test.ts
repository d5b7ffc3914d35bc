import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS, parsePath, useStack } from './helpers/stack.js';

const stack = useStack({ size: 120, inProcess: true });
/** Waldur takes dashed UUIDs in filters and answers with the 32-hex form. */
const hex = (u: string | null) => u?.replace(/-/g, '');
const calls = () =>
  stack()
    .upstream()
    .map((r) => `${r.method} ${parsePath(r.path).pathname}`);

describe('viewer: the signed-in user', () => {
  it('an anonymous caller gets null and Waldur hears nothing', async () => {
    const r = await stack().gql('{ viewer { uuid username offeringUsers { totalCount } } }', {}, null);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ viewer: null });
    expect(stack().upstream()).toEqual([]);
  });

  it('answers who I am from one users/me/ read, however many of its fields are asked for', async () => {
    const r = await stack().gql('{ viewer { uuid username fullName email isStaff isSupport } again: viewer { username } }', {}, 'user');
    expect(r.errors).toBeUndefined();
    const me = [...stack().sim.store.users.values()].find((u) => u.username === r.data.viewer.username)!;
    expect(r.data.viewer).toEqual({
      uuid: me.uuid,
      username: me.username,
      fullName: `${me.first_name} ${me.last_name}`,
      email: me.email,
      isStaff: false,
      isSupport: false,
    });
    expect(calls()).toEqual(['GET /api/users/me/']);
    const staff = await stack().gql('{ viewer { isStaff isSupport } }', {}, 'staff');
    expect(staff.data.viewer).toEqual({ isStaff: true, isSupport: false });
  });

  it('my remote accounts with the "action required" count: the rows a staff member sees filtered by my uuid, and after the first operation no users/me/ read', async () => {
    const q = `{ viewer { uuid offeringUsers(first: 50) { totalCount nodes { uuid state } }
      waiting: offeringUsers(first: 0, filter: { state: [PENDING_ACCOUNT_LINKING, PENDING_ADDITIONAL_VALIDATION] }) { totalCount } } }`;
    const mine = await stack().gql(q, {}, 'otherUser');
    expect(mine.errors).toBeUndefined();
    const uuid = mine.data.viewer.uuid;
    const all = await stack().gql(`{ offeringUsers(first: 50, filter: { userUuid: "${uuid}" }) { totalCount nodes { uuid state } } }`, {}, 'staff');
    expect(mine.data.viewer.offeringUsers).toEqual(all.data.offeringUsers);
    expect(mine.data.viewer.offeringUsers.totalCount).toBeGreaterThan(0);
    expect(mine.data.viewer.waiting.totalCount).toBe(
      all.data.offeringUsers.nodes.filter((n) => ['PENDING_ACCOUNT_LINKING', 'PENDING_ADDITIONAL_VALIDATION'].includes(n.state)).length,
    );
    stack().sim.clearLog();
    const again = await stack().gql(q, {}, 'otherUser');
    expect(again.data).toEqual(mine.data);
    expect(calls().sort()).toEqual(['GET /api/marketplace-offering-users/', 'HEAD /api/marketplace-offering-users/']);
    expect(
      stack()
        .upstream()
        .every((r) => hex(parsePath(r.path).params.get('user_uuid')) === uuid),
    ).toBe(true);
  });

  it('my consents, filtered by my uuid', async () => {
    const r = await stack().gql('{ viewer { uuid consents(first: 50) { totalCount nodes { user { uuid } } } } }', {}, 'user');
    expect(r.errors).toBeUndefined();
    for (const n of r.data.viewer.consents.nodes) expect(n.user.uuid).toBe(r.data.viewer.uuid);
    expect(
      stack()
        .upstream()
        .filter((x) => x.path.includes('consents'))
        .every((x) => hex(parsePath(x.path).params.get('user_uuid')) === r.data.viewer.uuid),
    ).toBe(true);
  });

  it('a token Waldur refuses is UNAUTHENTICATED, not a viewer', async () => {
    const r = await stack().gql('{ viewer { uuid } }', {}, null, { authorization: `Token ${'0'.repeat(40)}` });
    expect(r.data).toEqual({ viewer: null });
    expect(r.errors).toEqual([expect.objectContaining({ path: ['viewer'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    void DEMO_TOKENS;
  });
});
