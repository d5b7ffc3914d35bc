import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError, Kind, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { limitRules, operationCost, type OperationLimits } from '../limits/rules.js';

/** A registered operation, prepared when the manifest loads: a request by id skips parse and validation. */
export interface RegisteredDocument {
  /** `sha256:<64 lowercase hex>` of `body`, as the GraphQL-over-HTTP draft (Appendix A) defines it. */
  id: string;
  body: string;
  document: DocumentNode;
  /** The name metrics and the access log use: the manifest's, else the first operation's. */
  name: string;
  type: OperationDefinitionNode['operation'];
  /** The document compiled by graphql-jit at load (when GRAPHQL_JIT is on), so no request pays for it. */
  compiled?: CompiledQuery;
}

export interface PrepareOptions {
  /** Compile each document with graphql-jit as it loads (the gateway's GRAPHQL_JIT). */
  compile?: boolean;
}

export const SHA256_ID = /^sha256:[0-9a-f]{64}$/;

export const sha256Id = (text: string) => `sha256:${hash('sha256', text, 'hex')}`;

/** A manifest that cannot be served: names the file and the document, and nothing is loaded. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** The registered documents, by id; replaced as a whole on reload, never changed in place. */
export class TrustedDocuments {
  constructor(readonly byId: ReadonlyMap<string, RegisteredDocument>) {}

  get(id: string): RegisteredDocument | undefined {
    return this.byId.get(id);
  }

  /** A document sent as text that is registered (hash of the exact text). */
  byText(text: string): RegisteredDocument | undefined {
    return this.byId.size ? this.byId.get(sha256Id(text)) : undefined;
  }
}

interface Entry {
  id: string;
  body: string;
  name?: string;
}

const APOLLO_FORMAT = 'apollo-persisted-query-manifest';

/**
 * Entries of one manifest: Apollo's persisted query manifest (`{format, version, operations: [{id,
 * body, name, type}]}`) or GraphQL Codegen's `persisted-documents.json` (`{hash: text}`). Ids may
 * come with or without the `sha256:` prefix; other hash algorithms are refused, not guessed.
 */
function entriesOf(file: string, json: unknown): Entry[] {
  const bad = (what: string) => new ManifestError(`${file}: ${what}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('not a manifest (expected a JSON object)');
  const o = json as Record<string, unknown>;
  if ('format' in o || 'operations' in o) {
    if (o.format !== APOLLO_FORMAT || o.version !== 1 || !Array.isArray(o.operations))
      throw bad(`an Apollo manifest must have format "${APOLLO_FORMAT}", version 1 and an operations list`);
    return o.operations.map((op: unknown, i) => {
      const { id, body, name } = (op ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof body !== 'string') throw bad(`operation ${i} needs a string id and body`);
      return { id, body, ...(typeof name === 'string' && name ? { name } : {}) };
    });
  }
  return Object.entries(o).map(([id, body]) => {
    if (typeof body !== 'string') throw bad(`the document of ${id} is not a string`);
    return { id, body };
  });
}

/** Parses, validates (the schema's rules and the operation limits) and costs one document. */
function prepare(file: string, entry: Entry, schema: GraphQLSchema, limits: OperationLimits, options: PrepareOptions): RegisteredDocument {
  const raw = entry.id.startsWith('sha256:') ? entry.id : `sha256:${entry.id}`;
  const where = `${file}: document ${raw}`;
  if (!SHA256_ID.test(raw))
    throw new ManifestError(`${where}: the id is not a SHA-256 hash (64 lowercase hex digits); set the client's hash algorithm to sha256`);
  const actual = sha256Id(entry.body);
  if (actual !== raw) throw new ManifestError(`${where}: the id does not match its text (the text hashes to ${actual})`);
  let document: DocumentNode;
  try {
    document = parse(entry.body, { maxTokens: limits.maxTokens });
  } catch (err) {
    throw new ManifestError(`${where} does not parse: ${err instanceof GraphQLError ? err.message : String(err)}`);
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitRules(limits)]);
  if (errors.length) throw new ManifestError(`${where} is not valid against this gateway's schema: ${errors[0]!.message}`);
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  for (const op of ops) {
    // With each variable's default (or none): a document that is too costly as written is refused now.
    const cost = operationCost(schema, document, op.name?.value ?? null, {});
    if (cost > limits.maxCost)
      throw new ManifestError(`${where}: operation ${op.name?.value ?? '(anonymous)'} costs ${cost}, over the limit of ${limits.maxCost}`);
  }
  const first = ops[0]!;
  const prepared: RegisteredDocument = { id: raw, body: entry.body, document, name: entry.name ?? first.name?.value ?? 'anonymous', type: first.operation };
  // One operation per registered document is what clients send; a document with several runs them
  // through graphql-js, which picks by operationName per request.
  if (options.compile && ops.length === 1 && first.operation !== 'subscription') {
    const compiled = compileQuery(schema, document, first.name?.value);
    if (!isCompiledQuery(compiled)) throw new ManifestError(`${where} does not compile: ${compiled.errors?.[0]?.message ?? 'unknown error'}`);
    prepared.compiled = compiled;
  }
  return prepared;
}

/**
 * Reads every manifest and prepares every document; any problem (a file that does not parse, a
 * document that is invalid or too costly, an id that does not match its text, two manifests that
 * disagree) throws a ManifestError and nothing is served from them.
 */
export function loadTrustedDocuments(paths: readonly string[], schema: GraphQLSchema, limits: OperationLimits, options: PrepareOptions = {}): TrustedDocuments {
  const byId = new Map<string, RegisteredDocument>();
  for (const file of paths) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ManifestError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(err as Error).message})`}`);
    }
    for (const entry of entriesOf(file, json)) {
      const doc = prepare(file, entry, schema, limits, options);
      const seen = byId.get(doc.id);
      if (seen && seen.body !== doc.body) throw new ManifestError(`${file}: document ${doc.id} disagrees with an earlier manifest`);
      if (seen && seen.name !== doc.name)
        throw new ManifestError(`${file}: document ${doc.id} is named ${doc.name} here and ${seen.name} in an earlier manifest`);
      byId.set(doc.id, doc);
    }
  }
  return new TrustedDocuments(byId);
}
