import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const withCode = (e: GraphQLError, code: string) =>
  e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: { ...e.extensions, code } });

/** Every error a client sees carries `extensions.code`, including graphql-js's own. */
export function useErrorCodes(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.some((e) => !e.extensions?.code)) setResult(result.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          // Errors without a path come from coercing variables; an error thrown by a resolver (it has
          // a path) is for maskError, never the caller's fault by default.
          const isCoercion = (e: GraphQLError) => !e.extensions?.code && !e.path;
          if (!('errors' in result) || !result.errors?.some((e) => isCoercion(e as GraphQLError))) return;
          setResult({ ...result, errors: result.errors.map((e) => (isCoercion(e as GraphQLError) ? withCode(e as GraphQLError, 'BAD_USER_INPUT') : e)) });
        },
      };
    },
  };
}
