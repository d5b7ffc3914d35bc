import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { DateResolver, EmailAddressResolver, JSONResolver, URLResolver } from 'graphql-scalars';
import type { GatewayContext } from './context.js';
import { DEFAULT_ERRORS } from './error-classes.js';
import { DateTimeScalar, UUIDScalar, userInputScalar } from './scalars.js';

export const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  /** Every connection carries Waldur's X-Result-Count. */
  Connection: { totalCount: number };
  Scalars: {
    UUID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: URL | string };
    EmailAddress: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    // A malformed id is the caller's input: BAD_USER_INPUT, with the id shortened in the message.
    decodeGlobalID: (id) => {
      try {
        return decodeGlobalID(id);
      } catch {
        throw new GraphQLError(`Invalid global ID: ${id.length > 64 ? `${id.slice(0, 64)}…` : id}`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
    },
  },
  // A mutation answers its own `<Name>Success` or one of these; it names only the errors it adds.
  errors: { defaultTypes: DEFAULT_ERRORS, directResult: true, defaultUnionOptions: { name: ({ fieldName }) => `${pascal(fieldName)}Result` } },
});

builder.globalConnectionField('totalCount', (t) => t.int({ description: 'Rows matching the query (Waldur X-Result-Count).', resolve: (c) => c.totalCount }));

builder.addScalarType('UUID', UUIDScalar);
builder.addScalarType('DateTime', userInputScalar(DateTimeScalar));
builder.addScalarType('Date', userInputScalar(DateResolver));
builder.addScalarType('URL', userInputScalar(URLResolver));
builder.addScalarType('EmailAddress', userInputScalar(EmailAddressResolver));
builder.addScalarType('JSON', userInputScalar(JSONResolver));

builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request specification (input only).',
  serialize: () => {
    throw new Error('File is an input-only scalar.');
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({ description: 'Changes pushed as they happen (GraphQL over SSE: send Accept: text/event-stream).' });
