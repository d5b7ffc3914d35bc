import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { DEFAULT_LIMITS } from '../src/server/limits/rules.js';
import { arbitraryPolicy } from '../src/server/trusted/arbitrary.js';
import { loadTrustedDocuments, sha256Id, type TrustedDocuments } from '../src/server/trusted/manifest.js';
import { startGatewayProcess } from './helpers/gateway-process.js';
import { DEMO_TOKENS, startStack, type Stack } from './helpers/stack.js';

const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
const write = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
};

const COUNT = 'query CountOfferingUsers { offeringUsers(first: 0) { totalCount } }';
const PAGE = 'query OfferingUserPage($first: Int = 2) { offeringUsers(first: $first) { nodes { uuid } } }';
const REVOKE = 'mutation Revoke($uuid: UUID!) { revokeConsent(input: { uuid: $uuid }) { __typename } }';
const hex = (text: string) => sha256Id(text).slice('sha256:'.length);
// GraphQL Codegen's persisted-documents.json (hash -> text) and Apollo's manifest.
const CODEGEN = write('persisted-documents.json', { [hex(COUNT)]: COUNT, [hex(REVOKE)]: REVOKE });
const APOLLO = write('apollo.json', {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [{ id: hex(PAGE), body: PAGE, name: 'OfferingUserPage', type: 'query' }],
});
const load = (...paths: string[]) => loadTrustedDocuments(paths, schema, DEFAULT_LIMITS);

describe('manifests', () => {
  it("reads GraphQL Codegen's and Apollo's formats into one set of prepared documents", () => {
    const docs = load(CODEGEN, APOLLO);
    expect([...docs.byId.values()].map((d) => [d.id, d.name, d.type])).toEqual([
      [sha256Id(COUNT), 'CountOfferingUsers', 'query'],
      [sha256Id(REVOKE), 'Revoke', 'mutation'],
      [sha256Id(PAGE), 'OfferingUserPage', 'query'],
    ]);
    expect(docs.get(sha256Id(PAGE))!.document.kind).toBe('Document');
    expect(docs.byText(COUNT)?.name).toBe('CountOfferingUsers');
    expect(docs.byText(`${COUNT} `)).toBeUndefined();
  });

  it.each([
    ['missing.json', null, /missing\.json: no such file/],
    ['broken.json', '{"a": ', /broken\.json: not JSON/],
    ['list.json', [1, 2], /list\.json: not a manifest \(expected a JSON object\)/],
    [
      'apollo-bad.json',
      { format: 'apollo-persisted-query-manifest', version: 2, operations: [] },
      /must have format "apollo-persisted-query-manifest", version 1/,
    ],
    [
      'sha1.json',
      { da39a3ee5e6b4b0d3255bfef95601890afd80709: COUNT },
      /document sha256:da39a3ee5e6b4b0d3255bfef95601890afd80709: the id is not a SHA-256 hash/,
    ],
    [
      'mismatch.json',
      { [hex(PAGE)]: COUNT },
      new RegExp(`document sha256:${hex(PAGE)}: the id does not match its text \\(the text hashes to ${sha256Id(COUNT)}\\)`),
    ],
    ['unparsable.json', { [hex('query {')]: 'query {' }, new RegExp(`document sha256:${hex('query {')} does not parse: Syntax Error`)],
    [
      'invalid.json',
      { [hex('{ nope }')]: '{ nope }' },
      new RegExp(`document sha256:${hex('{ nope }')} is not valid against this gateway's schema: Cannot query field "nope"`),
    ],
    [
      'costly.json',
      {
        [hex('{ offeringUsers(first: 300) { nodes { consent { uuid } completionStatus { isCompleted } } } }')]:
          '{ offeringUsers(first: 300) { nodes { consent { uuid } completionStatus { isCompleted } } } }',
      },
      /operation \(anonymous\) costs \d+, over the limit of 5000/,
    ],
  ])('refuses %s, naming what is wrong', (name, json, message) => {
    const path = json === null ? join(dir, name) : write(name, json);
    expect(() => load(path)).toThrow(message);
  });

  it('refuses two manifests that name one document differently', () => {
    const other = write('renamed.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: hex(COUNT), body: COUNT, name: 'Counting', type: 'query' }],
    });
    expect(() => load(CODEGEN, other)).toThrow(
      `renamed.json: document ${sha256Id(COUNT)} is named Counting here and CountOfferingUsers in an earlier manifest`,
    );
  });
});

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

