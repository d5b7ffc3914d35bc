import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS, startStack, useStack, type Json, type Stack, expectEach } from './helpers/stack.js';

const use = useStack({ size: 300, gateway: { maxRequestBodyBytes: 64 * 1024, maxUploadBytes: 16 * 1024 }, client: { maxRequestsPerOperation: 12 } });

async function post(stack: Stack, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${DEMO_TOKENS.staff}`, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Json };
}

describe('operation limits', () => {
  it('depth, aliases, tokens and directives are refused before any upstream call, naming the limit', async () => {
    const stack = use();
    const deep = '{ offeringUsers { nodes { serviceProvider { offeringUsers { nodes { serviceProvider { offeringUsers { nodes { uuid } } } } } } } } }';
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: offeringUsers(first: 1) { totalCount }`).join(' ')} }`;
    const tokens = `{ offeringUsers { nodes { ${Array.from({ length: 1100 }, () => 'uuid').join(' ')} } } }`;
    const directives = `{ offeringUsers { totalCount ${Array.from({ length: 51 }, () => '@include(if: true)').join(' ')} } }`;
    for (const [query, limit] of [
      [deep, 'depth'],
      [aliases, 'aliases'],
      [tokens, 'tokens'],
      [directives, 'directives'],
    ] as const) {
      const r = await stack.gql(query, {}, 'staff');
      const e = r.errors?.find((x) => x.extensions?.limit === limit);
      expect(e, limit).toBeDefined();
      expect(e!.extensions!.code).toBe('OPERATION_LIMIT');
      expect(e!.message).toMatch(/limit/);
    }
    expect(stack.upstream()).toHaveLength(0);
  });

  it('cost multiplies by `first`, also when it is a variable', async () => {
    const stack = use();
    const q =
      'query($n: Int) { offeringUsers(first: $n) { nodes { consent { version } completionStatus { completionPercentage } serviceProvider { customerName offeringCount } user { username email } checklist { questions { description } } } } }';
    const big = await stack.gql(q, { n: 300 }, 'staff');
    expect(big.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost' });
    expect(big.errors![0].message).toMatch(/costs \d+; the limit is 5000/);
    expect(stack.upstream()).toHaveLength(0);
    const small = await stack.gql(q, { n: 5 }, 'staff');
    expect(small.errors).toBeUndefined();
  });

  it('past the per-operation cap on upstream requests, only the fields beyond it fail', async () => {
    const stack = use();
    const r = await stack.gql(
      '{ offeringUsers(first: 30, filter: { offeringSlug: ["puhti-hpc-cluster", "lumi-g-gpu-partition"] }) { nodes { uuid completionStatus { completionPercentage } } } }',
      {},
      'staff',
    );
    const nodes = r.data.offeringUsers.nodes;
    expect(nodes).toHaveLength(30);
    expect(stack.upstream()).toHaveLength(12);
    expect(nodes.filter((n) => n.completionStatus).length).toBe(11);
    expectEach(r.errors!, (e) => e.extensions!.code === 'UPSTREAM_REQUEST_LIMIT');
    expect(r.errors![0].message).toMatch(/more than 12 requests/);
  });

  it('request bodies over the limit are refused with 413', async () => {
    const stack = use();
    const r = await post(stack, JSON.stringify({ query: `{ offeringUsers { totalCount } }`, variables: { pad: 'x'.repeat(70 * 1024) } }));
    expect(r.status).toBe(413);
    expect(stack.upstream()).toHaveLength(0);
  });

  it('uploads over MAX_UPLOAD_BYTES are refused with 413, declared or chunked, before any upstream call', async () => {
    const stack = use();
    const form = () => {
      const f = new FormData();
      f.append(
        'operations',
        JSON.stringify({
          query: 'mutation($f: File) { r: createServiceProvider(input: { customerUuid: "00000000000000000000000000000000", image: $f }) { __typename } }',
          variables: { f: null },
        }),
      );
      f.append('map', JSON.stringify({ 0: ['variables.f'] }));
      f.append('0', new Blob([Buffer.alloc(20 * 1024, 1)], { type: 'image/png' }), 'big.png');
      return f;
    };
    const headers = { authorization: `Token ${DEMO_TOKENS.staff}`, 'graphql-require-preflight': '1' };
    const declared = await fetch(`${stack.gateway.url}/graphql`, { method: 'POST', headers, body: form() });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      errors: [
        {
          message: 'The request body is larger than 16384 bytes, the limit for uploads and other bodies (MAX_UPLOAD_BYTES).',
          extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
        },
      ],
    });
    // No Content-Length: cut off while yoga's multipart parser reads it.
    const encoded = new Response(form());
    const chunked = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { ...headers, 'content-type': encoded.headers.get('content-type')! },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as Json).errors[0].message).toMatch(/MAX_UPLOAD_BYTES/);
    expect(stack.upstream()).toHaveLength(0);
  });

  it('batching is off by default', async () => {
    const stack = use();
    const r = await post(stack, JSON.stringify([{ query: '{ offeringUsers { totalCount } }' }, { query: '{ offeringUsers { totalCount } }' }]));
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(stack.upstream()).toHaveLength(0);
  });
});

describe('production switches', () => {
  it('CSRF: simple cross-site requests without a preflight-forcing header are refused', async () => {
    const stack = use();
    const plain = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ offeringUsers { totalCount } }' }),
    });
    expect(plain.status).toBe(403);
    expect(((await plain.json()) as Json).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    const get = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent('{ offeringUsers { totalCount } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(403);
    const withHeader = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent('{ offeringUsers { totalCount } }')}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(((await withHeader.json()) as Json).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(stack.upstream()).toHaveLength(1);
  });

  it('with introspection off, introspection is refused and suggestions are hidden', async () => {
    const stack = await startStack({ size: 20, gateway: { introspection: false, graphiql: false } });
    try {
      const intro = await stack.gql('{ __schema { types { name } } }', {}, 'staff');
      expect(intro.errors![0].message).toMatch(/introspection/i);
      const typo = await stack.gql('{ offeringUsers { totalCont } }', {}, 'staff');
      expect(typo.errors![0].message).toBe('Cannot query field "totalCont" on type "OfferingUserConnection".');
      const page = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
    } finally {
      await stack.close();
    }
  });
});
