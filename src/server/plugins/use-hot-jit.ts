import { useGraphQlJit } from '@envelop/graphql-jit';
import { getVariableValues, Kind, type DocumentNode, type ExecutionArgs, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * graphql-jit halves the CPU of a repeated operation, but compiling a document holds the event
 * loop for tens of milliseconds (docs/performance.md). Compile only documents that come back:
 * the ones a frontend sends again and again, not one-off queries typed in GraphiQL.
 */
export function useHotJit(threshold = 3): Plugin {
  const seen = new WeakMap<DocumentNode, number>();
  return useGraphQlJit(
    {},
    {
      // yoga caches parsed documents, so the same text gives the same DocumentNode object.
      enableIf: (args: ExecutionArgs) => {
        const n = (seen.get(args.document) ?? 0) + 1;
        seen.set(args.document, n);
        // graphql-jit reports bad variables as a 200 with its own wording; graphql-js answers them
        // as a request error (400). Bad variables go to graphql-js, so the answer is the same.
        return n >= threshold && variablesValid(args);
      },
    },
  ) as Plugin;
}

function variablesValid(args: ExecutionArgs): boolean {
  const ops = args.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = args.operationName ? ops.find((o) => o.name?.value === args.operationName) : ops[0];
  if (!op?.variableDefinitions?.length) return true;
  return !('errors' in getVariableValues(args.schema, op.variableDefinitions, args.variableValues ?? {}, { maxErrors: 1 }));
}