describe('enforce: registered documents only', () => {
  let stack: Stack;
  let docs: TrustedDocuments = load(CODEGEN, APOLLO);
  beforeAll(async () => {
    stack = await startStack({
      size: 20,
      gateway: { trustedDocuments: { mode: 'enforce', documents: () => docs, mayUseText: (r) => policy(r) } },
    });
  });
  afterAll(() => stack.close());
  let policy: (r: Request) => Promise<boolean> = async () => false;

  const post = async (body: unknown, token: keyof typeof DEMO_TOKENS | null = 'owner', headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Token ${DEMO_TOKENS[token]}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const get = async (params: Record<string, string>): Promise<Answer> => {
    const res = await fetch(`${stack.gateway.url}/graphql?${new URLSearchParams(params)}`, {
      headers: { accept: 'application/graphql-response+json', authorization: `Token ${DEMO_TOKENS.owner}` },
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };

  it('runs a document by documentId in a POST body and in a GET query string, and by APQ hash', async () => {
    const byPost = await post({ documentId: sha256Id(PAGE), variables: { first: 3 } });
    expect(byPost.status).toBe(200);
    expect((byPost.body.data!.offeringUsers as { nodes: unknown[] }).nodes).toHaveLength(3);
    const byGet = await get({ documentId: sha256Id(COUNT) });
    expect(byGet.status).toBe(200);
    expect(byGet.body.data).toEqual({ offeringUsers: { totalCount: expect.any(Number) } });
    const byApq = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hex(COUNT) } } });
    expect(byApq.body).toEqual(byGet.body);
  });

  it('runs a registered document compiled from its first request (compiled when the manifest loaded); bad variables still get a 400', async () => {
    docs = loadTrustedDocuments([CODEGEN, APOLLO], schema, DEFAULT_LIMITS, { compile: true });
    const page = docs.get(sha256Id(PAGE))!;
    const compiled = page.compiled!;
    const query = compiled.query.bind(compiled);
    let runs = 0;
    compiled.query = (...a) => (runs++, query(...a));
    const first = await post({ documentId: page.id, variables: { first: 2 } });
    expect(runs).toBe(1);
    expect(first.status).toBe(200);
    expect((first.body.data!.offeringUsers as { nodes: unknown[] }).nodes).toHaveLength(2);
    const bad = await post({ documentId: page.id, variables: { first: 'two' } });
    expect(runs).toBe(1);
    expect(bad.status).toBe(400);
    expect(bad.body.errors![0].message).toMatch(/Variable "\$first" got invalid value "two"/);
    // Without compile, nothing is compiled: GRAPHQL_JIT=false keeps graphql-js throughout.
    expect(load(CODEGEN).get(sha256Id(COUNT))!.compiled).toBeUndefined();
    docs = load(CODEGEN, APOLLO);
  });

  it('refuses text with PERSISTED_DOCUMENT_REQUIRED (400), unless the text is a registered document', async () => {
    const text = await post({ query: '{ offeringUsers(first: 1) { totalCount } }' });
    expect(text).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'This gateway runs registered documents only (TRUSTED_DOCUMENTS_MODE=enforce): send its documentId instead of its text.',
            extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' },
          },
        ],
      },
    });
    const registered = await post({ query: COUNT });
    expect(registered.status).toBe(200);
    expect(registered.body.data).toEqual({ offeringUsers: { totalCount: expect.any(Number) } });
  });

  it('an unknown id is PERSISTED_DOCUMENT_NOT_FOUND (404); a malformed one BAD_REQUEST (400); a mutation by GET 405', async () => {
    expect(await post({ documentId: `sha256:${'0'.repeat(64)}` })).toEqual({
      status: 404,
      body: {
        errors: [
          {
            message: 'No registered document has this documentId. Was the manifest with it deployed (TRUSTED_DOCUMENTS)?',
            extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' },
          },
        ],
      },
    });
    for (const id of ['md5:abc', `sha256:${'A'.repeat(64)}`, 'x'.repeat(500)]) {
      const r = await post({ documentId: id });
      expect(r.status).toBe(400);
      expect(r.body.errors![0].message).toMatch(/^"documentId" must be sha256:<64 lowercase hex digits> of the document's text; got "/);
      expect(r.body.errors![0].message.length).toBeLessThan(200);
    }
    const mutationByGet = await get({ documentId: sha256Id(REVOKE), variables: JSON.stringify({ uuid: '0'.repeat(32) }) });
    expect(mutationByGet.status).toBe(405);
  });

  it('lets staff and support send text when the operator allows it (Waldur decides who is staff), and holders of the secret', async () => {
    policy = arbitraryPolicy({ staff: true, secret: 's'.repeat(32) }, stack.client);
    const q = { query: '{ offeringUsers(first: 1) { totalCount } }' };
    expect((await post(q, 'staff')).status).toBe(200);
    expect((await post(q, 'support')).status).toBe(200);
    expect((await post(q, 'owner')).body.errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect((await post(q, null)).body.errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect((await post(q, 'owner', { 'x-trusted-documents-secret': 's'.repeat(32) })).status).toBe(200);
    expect((await post(q, 'owner', { 'x-trusted-documents-secret': 's'.repeat(31) })).status).toBe(400);
    policy = async () => false;
  });

  it('names operations on /metrics by their registered name; everything else is "unregistered", however many names clients invent', async () => {
    for (let i = 0; i < 300; i++) await post({ query: `query Invented${i} { __typename }` });
    await post({ documentId: sha256Id(COUNT) });
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    const names = new Set([...metrics.matchAll(/graphql_operations_total\{operation="([^"]+)"/g)].map((m) => m[1]));
    // "unregistered": the text that staff and the secret's holder sent above.
    expect(names).toEqual(new Set(['OfferingUserPage', 'CountOfferingUsers', 'unregistered']));
    expect(metrics).not.toContain('Invented');
    // Refusals carry their own reasons: the 300 invented texts (and the owner's and anonymous' above), the unknown ids.
    expect(Number(/^graphql_requests_refused_total\{reason="persisted_document_required"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(300);
    expect(Number(/^graphql_requests_refused_total\{reason="persisted_document_not_found"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('serves a replaced set at once (what SIGHUP does in main.ts)', async () => {
    expect((await post({ documentId: sha256Id(COUNT) })).status).toBe(200);
    docs = load(APOLLO);
    expect((await post({ documentId: sha256Id(COUNT) })).status).toBe(404);
    expect((await post({ documentId: sha256Id(PAGE) })).status).toBe(200);
    docs = load(CODEGEN, APOLLO);
  });
});

describe('audit: every document runs, unregistered ones are counted as such', () => {
  it('counts text as "unregistered" and a registered document by its name', async () => {
    const docs = load(CODEGEN, APOLLO);
    const stack = await startStack({ size: 20, gateway: { trustedDocuments: { mode: 'audit', documents: () => docs, mayUseText: async () => false } } });
    try {
      const r = await stack.gql('query Whatever { offeringUsers(first: 1) { totalCount } }');
      expect(r.errors).toBeUndefined();
      await stack.gql(COUNT);
      const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
      expect(metrics).toMatch(/graphql_operations_total\{operation="unregistered",type="query",outcome="success"\} 1/);
      expect(metrics).toMatch(/graphql_operations_total\{operation="CountOfferingUsers",type="query",outcome="success"\} 1/);
    } finally {
      await stack.close();
    }
  });
});

describe('main.ts: manifests at start and on SIGHUP', () => {
  it('refuses to start on a bad manifest, naming the document; SIGHUP swaps in a new set and keeps the old one on a bad file', async () => {
    const bad = write('start-bad.json', { [hex('{ nope }')]: '{ nope }' });
    await expect(startGatewayProcess({ TRUSTED_DOCUMENTS: bad, TRUSTED_DOCUMENTS_MODE: 'enforce' })).rejects.toThrow(
      new RegExp(
        `exited with 2: [\\s\\S]*Cannot start the gateway: TRUSTED_DOCUMENTS: ${bad.replace(/[.]/g, '\\.')}: document sha256:${hex('{ nope }')} is not valid`,
      ),
    );
    const manifest = write('live.json', { [hex(COUNT)]: COUNT });
    const gw = await startGatewayProcess({ TRUSTED_DOCUMENTS: manifest, TRUSTED_DOCUMENTS_MODE: 'enforce' });
    const byId = async (text: string) =>
      (
        await fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.owner}` },
          body: JSON.stringify({ documentId: sha256Id(text) }),
        })
      ).status;
    try {
      expect([await byId(COUNT), await byId(PAGE)]).toEqual([200, 404]);
      write('live.json', { [hex(COUNT)]: COUNT, [hex(PAGE)]: PAGE });
      gw.proc.kill('SIGHUP');
      await expect.poll(() => byId(PAGE), { timeout: 5_000 }).toBe(200);
      write('live.json', '{ not json');
      gw.proc.kill('SIGHUP');
      await expect.poll(() => gw.output(), { timeout: 5_000 }).toContain('trusted documents not reloaded: the previous set keeps serving');
      expect([await byId(COUNT), await byId(PAGE)]).toEqual([200, 200]);
    } finally {
      await gw.stop();
    }
  }, 60_000);
});
