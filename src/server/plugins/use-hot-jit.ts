import { useGraphQlJit } from '@envelop/graphql-jit';
import type { DocumentNode, ExecutionArgs } from 'graphql';
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
        return n >= threshold;
      },
    },
  ) as Plugin;
}
