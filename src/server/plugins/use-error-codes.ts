import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const withCode = (e: GraphQLError, code: string) =>
  e.extensions?.code
    ? e
    : new GraphQLError(e.message, {
        nodes: e.nodes,
        source: e.source,
        positions: e.positions,
        path: e.path,
        originalError: e.originalError,
        extensions: { ...e.extensions, code },
      });

/**
 * graphql-js reports a row that fails `isTypeOf` by printing the row whole: from a hostile Waldur
 * that is megabytes of anything. Its shape is Waldur's fault, and says so in a line of our own.
 */
const isWrongShape = (e: GraphQLError) =>
  (!e.originalError || e.originalError instanceof GraphQLError) && !e.extensions?.code && /^Expected value of type "\w+" but got: /.test(e.message);
const wrongShape = (e: GraphQLError) =>
  new GraphQLError('Waldur answered with a row of an unexpected shape.', {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    extensions: { code: 'UPSTREAM_ERROR' },
  });

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
          if (!('errors' in result) || !result.errors?.some((e) => isCoercion(e as GraphQLError) || isWrongShape(e as GraphQLError))) return;
          setResult({
            ...result,
            errors: result.errors.map((e) =>
              isCoercion(e as GraphQLError)
                ? withCode(e as GraphQLError, 'BAD_USER_INPUT')
                : isWrongShape(e as GraphQLError)
                  ? wrongShape(e as GraphQLError)
                  : e,
            ),
          });
        },
      };
    },
  };
}
