import { join } from 'node:path';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { CHROMIUM, FLAGS, SHOTS } from './browser.js';
import type { Json } from '../helpers/stack.js';
import { DEMO_TOKENS } from 'waldur-simulator/seed';

let gateway: GatewayProcess;
let browser: Browser;
let page: Page;
const blocked: string[] = [];
const pageErrors: string[] = [];
const traced: Array<{ operation: string; trace: boolean }> = [];

beforeAll(async () => {
  // As `npm start` runs it: the compiled build (`pretest:browser` builds it).
  gateway = await startGatewayProcess({ SIMULATOR_SIZE: '300' }, [process.execPath, '--enable-source-maps', '--import', 'tsx', 'scripts/start.mjs']);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // As on a machine with no internet: anything not served by the gateway itself fails.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${gateway.url}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== `${gateway.url}/graphql` || r.method() !== 'POST') return;
    const operation = (JSON.parse(r.postData() ?? '{}') as { operationName?: string }).operationName ?? '';
    traced.push({ operation, trace: r.headers()['x-upstream-trace'] === '1' });
  });
  await page.goto(`${gateway.url}/graphql`);
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

/**
 * GraphiQL's tabs are drag-reorderable: Playwright's synthetic mouse press starts a drag and the
 * tab does not switch, so the tab gets the click event itself (a person's click switches it).
 */
const openTab = async (name: string) => {
  await page.locator('.graphiql-tab-button', { hasText: name }).dispatchEvent('click');
  await page.locator('.graphiql-tab-active', { hasText: name }).waitFor();
  await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toMatch(new RegExp(`${name}[\\s(]`));
  // GraphiQL moves the editor's text into the state that Execute reads after a debounce.
  await page.waitForTimeout(1000);
};

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

