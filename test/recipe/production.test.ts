import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, freePort, startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';

const dir = mkdtempSync(join(tmpdir(), 'waldur-gateway-recipe-'));
let gateway: GatewayProcess | undefined;
const closers: Array<() => unknown> = [];
afterAll(async () => {
  await gateway?.stop();
  for (const c of closers) await c();
  rmSync(dir, { recursive: true, force: true });
});

const npm = (...args: string[]) => execFileSync('npm', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, NODE_ENV: '' } }).toString();

it("the README's production recipe works in a fresh directory: npm ci, build, prune dev dependencies, node dist/main.js", async () => {
  // What a clone holds: the tracked files (and any not yet committed), nothing built or installed.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT })
    .toString()
    .split('\n')
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  npm('ci', '--no-audit', '--no-fund');
  npm('run', 'build');
  npm('prune', '--omit=dev', '--no-audit', '--no-fund');
  // Development tools are gone; the process that serves runs compiled JavaScript only.
  for (const devTool of ['tsx', 'typescript', 'vitest']) expect(existsSync(join(dir, 'node_modules', devTool)), devTool).toBe(false);
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toMatch(/npm ci --omit=dev[\s\S]*USER node[\s\S]*HEALTHCHECK[\s\S]*dist\/main\.js/);
  // Without a Waldur the built gateway refuses to start, in one line saying what to set, whatever
  // NODE_ENV says: it holds no simulator to fall back on (that is a development package, not in dist/).
  expect(execFileSync('find', ['dist', '-iname', '*simulator*'], { cwd: dir }).toString()).toBe('');
  for (const nodeEnv of ['production', '']) {
    const refused = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: nodeEnv, WALDUR_API_URL: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(refused.status, `NODE_ENV=${nodeEnv}`).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot start the gateway: WALDUR_API_URL is not set .*set WALDUR_API_URL=/)]);
    expect(refused.stdout + refused.stderr).not.toMatch(/demo tokens|simulator listening/i);
  }
  // In front of a Waldur (here the simulator, started on its own as frontend developers do).
  const sim = await startSimulatorProcess();
  closers.push(sim.stop);
  gateway = await startGatewayProcess({ NODE_ENV: 'production', WALDUR_API_URL: sim.apiRoot }, [process.execPath, 'dist/main.js'], dir);
  expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001' },
    body: JSON.stringify({ query: '{ offeringUsers(first: 1) { totalCount } }' }),
  });
  expect(((await res.json()) as { data: { offeringUsers: { totalCount: number } } }).data.offeringUsers.totalCount).toBeGreaterThan(0);
}, 240_000);

/** `npm run simulator` from the checkout, on a free port; resolves once it listens. */
async function startSimulatorProcess() {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'packages/waldur-simulator/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIMULATOR_PORT: String(port), SIMULATOR_SIZE: '30' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    proc.stderr.on('data', (d: Buffer) => ((err += d), /listening at/.test(err) && resolve()));
    proc.once('exit', (code) => reject(new Error(`the simulator exited with ${code}: ${err}`)));
  });
  return { apiRoot: `http://127.0.0.1:${port}/api/`, stop: () => proc.kill('SIGTERM') };
}
