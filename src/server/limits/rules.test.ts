import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { operationCost, REST_CALL_COST as R } from './rules.js';

const cost = (q: string, vars?: Record<string, unknown>) => operationCost(schema, parse(q), undefined, vars);

describe('operationCost', () => {
  it('counts one per field, REST_CALL_COST per REST call, and multiplies connection rows by `first`', () => {
    expect(cost('{ offeringUsers(first: 10) { totalCount nodes { uuid state } } }')).toBe(1 + R + 1 + (1 + 10 * 2));
    expect(cost('query($n: Int) { offeringUsers(first: $n) { nodes { uuid } } }', { n: 100 })).toBe(1 + R + 1 + 100);
    expect(cost('query($n: Int = 7) { offeringUsers(first: $n) { nodes { uuid } } }')).toBe(1 + R + 1 + 7);
  });

  it('defaults to 20 rows, caps at 300, and counts plain lists as 20', () => {
    expect(cost('{ offeringUsers { nodes { uuid } } }')).toBe(22 + R);
    expect(cost('{ offeringUsers(first: 100000) { nodes { uuid } } }')).toBe(302 + R);
    expect(cost('query($u: UUID!) { offeringUser(uuid: $u) { checklist { questions { uuid } } } }')).toBe(1 + (1 + R) + 1 + 20);
  });

  it('follows fragments and nested connections', () => {
    const q = '{ serviceProviders(first: 5) { nodes { ...P } } } fragment P on ServiceProvider { offeringUsers(first: 10) { nodes { uuid } } }';
    expect(cost(q)).toBe(1 + R + 1 + 5 * (1 + R + 1 + 10));
  });

  it('per-row links cost a REST call per row: six of them under first: 200 are refused', () => {
    const six =
      'query($n: Int) { offeringUsers(first: $n) { nodes { a: completionStatus { isCompleted } b: completionReviewStatus { isCompleted } c: checklist { checklist { uuid } } d: checklistReview { checklist { uuid } } e: completionStatus { completionPercentage } f: checklist { completion { isCompleted } } } } }';
    expect(cost(six, { n: 200 })).toBeGreaterThan(200 * 6 * R);
    expect(cost(six, { n: 200 })).toBeGreaterThan(5000);
    expect(cost(six, { n: 5 })).toBeLessThan(1000);
  });

  it('root nodes(ids:) costs a REST call per id; a connection-less field named nodes is not a connection', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `id${i}`);
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).toBe(1 + 50 * (R + 1));
    expect(cost('{ nodes(ids: ["a", "b"]) { id } }')).toBe(1 + 2 * (R + 1));
    let refused = 0;
    operationCost(schema, parse('query($ids: [ID!]!) { nodes(ids: $ids) { id } }'), undefined, { ids: Array(101).fill('x') }, (n) => (refused = n));
    expect(refused).toBe(101);
  });

  it('per-row links (consent, offeringUser, serviceProvider) cost a REST call per row', () => {
    expect(cost('{ consents(first: 300) { nodes { offeringUser { uuid } } } }')).toBeGreaterThan(300 * R);
    expect(cost('{ offeringUsers(first: 300) { nodes { consent { uuid } } } }')).toBeGreaterThan(5000);
    expect(cost('{ offeringUsers(first: 100) { nodes { serviceProvider { uuid } } } }')).toBeGreaterThan(100 * R);
  });
});
