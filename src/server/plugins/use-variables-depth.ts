import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Deepest nesting of a JSON value, without recursion (a hostile value could overflow the stack). */
export function jsonDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/**
 * Variables nested deeper than any input type of the schema can be are refused before parsing the
 * operation: coercing them recursively would otherwise end in "Unexpected error.".
 */
export function useVariablesDepth(maxDepth = 32): Plugin {
  return {
    onParams({ params }) {
      if (params.variables && jsonDepth(params.variables, maxDepth) > maxDepth) {
        throw new GraphQLError(`Variables are nested more than ${maxDepth} levels deep, the limit.`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
      }
    },
  };
}
