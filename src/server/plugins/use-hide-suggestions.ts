import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** With introspection off, "Did you mean ...?" would leak the schema one field at a time. */
export function useHideSuggestions(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.some((e) => /Did you mean/.test(e.message))) return;
        setResult(
          result.map((e) =>
            /Did you mean/.test(e.message)
              ? new GraphQLError(e.message.replace(/\s*Did you mean[^?]*\?/g, ''), {
                  nodes: e.nodes,
                  source: e.source,
                  positions: e.positions,
                  path: e.path,
                  extensions: e.extensions,
                })
              : e,
          ),
        );
      };
    },
  };
}