async function run(operation: string): Promise<{ data?: Record<string, Json>; errors?: unknown[] }> {
  const answered = page.waitForResponse(
    (r: Response) => r.url() === `${gateway.url}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes(operation),
  );
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  const body = (await (await answered).json()) as { data?: Record<string, Json>; errors?: unknown[] };
  await expect.poll(() => page.locator('.graphiql-response').innerText()).toContain('"data"');
  return body;
}

describe('GraphiQL in a real browser, offline', () => {
  it('opens the explorer on a first visit and builds a query by clicking fields and arguments', async () => {
    await page.getByRole('button', { name: 'Hide GraphiQL Explorer' }).waitFor();
    await shot('00-explorer-open');
    await page.locator('.graphiql-tab-add').click();
    const explorer = page.locator('.graphiql-explorer-root');
    const click = async (name: string, nth = 0) => {
      await explorer.getByText(name, { exact: true }).nth(nth).click();
      await page.waitForTimeout(150);
    };
    await click('offeringUsers');
    await click('first:');
    await click('totalCount');
    // The second "nodes" is offeringUsers' own (the first is Query.nodes).
    await click('nodes', 1);
    await click('uuid');
    await click('state');
    await click('consent', 1);
    await click('hasConsent');
    await expect
      // Monaco indents with non-breaking spaces.
      .poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\u00a0/g, ' '))
      .toContain(
        [
          'query MyQuery {',
          '  offeringUsers(first: 10) {',
          '    totalCount',
          '    nodes {',
          '      uuid',
          '      state',
          '      consent {',
          '        hasConsent',
        ].join('\n'),
      );
    await page.waitForTimeout(1000);
    const body = await run('MyQuery');
    expect(body.errors).toBeUndefined();
    expect(body.data!.offeringUsers.nodes).toHaveLength(10);
    // An account without a consent record has consent: null.
    expect(body.data!.offeringUsers.nodes.map((n: Json) => n.consent?.hasConsent ?? null).every((c: unknown) => c === null || typeof c === 'boolean')).toBe(
      true,
    );
    await shot('01-explorer-built-query');
  });

  it('the REST calls panel shows the clicked query as two levels: the list, then ten consent reads as one bar', async () => {
    await page.getByRole('button', { name: 'Show REST calls' }).click();
    const panel = page.locator('.waldur-rest');
    await expect.poll(() => panel.locator('.waldur-rest-summary').innerText()).toMatch(/^MyQuery: 11 REST calls of 200 allowed in 2 levels, \d+ ms$/);
    const levels = await panel
      .locator('.waldur-rest-level')
      .evaluateAll((ls) => ls.map((l) => [...l.querySelectorAll('.waldur-rest-label')].map((b) => b.textContent)));
    expect(levels).toEqual([['GET /api/marketplace-offering-users/'], ['GET /api/marketplace-user-offering-consents/ ×10']]);
    expect(await panel.locator('.waldur-rest-status').allInnerTexts()).toEqual(['200', '200']);
    await panel.getByText('/api/marketplace-user-offering-consents/').click();
    await expect.poll(() => panel.locator('.waldur-rest-calls-list li').count()).toBe(10);
    expect(await panel.locator('.waldur-rest-calls-list li').first().innerText()).toMatch(
      /^GET \/api\/marketplace-user-offering-consents\/\?(?=.*\boffering_uuid=[0-9a-f-]{32,36})(?=.*\buser_uuid=[0-9a-f-]{32,36}).*\bpage_size=1\b.* 200 · \d+ ms from \d+ ms$/,
    );
    await shot('02-rest-calls-panel');
  });

  it('loads the schema into the docs explorer', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Root Types').waitFor({ timeout: 15_000 });
    await docs
      .getByText('offeringUsers', { exact: false })
      .first()
      .waitFor()
      .catch(() => undefined);
    await page.getByRole('link', { name: 'Query' }).first().click();
    await docs.getByText('serviceProvider').first().waitFor();
    expect(await page.getByText('Error fetching schema').count()).toBe(0);
    await shot('03-docs-explorer');
  });

  it.each([
    ['PendingOfferingUsers', (d: Record<string, Json>) => expect(d.offeringUsers.nodes.length).toBeGreaterThan(0)],
    ['OfferingUserDetail', (d: Record<string, Json>) => expect(d.offeringUser.uuid).toMatch(/^[0-9a-f-]{32,36}$/)],
    [
      'AskThenLink',
      (d: Record<string, Json>) =>
        expect([d.ask.__typename, d.link.__typename]).toEqual([
          'SetOfferingUserPendingAdditionalValidationSuccess',
          'SetOfferingUserPendingAccountLinkingSuccess',
        ]),
    ],
    ['ProviderDashboard', (d: Record<string, Json>) => expect(d.serviceProvider.offeringUsers.nodes.length).toBeGreaterThan(0)],
  ])('tab %s holds its operation and answers with data', async (name, check) => {
    await openTab(name);
    const body = await run(name);
    expect(body.errors).toBeUndefined();
    check(body.data!);
    await shot(`04-tab-${name}`);
  });

  it('the transition tab succeeds a second time in a row', async () => {
    await openTab('AskThenLink');
    for (const round of [1, 2]) {
      const body = await run('AskThenLink');
      expect(body.errors, `round ${round}`).toBeUndefined();
      expect(body.data!.link.offeringUser.state).toBe('PENDING_ACCOUNT_LINKING');
    }
    await shot('05-transition-twice');
  });

  it("the REST calls panel groups the provider dashboard's per-row reads and names the routes of each level", async () => {
    await openTab('ProviderDashboard');
    await page.getByRole('button', { name: 'Show REST calls' }).click();
    const body = await run('ProviderDashboard');
    expect(body.errors).toBeUndefined();
    const panel = page.locator('.waldur-rest');
    await expect.poll(() => panel.locator('.waldur-rest-summary').innerText()).toMatch(/^ProviderDashboard: \d+ REST calls of 200 allowed in \d levels/);
    const labels = await panel.locator('.waldur-rest-label').allInnerTexts();
    expect(labels).toContain('GET /api/marketplace-user-offering-consents/ ×20');
    expect(labels.filter((l) => l.includes('marketplace-user-offering-consents'))).toHaveLength(1);
    expect(await panel.locator('.waldur-rest-bar').count()).toBe(labels.length);
    await shot('06-rest-calls-dashboard');
  });

  it('the live tab shows a change arriving, pushed as soon as another client changes an account', async () => {
    await openTab('LiveOfferingUsers');
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    // The subscription opens its cohort, whose first poll reads the list once.
    await page.waitForTimeout(1500);
    const gql = async (token: string, query: string, variables = {}) =>
      (await (
        await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data: Json };
    // GraphiQL's demo headers carry the owner's token: an account the owner sees.
    const seen = await gql(DEMO_TOKENS.owner, '{ offeringUsers(first: 1, filter: { state: [OK] }) { nodes { uuid } } }');
    const uuid = seen.data.offeringUsers.nodes[0].uuid as string;
    // Another frontend, through the gateway: the cohort polls at once, without waiting its interval.
    await gql(DEMO_TOKENS.staff, 'mutation($u: UUID!) { requestOfferingUserDeletion(input: { uuid: $u }) { __typename } }', { u: uuid });
    // CodeMirror lays the answer out with non-breaking spaces and wraps long lines.
    const answer = async () => (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');
    await expect.poll(answer, { timeout: 10_000 }).toContain('"kind": "UPDATED"');
    expect(await answer()).toContain(`"uuid": "${uuid}"`);
    expect(await answer()).toContain('"changedFields": [ "state" ]');
    await shot('07-live-tab');
  });

  it('sent x-upstream-trace only with its own operations, never with introspection', () => {
    expect(traced.some((r) => r.operation === 'MyQuery' && r.trace)).toBe(true);
    expect(traced.filter((r) => r.operation === 'IntrospectionQuery').map((r) => r.trace)).not.toContain(true);
    expect(traced.filter((r) => r.operation === 'IntrospectionQuery').length).toBeGreaterThan(0);
  });

  it('asked no other host for anything and raised no page errors', () => {
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
