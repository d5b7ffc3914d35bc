import { beforeEach, expect, it } from 'vitest';
import { useStack, type GqlResult, type Stack } from './helpers/stack.js';

const use = useStack({ size: 80, inProcess: true });
let stack: Stack;
beforeEach(() => {
  stack = use();
});

it('a document compiled by graphql-jit (from its third run) answers exactly like the interpreter', async () => {
  const q = `query($n: Int) { offeringUsers(first: $n) { totalCount nodes { uuid state allowedTransitions user { username } consent { version hasConsent }
    completionStatus { completionPercentage } checklist { questions { __typename ... on ChecklistQuestion { questionType existingAnswer { value selectedOptions { label } } } } } } } }`;
  const answers: GqlResult[] = [];
  for (let i = 0; i < 5; i++) answers.push(await stack.gql(q, { n: 5 }, 'staff'));
  for (const a of answers) expect(a.errors).toBeUndefined();
  for (const a of answers.slice(1)) expect(a.data).toEqual(answers[0].data);
  // Errors keep their codes and paths once compiled too.
  const bad: GqlResult[] = [];
  for (let i = 0; i < 4; i++)
    bad.push(
      await stack.gql(
        'query($u: UUID!) { offeringUser(uuid: $u) { uuid } serviceProvider(uuid: $u) { statistics { activeResources } } }',
        { u: [...stack.sim.store.serviceProviders.keys()][0] },
        'user',
      ),
    );
  // Compiled documents report field errors without `locations` (graphql-jit has no AST nodes there).
  const strip = (r: (typeof bad)[number]) => ({ data: r.data, errors: r.errors!.map(({ message, path, extensions }) => ({ message, path, extensions })) });
  for (const b of bad.slice(1)) expect(strip(b)).toEqual(strip(bad[0]));
  expect(bad.at(-1)!.errors![0].extensions!.code).toBe('FORBIDDEN');
});
