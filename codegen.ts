import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Typed documents and the trusted-documents manifest for the project's own operations: the provider
 * console's (`graphql()` calls) and GraphiQL's example tabs (`/* GraphQL *\/` strings). `npm run
 * codegen` writes them; CI runs `npm run codegen:check`, as it checks schema.graphql.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/provider-console/src/**/*.ts', '!examples/provider-console/src/gql/**', 'src/server/graphiql/examples.ts'],
  ignoreNoDocuments: false,
  generates: {
    'examples/provider-console/src/gql/': {
      preset: 'client',
      // Apollo's cache normalises by __typename and id; the server runs the registered text, so the
      // __typename selections must be in it, not added by the client after hashing.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        // The manifest's ids are SHA-256 of each document's text, as the gateway (and the
        // GraphQL-over-HTTP draft) expect; the typed documents carry the hash for the client's link.
        persistedDocuments: { hashAlgorithm: 'sha256', mode: 'embedHashInDocument' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { UUID: 'string', DateTime: 'string', Date: 'string', URL: 'string', JSON: 'unknown', File: 'File', EmailAddress: 'string' },
      },
    },
  },
};

export default config;
