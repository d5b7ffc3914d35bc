import { printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './errors.js';
import './types/offering-user.js';
import './types/consent.js';
import './types/checklist.js';
import './types/service-provider.js';
import './types/service-provider-lists.js';
import './types/service-provider-compliance.js';
import './types/service-provider-stats.js';
import './types/links.js';
import './types/viewer.js';
import './mutations/offering-user-crud.js';
import './mutations/offering-user-transitions.js';
import './mutations/consents.js';
import './mutations/checklist-answers.js';
import './mutations/service-providers.js';
import './subscriptions/offering-user-changed.js';

/** Sorted, so that the committed schema.graphql changes only where the schema does. */
export const schema: GraphQLSchema = builder.toSchema({ sortSchema: true });
export const printGatewaySchema = (): string => `${printSchema(schema)}\n`;
