import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { waldurUuid } from '../upstream/uuid.js';

function parseUuid(value: unknown): string {
  const out = typeof value === 'string' ? waldurUuid(value) : undefined;
  if (!out) {
    throw new GraphQLError(`UUID must be 32 hexadecimal digits (Waldur's form) or the dashed form; got ${JSON.stringify(value)?.slice(0, 60)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return out;
}

export const UUIDScalar = new GraphQLScalarType<string, string>({
  name: 'UUID',
  description: "A UUID. Accepts Waldur's 32-hex form or the dashed form; always returned in Waldur's 32-hex form.",
  serialize: (v) => parseUuid(v),
  parseValue: parseUuid,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('UUID must be a string.', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseUuid(ast.value);
  },
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * graphql-scalars' DateTime for input; on output Waldur's own string is passed through, so its
 * microseconds and offset survive (both `Z` and `+00:00` forms are valid RFC 3339).
 */
export const DateTimeScalar = new GraphQLScalarType<Date, Date | string>({
  name: 'DateTime',
  description: DateTimeResolver.description,
  specifiedByURL: DateTimeResolver.specifiedByURL,
  serialize: (v) => (typeof v === 'string' && RFC3339.test(v) ? v : DateTimeResolver.serialize(v)),
  parseValue: (v) => DateTimeResolver.parseValue(v),
  parseLiteral: (ast, vars) => DateTimeResolver.parseLiteral(ast, vars),
});

/**
 * graphql-scalars throw plain TypeErrors for some bad inputs (e.g. `new URL()`), which would be
 * masked as "Unexpected error". Rethrow every parse failure as a BAD_USER_INPUT GraphQL error.
 */
export function userInputScalar<I, O>(scalar: GraphQLScalarType<I, O>): GraphQLScalarType<I, O> {
  const wrap =
    <A extends unknown[]>(fn: (...a: A) => I) =>
    (...a: A): I => {
      try {
        return fn(...a);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new GraphQLError(`Invalid ${scalar.name}: ${reason}`.slice(0, 300), { extensions: { code: 'BAD_USER_INPUT' } });
      }
    };
  const config = scalar.toConfig();
  return new GraphQLScalarType<I, O>({
    ...config,
    parseValue: wrap((v: unknown) => config.parseValue(v)),
    parseLiteral: wrap((ast: Parameters<NonNullable<typeof config.parseLiteral>>[0], vars?: Parameters<NonNullable<typeof config.parseLiteral>>[1]) =>
      config.parseLiteral(ast, vars),
    ),
  });
}
