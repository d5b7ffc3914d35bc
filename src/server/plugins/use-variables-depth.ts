import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface VariablesShape {
  /** Deepest nesting seen (stops counting past the limit). */
  depth: number;
  /** Values seen (stops counting past the limit). */
  values: number;
}

/**
 * Depth and size of a JSON value, without recursion (a hostile value could overflow the stack),
 * stopping as soon as either limit is passed: a wide hostile value costs no more than the limit.
 */
export function jsonShape(value: unknown, maxDepth: number, maxValues: number): VariablesShape {
  let depth = 0;
  let values = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    values++;
    if (values > maxValues) break;
    if (v === null || typeof v !== 'object') continue;
    depth = Math.max(depth, d);
    if (depth > maxDepth) break;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && stack.length <= maxValues; i++) stack.push([v[i], d + 1]);
    } else {
      for (const k in v) {
        if (stack.length > maxValues) break;
        stack.push([(v as Record<string, unknown>)[k], d + 1]);
      }
    }
  }
  return { depth, values: Math.max(values, stack.length) };
}

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Variables nested deeper, or holding more values, than any operation of this schema can use are
 * refused before the operation is parsed: coercing them would otherwise recurse (ending in
 * "Unexpected error.") or hold the event loop.
 */
export function useVariablesDepth(maxDepth = 32, maxValues = 10_000): Plugin {
  return {
    onParams({ params }) {
      if (!params.variables || typeof params.variables !== 'object') return;
      const shape = jsonShape(params.variables, maxDepth, maxValues);
      if (shape.depth > maxDepth) throw refuse(`Variables are nested more than ${maxDepth} levels deep, the limit.`);
      if (shape.values > maxValues) throw refuse(`Variables hold more than ${maxValues} values, the limit.`);
    },
  };
}
