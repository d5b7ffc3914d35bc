import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';

const dir = mkdtempSync(join(tmpdir(), 'waldur-gateway-recipe-'));
let gateway: GatewayProcess | undefined;
afterAll(async () => {
  await gateway?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const npm = (...args: string[]) => execFileSync('npm', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, NODE_ENV: '' } }).toString();

it("the README's production recipe works in a fresh directory: npm ci, build, prune dev dependencies, node dist/main.js", async () => {
  // What a clone holds: the tracked files (and any not yet committed), nothing built or installed.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT }).toString().split('\n').filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  npm('ci', '--no-audit', '--no-fund');
  npm('run', 'build');
  npm('prune', '--omit=dev', '--no-audit', '--no-fund');
  // Development tools are gone; the process that serves runs compiled JavaScript only.
  for (const devTool of ['tsx', 'typescript', 'vitest']) expect(existsSync(join(dir, 'node_modules', devTool)), devTool).toBe(false);
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toMatch(/npm ci --omit=dev[\s\S]*USER node[\s\S]*HEALTHCHECK[\s\S]*dist\/main\.js/);
  gateway = await startGatewayProcess({ NODE_ENV: 'production', SIMULATOR_SIZE: '30' }, [process.execPath, 'dist/main.js'], dir);
  expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001' }, body: JSON.stringify({ query: '{ offeringUsers(first: 1) { totalCount } }' }) });
  expect(((await res.json()) as { data: { offeringUsers: { totalCount: number } } }).data.offeringUsers.totalCount).toBeGreaterThan(0);
}, 240_000);
