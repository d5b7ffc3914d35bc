import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleStack, type ConsoleStack } from '../../scripts/console-stack.js';
import { CHROMIUM, FLAGS, SHOTS } from './browser.js';

let stack: ConsoleStack;
let browser: Browser;
let page: Page;
const blocked: string[] = [];
const pageErrors: string[] = [];
const sent: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  // `pretest:browser` builds the gateway (dist/) and the console (examples/provider-console/dist).
  stack = await startConsoleStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${stack.consoleUrl}/`)) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url().startsWith(`${stack.consoleUrl}/graphql`)) sent.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
  });
  await page.goto(stack.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
const rows = () => page.locator('#rows tr');
const pageLabel = () => page.locator('#page').innerText();

describe('the provider console (examples/provider-console) against a gateway enforcing trusted documents', () => {
  it("renders the provider's offering users with state, user, offering, consent, checklist and the transitions each row allows", async () => {
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(10);
    expect(await page.locator('#provider-name').innerText()).toBe('Nordic HPC Centre');
    expect(await pageLabel()).toMatch(/^Page 1 of \d+$/);
    const first = await rows().first().locator('td').allInnerTexts();
    expect(first).toHaveLength(7);
    expect(first[3]).toMatch(/^[a-z ]+$/);
    expect(first[5]).toMatch(/^(\d+%|—)$/);
    expect(await page.locator('#rows button[data-transition]').count()).toBeGreaterThan(0);
    await shot('01-list');
  });

  it('opens page 2 by number', async () => {
    const before = await rows().first().getAttribute('data-uuid');
    await page.locator('#pages button', { hasText: /^2$/ }).click();
    await expect.poll(pageLabel).toMatch(/^Page 2 of \d+$/);
    await expect.poll(() => rows().first().getAttribute('data-uuid')).not.toBe(before);
    expect(await rows().count()).toBe(10);
    await shot('02-page-2');
  });

  it('filters by state', async () => {
    await page.locator('#states label', { hasText: 'pending account linking' }).locator('input').check();
    await expect.poll(pageLabel).toMatch(/^Page 1 of \d+$/);
    await expect.poll(async () => [...new Set(await page.locator('#rows td.state').allInnerTexts())]).toEqual(['pending account linking']);
    await page.locator('#states label', { hasText: 'pending account linking' }).locator('input').uncheck();
    await page
      .locator('#states label', { hasText: /^ creating$/ })
      .locator('input')
      .check();
    await expect.poll(async () => [...new Set(await page.locator('#rows td.state').allInnerTexts())]).toEqual(['creating']);
    await shot('03-filtered');
  });

  it('runs a transition and the row shows the new state and the buttons it now allows', async () => {
    const row = rows().first();
    const uuid = (await row.getAttribute('data-uuid'))!;
    await row.locator('button[data-transition="SET_PENDING_ACCOUNT_LINKING"]').click();
    const updated = page.locator(`#rows tr[data-uuid="${uuid}"]`);
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/set pending account linking done$/);
    // The list is filtered by "creating": the account left it; unfiltered, it shows its new state.
    await page
      .locator('#states label', { hasText: /^ creating$/ })
      .locator('input')
      .uncheck();
    await page.locator('#states label', { hasText: 'pending account linking' }).locator('input').check();
    await expect
      .poll(() =>
        updated
          .locator('td.state')
          .innerText()
          .catch(() => ''),
      )
      .toBe('pending account linking');
    expect(await updated.locator('button[data-transition]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-transition')))).not.toContain(
      'SET_PENDING_ACCOUNT_LINKING',
    );
    await shot('04-transition');
  });

  it('a change made at Waldur behind its back appears in the row, through the live subscription', async () => {
    for (const box of await page.locator('#states input:checked').all()) await box.uncheck();
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    const row = rows().first();
    const uuid = (await row.getAttribute('data-uuid'))!;
    const ou = stack.simulator.store.offeringUsers.get(uuid)!;
    // What a site agent does: the account moves on, not through the console or the gateway.
    ou.state = ou.state === 5 ? 4 : 5;
    ou.modified = new Date().toISOString().replace('Z', '000Z');
    const expected = ou.state === 5 ? 'ok' : 'pending additional validation';
    await expect.poll(() => page.locator(`#rows tr[data-uuid="${uuid}"] td.state`).innerText(), { timeout: 10_000 }).toBe(expected);
    await expect.poll(() => page.locator('#live').innerText()).toMatch(/^live: updated/);
    await shot('05-live-change');
  });

  it('sent document ids only, and the gateway refuses the same operations as text', async () => {
    expect(sent.length).toBeGreaterThan(4);
    for (const body of sent) {
      expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(body).not.toHaveProperty('query');
    }
    const text = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${new URL(stack.url).hash.match(/token=(\w+)/)![1]}` },
      body: JSON.stringify({ query: '{ offeringUsers(first: 1) { totalCount } }' }),
    });
    expect((await text.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }] });
  });

  it("the gateway's GraphiQL says why it cannot run text for a plain caller, and works for staff", async () => {
    const staffToken = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001';
    for (const [who, headers] of [
      ['anonymous', {}],
      ['staff', { authorization: `Token ${staffToken}` }],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, extraHTTPHeaders: headers });
      const gq = await context.newPage();
      await gq.route('**/*', (route) => (route.request().url().startsWith(`${stack.gatewayUrl}/`) ? route.continue() : route.abort('internetdisconnected')));
      await gq.goto(`${stack.gatewayUrl}/graphql`);
      if (who === 'anonymous') {
        await gq.locator('#waldur-trusted-banner').waitFor({ timeout: 20_000 });
        expect(await gq.locator('#waldur-trusted-banner').innerText()).toMatch(
          /^This gateway runs registered operations only \(TRUSTED_DOCUMENTS_MODE=enforce\)/,
        );
      } else {
        await gq.getByRole('button', { name: 'Show Documentation Explorer' }).click();
        await gq.locator('.graphiql-doc-explorer').getByText('Root Types').waitFor({ timeout: 20_000 });
        expect(await gq.locator('#waldur-trusted-banner').count()).toBe(0);
      }
      await gq.screenshot({ path: join(SHOTS, `console-05-graphiql-enforce-${who}.png`) });
      await context.close();
    }
  });

  it('asked no other host for anything and raised no page errors', () => {
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
