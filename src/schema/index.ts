import { printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './waldur-connection.js';
import './errors.js';
// One folder per Waldur resource: its type, lists, links, mutations and loaders (docs/adding-a-resource.md).
import './offering-user/index.js';
import './consent/index.js';
import './checklist/index.js';
import './service-provider/index.js';
import './viewer/index.js';

/** Sorted, so that the committed schema.graphql changes only where the schema does. */
export const schema: GraphQLSchema = builder.toSchema({ sortSchema: true });
export const printGatewaySchema = (): string => `${printSchema(schema)}\n`;
