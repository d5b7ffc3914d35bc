import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { meshSchema } from './mesh-schema.js';

// The peer: GraphQL Mesh's OpenAPI source, generated from Waldur's schema, served by yoga.
const schema = await meshSchema(process.env.OPENAPI_PATH!, process.env.WALDUR_URL!);
// Mesh interpolates `{context.headers.authorization}`: expose the request headers as a plain object.
const yoga = createYoga({
  schema,
  graphiql: false,
  logging: false,
  maskedErrors: true,
  context: ({ request }) => ({ headers: Object.fromEntries(request.headers) }),
});
createServer(yoga).listen(Number(process.env.PORT), '127.0.0.1');
