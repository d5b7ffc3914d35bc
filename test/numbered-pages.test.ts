import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/schema/pagination.js';
import { parsePath, useStack } from './helpers/stack.js';

const stack = useStack({ size: 120, inProcess: true });
const pages = () =>
  stack()
    .upstream()
    .map((r) => {
      const { params } = parsePath(r.path);
      return `${r.method} page=${params.get('page')} page_size=${params.get('page_size')}`;
    });
const Q = `query($first: Int, $offset: Int, $after: String) { offeringUsers(first: $first, offset: $offset, after: $after, orderBy: [USERNAME_ASC]) {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { username } } }`;

describe('numbered pages: offset', () => {
  it('page 7 of 10-row pages is one Waldur page, the same rows the cursors reach, and its cursors continue from there', async () => {
    const r = await stack().gql(Q, { first: 10, offset: 60 }, 'staff');
    expect(r.errors).toBeUndefined();
    expect(pages()).toEqual(['GET page=7 page_size=10']);
    const all = await stack().gql(Q, { first: 80 }, 'staff');
    expect(r.data.offeringUsers.nodes).toEqual(all.data.offeringUsers.nodes.slice(60, 70));
    expect(r.data.offeringUsers.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(60), endCursor: encodeCursor(69) });
    const next = await stack().gql(Q, { first: 10, after: r.data.offeringUsers.pageInfo.endCursor }, 'staff');
    expect(next.data.offeringUsers.nodes).toEqual(all.data.offeringUsers.nodes.slice(70, 80));
  });

  it('a window across two Waldur pages reads both, never more, and the cost model counts both', async () => {
    stack().sim.clearLog();
    const r = await stack().gql(Q, { first: 60, offset: 50 }, 'staff');
    expect(r.errors).toBeUndefined();
    expect(r.data.offeringUsers.nodes).toHaveLength(60);
    expect(r.upstreamCount).toBe(pages().length);
    expect(pages().length).toBeLessThanOrEqual(2);
    const { operationCost } = await import('../src/server/limits/rules.js');
    const { schema } = await import('../src/schema/index.js');
    const { parse } = await import('graphql');
    const cost = (first: number, offset: number) =>
      operationCost(schema, parse(`{ offeringUsers(first: ${first}, offset: ${offset}) { totalCount } }`), null, {});
    // 150..349 of 200-row pages straddles pages 1 and 2: two reads, two REST-call weights.
    expect(cost(200, 150) - cost(200, 0)).toBe(20);
  });

  it('past the last page: no rows, the real total and pageInfo, as Relay clients expect', async () => {
    const total = (await stack().gql(Q, { first: 0 }, 'staff')).data.offeringUsers.totalCount;
    stack().sim.clearLog();
    const r = await stack().gql(Q, { first: 10, offset: 500 }, 'staff');
    expect(r.errors).toBeUndefined();
    // The page Waldur calls invalid, then a HEAD for the total.
    expect(pages()).toEqual(['GET page=51 page_size=10', 'HEAD page=null page_size=1']);
    expect(r.data.offeringUsers).toEqual({
      totalCount: total,
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      nodes: [],
    });
  });

  it.each([
    [{ first: 10, offset: -1 }, '"offset" must be between 0 and 999999999; got -1.'],
    [{ first: 10, offset: 1_000_000_000 }, '"offset" must be between 0 and 999999999; got 1000000000.'],
    [{ first: 10, offset: 10, after: encodeCursor(3) }, '"offset" and "after" both say where the page starts: give one of them.'],
  ])('%j is BAD_USER_INPUT before any call', async (vars, message) => {
    const r = await stack().gql(Q, vars, 'staff');
    expect(r.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } })]);
    expect(stack().upstream()).toEqual([]);
  });

  it('nested connections take offset too, with the same limits', async () => {
    const q = `{ serviceProviders(first: 1) { nodes { offeringUsers(first: 5, offset: 5) { nodes { uuid } } bad: offeringUsers(first: 5, offset: -5) { totalCount } } } }`;
    const r = await stack().gql(q, {}, 'staff');
    expect(r.data.serviceProviders.nodes[0].offeringUsers.nodes).toHaveLength(5);
    expect(r.errors).toEqual([expect.objectContaining({ path: ['serviceProviders', 'nodes', 0, 'bad'], extensions: { code: 'BAD_USER_INPUT' } })]);
  });
});
