import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { operationCost } from './rules.js';

const cost = (q: string, vars?: Record<string, unknown>) => operationCost(schema, parse(q), undefined, vars);

describe('operationCost', () => {
  it('counts one per field and multiplies connection rows by `first`', () => {
    expect(cost('{ offeringUsers(first: 10) { totalCount nodes { uuid state } } }')).toBe(1 + 1 + (1 + 10 * 2));
    expect(cost('query($n: Int) { offeringUsers(first: $n) { nodes { uuid } } }', { n: 100 })).toBe(1 + 1 + 100);
    expect(cost('query($n: Int = 7) { offeringUsers(first: $n) { nodes { uuid } } }')).toBe(1 + 1 + 7);
  });

  it('defaults to 20 rows, caps at 300, and counts plain lists as 20', () => {
    expect(cost('{ offeringUsers { nodes { uuid } } }')).toBe(22);
    expect(cost('{ offeringUsers(first: 100000) { nodes { uuid } } }')).toBe(302);
    expect(cost('query($u: UUID!) { offeringUser(uuid: $u) { checklist { questions { uuid } } } }')).toBe(1 + 1 + 1 + 20);
  });

  it('follows fragments and nested connections', () => {
    const q = '{ serviceProviders(first: 5) { nodes { ...P } } } fragment P on ServiceProvider { offeringUsers(first: 10) { nodes { uuid } } }';
    expect(cost(q)).toBe(1 + 1 + 5 * (1 + 1 + 10));
  });
});
