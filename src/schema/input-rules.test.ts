import { GraphQLInputObjectType, GraphQLList, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { brokenRule, itemCount, maxLength, notBlank, webUrl } from './input-rules.js';

const Input = new GraphQLInputObjectType({
  name: 'Input',
  fields: {
    name: { type: GraphQLString, extensions: { rules: [notBlank, maxLength(5)] } },
    link: { type: GraphQLString, extensions: { rules: [webUrl] } },
    tags: { type: new GraphQLList(GraphQLString), extensions: { rules: [itemCount(1, 2, 'tag')] } },
  },
});

describe('input rules, declared on the fields and checked in one place', () => {
  it('passes what keeps every rule, and fields that are absent', () => {
    expect(brokenRule(Input, { name: 'ok', link: new URL('https://x.org'), tags: ['a'] })).toBeUndefined();
    expect(brokenRule(Input, {})).toBeUndefined();
  });

  it('names the first broken rule, field by field, in Waldur’s words', () => {
    expect(brokenRule(Input, { name: '  ' })).toMatchObject({ message: 'name: This field may not be blank.', fieldErrors: [{ field: 'name' }] });
    expect(brokenRule(Input, { name: 'toolong' })).toMatchObject({
      fieldErrors: [{ field: 'name', messages: ['Ensure this field has no more than 5 characters.'] }],
    });
    expect(brokenRule(Input, { link: new URL('javascript:alert(1)') })).toMatchObject({ message: 'link: Enter a valid URL.' });
    expect(brokenRule(Input, { tags: [] })).toMatchObject({ message: 'Give at least one tag.' });
    expect(brokenRule(Input, { tags: ['a', 'b', 'c'] })).toMatchObject({ message: 'At most 2 tags at once.' });
  });
});
