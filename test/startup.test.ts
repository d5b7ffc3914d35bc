import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { DEV_ENTRY, ROOT } from './helpers/gateway-process.js';

it('a port in use is one clear line naming the port and PORT, exit 1, no stack trace', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const proc = spawn(DEV_ENTRY[0], DEV_ENTRY.slice(1), {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', METRICS_PORT: '0', LOG_LEVEL: 'silent', SIMULATOR_SIZE: '10' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Cannot start the gateway: port ${port} on 127.0.0.1 is already in use; stop the other process or set PORT to a free port (PORT=4001 npm start).\n`,
    );
  } finally {
    blocker.close();
  }
});

it.each([
  ['main.ts without WALDUR_API_URL, in any NODE_ENV', ['--import', 'tsx', 'src/main.ts'], 'development'],
  ['the npm start launcher under NODE_ENV=production', ['--import', 'tsx', 'scripts/start.mjs', 'src'], 'production'],
])('%s refuses to start in one line (never the simulator, never its demo tokens)', async (_, args, nodeEnv) => {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: nodeEnv, WALDUR_API_URL: '', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  expect(code).toBe(2);
  expect(out).toBe(
    'Cannot start the gateway: WALDUR_API_URL is not set (the gateway never serves fake data); set WALDUR_API_URL=https://<your Waldur>/api/ (npm start in a checkout fronts the development simulator).\n',
  );
});
