import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withExtraPlugins } from '../src/server/graphiql/assets.js';
import { exampleTabs } from '../src/server/graphiql/examples.js';
import { demoFor, type Demo } from 'waldur-simulator/demo';
import { startStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let demo: Demo;
beforeAll(async () => {
  // The gateway needs the demo before it starts, and the demo is read from the simulator's seed.
  const probe = await startStack({ size: 60 });
  demo = demoFor(probe.sim);
  await probe.close();
  stack = await startStack({ size: 60, gateway: { demo } });
});
afterAll(() => stack.close());

const html = async (path: string, headers: Record<string, string> = {}) =>
  fetch(`${stack.gateway.url}${path}`, { headers: { accept: 'text/html', ...headers } });

describe('GraphiQL page', () => {
  it('names only same-origin assets, and the gateway serves each of them', async () => {
    const page = await (await html('/graphql')).text();
    expect(page).toContain('<title>Waldur marketplace GraphQL</title>');
    expect(page).toContain('ProviderDashboard');
    expect(page).toContain(demo.tokens.owner);
    expect(page).not.toMatch(/https?:\/\//);
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g), ...page.matchAll(/"(\/graphiql\/[^"]+\.js)"/g)].map((m) => m[1]);
    // rest-calls.js imports its pure helpers (rest-levels.js) by a relative URL, as a module does.
    const imported = [...(await (await fetch(`${stack.gateway.url}/graphiql/rest-calls.js`)).text()).matchAll(/from '\.\/([\w-]+\.js)'/g)].map(
      (m) => `/graphiql/${m[1]}`,
    );
    expect(imported).toEqual(['/graphiql/rest-levels.js']);
    assets.push(...imported);
    expect(new Set(assets)).toEqual(
      new Set([
        '/graphiql/favicon.ico',
        '/graphiql/graphiql.css',
        '/graphiql/graphiql.js',
        '/graphiql/editor.worker.js',
        '/graphiql/json.worker.js',
        '/graphiql/graphql.worker.js',
        '/graphiql/rest-calls.js',
        '/graphiql/rest-levels.js',
      ]),
    );
    for (const path of assets) {
      const r = await fetch(`${stack.gateway.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
      expect(r.status, path).toBe(200);
      expect(Number(r.headers.get('content-length')), path).toBeGreaterThan(1000);
    }
  });

  it("keeps yoga's explorer and adds the REST calls panel; the explorer opens on a first visit in simulator mode only", async () => {
    const page = await (await html('/graphql')).text();
    expect(page).toContain('self.WaldurGraphiQLConfig = {"trace":true,"requestLimit":200};');
    expect(page).toContain(`if (localStorage.getItem('graphiql:visiblePlugin') === null) localStorage.setItem('graphiql:visiblePlugin', 'GraphiQL Explorer');`);
    const js = await (await fetch(`${stack.gateway.url}/graphiql/graphiql.js`)).text();
    expect(js).toContain('title:"GraphiQL Explorer"');
    expect(js.match(/plugins:\[\w+,\.\.\.\(globalThis\.WaldurGraphiQLPlugins\?\?\[\]\)\]/g)).toHaveLength(1);
    expect(() => withExtraPlugins('render({plugins:[a]})')).toThrow('GraphiQL bundle: expected one plugins list to extend, found 0');

    const plain = await startStack({ size: 20, gateway: { upstreamTrace: false } });
    try {
      const other = await (await fetch(`${plain.gateway.url}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(other).toContain('self.WaldurGraphiQLConfig = {"trace":false,"requestLimit":200};');
      expect(other).not.toContain('localStorage.setItem');
    } finally {
      await plain.close();
    }
  });

  it('gzips assets and answers 304 to a matching ETag', async () => {
    const first = await fetch(`${stack.gateway.url}/graphiql/graphiql.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const text = await first.text(); // fetch decodes gzip
    expect(text).toContain('renderYogaGraphiQL');
    const raw = await fetch(`${stack.gateway.url}/graphiql/graphiql.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(Number(raw.headers.get('content-length'))).toBeGreaterThan(3 * Number(first.headers.get('content-length')));
    await raw.arrayBuffer();
    const again = await fetch(`${stack.gateway.url}/graphiql/graphiql.js`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${stack.gateway.url}/graphiql/nope.js`)).status).toBe(404);
  });

  it('every example tab answers with data and no errors, twice in a row', async () => {
    const all = exampleTabs(demo.examples);
    expect(all.map((t) => /^(?:query|mutation|subscription) (\w+)/m.exec(t.query)?.[1])).toEqual([
      'PendingOfferingUsers',
      'OfferingUserDetail',
      'AskThenLink',
      'ProviderDashboard',
      'LiveOfferingUsers',
    ]);
    // The live tab streams (test/live.test.ts); the others answer once.
    const tabs = all.filter((t) => !/^subscription /m.test(t.query));
    for (let round = 0; round < 2; round++) {
      for (const tab of tabs) {
        const r = await stack.gql(tab.query, tab.variables ? JSON.parse(tab.variables) : {}, 'owner');
        expect(r.errors, `${tab.query.split('\n')[0]} (round ${round + 1})`).toBeUndefined();
        const json = JSON.stringify(r.data);
        expect(json).not.toMatch(/"__typename":"\w*Error"|null\}?$/);
      }
    }
    const r = await stack.gql(tabs[2].query, JSON.parse(tabs[2].variables!), 'owner');
    expect(r.data).toEqual({
      ask: {
        __typename: 'SetOfferingUserPendingAdditionalValidationSuccess',
        offeringUser: expect.objectContaining({ state: 'PENDING_ADDITIONAL_VALIDATION', serviceProviderComment: 'Please upload your ID' }),
      },
      link: {
        __typename: 'SetOfferingUserPendingAccountLinkingSuccess',
        offeringUser: expect.objectContaining({ state: 'PENDING_ACCOUNT_LINKING', serviceProviderComment: 'ID received, link your account' }),
      },
    });
  });
});

describe('introspection within the limits', () => {
  const intro = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true });

  it("answers graphql-js's full introspection query under the default limits, anonymously", async () => {
    const r = await stack.gql(intro, {}, null);
    expect(r.errors).toBeUndefined();
    expect(r.data.__schema.queryType.name).toBe('Query');
    expect(r.data.__schema.types.length).toBeGreaterThan(100);
    expect(r.upstreamCount).toBe(0);
  });

  it('refuses __schema repeated under aliases, and introspection nested past its own bound', async () => {
    const twice = `{ a: __schema { types { name } } b: __schema { types { name } } }`;
    const deepType = `{ __type(name: "OfferingUser") { ${'ofType { '.repeat(25)}name${' }'.repeat(25)} } }`;
    for (const [q, pattern] of [
      [twice, /__schema 2 times; the limit is 1/],
      [deepType, /Introspection depth 27 exceeds the limit of 20/],
    ] as const) {
      const r = await stack.gql(q, {}, null);
      expect(r.errors?.[0]?.message).toMatch(pattern);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'introspection' });
    }
  });

  it('counts introspection in the cost limit: the full query costs about half its objects', async () => {
    const tight = await startStack({ size: 10, gateway: { limits: { maxDepth: 8, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxCost: 1000 } } });
    try {
      const r = await tight.gql(intro, {}, null);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost' });
      const cost = Number(/costs (\d+)/.exec(r.errors![0].message)![1]);
      const full = await stack.gql(intro, {}, null);
      let objects = 0;
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          objects++;
          Object.values(v).forEach(walk);
        }
      };
      walk(full.data.__schema);
      // The estimate comes from the schema's sizes; it must track the real answer closely.
      expect(Math.abs(cost * 2 - objects) / objects).toBeLessThan(0.05);
    } finally {
      await tight.close();
    }
  });
});
