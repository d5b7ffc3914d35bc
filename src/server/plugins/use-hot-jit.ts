import { useGraphQlJit } from '@envelop/graphql-jit';
import { getVariableValues, Kind, type DocumentNode, type ExecutionArgs, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import { handleMaybePromise } from '@whatwg-node/promise-helpers';
import type { CompiledQuery } from 'graphql-jit';
import { makeExecute, type Plugin } from 'graphql-yoga';

/** The document compiled ahead of time for this request, if any (a registered document asked for by id). */
export type PreparedLookup = (request: Request | undefined) => CompiledQuery | undefined;

/**
 * graphql-jit halves the CPU of a repeated operation, but compiling a document holds the event
 * loop for tens of milliseconds (docs/performance.md). Compile only documents that come back:
 * the ones a frontend sends again and again, not one-off queries typed in GraphiQL. Documents
 * compiled when they were registered run compiled from their first request.
 */
export function useHotJit(threshold = 3, prepared?: PreparedLookup): Plugin {
  const seen = new WeakMap<DocumentNode, number>();
  const hot = useGraphQlJit(
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
  // Subscriptions stay on graphql-js: graphql-jit's subscribe drops variables of input objects
  // (every subscriber from the third on lost its filter), and a subscription runs once per stream.
  delete hot.onSubscribe;
  if (!prepared) return hot;
  const runs = new WeakMap<CompiledQuery, ReturnType<typeof makeExecute>>();
  const runOf = (compiled: CompiledQuery) => {
    let run = runs.get(compiled);
    if (!run) {
      // yoga serialises with the result's own stringify: graphql-jit's, built for this document.
      const withStringify = (result: ExecutionResult) => Object.assign(result, { stringify: compiled.stringify });
      run = makeExecute((args) => handleMaybePromise(() => compiled.query(args.rootValue, args.contextValue, args.variableValues), withStringify));
      runs.set(compiled, run);
    }
    return run;
  };
  return {
    ...hot,
    onExecute(payload) {
      const compiled = prepared((payload.args.contextValue as { request?: Request } | undefined)?.request);
      if (compiled && variablesValid(payload.args)) return payload.setExecuteFn(runOf(compiled));
      return hot.onExecute?.(payload);
    },
  };
}

function variablesValid(args: ExecutionArgs): boolean {
  const ops = args.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = args.operationName ? ops.find((o) => o.name?.value === args.operationName) : ops[0];
  if (!op?.variableDefinitions?.length) return true;
  return !('errors' in getVariableValues(args.schema, op.variableDefinitions, args.variableValues ?? {}, { maxErrors: 1 }));
}
