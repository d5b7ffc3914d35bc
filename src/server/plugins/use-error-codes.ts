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
          if (!('errors' in result) || !result.errors?.some((e) => !e.extensions?.code)) return;
          // Errors without a code at this point come from coercing variables.
          setResult({ ...result, errors: result.errors.map((e) => withCode(e as GraphQLError, 'BAD_USER_INPUT')) });
        },
      };
    },
  };
}
