import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { ROOT } from './helpers/gateway-process.js';

it('a port in use is one clear line naming the port and PORT, exit 1, no stack trace', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
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

it('NODE_ENV=production without WALDUR_API_URL refuses to start in one line (never the simulator, never its demo tokens)', async () => {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', WALDUR_API_URL: '', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  expect(code).toBe(2);
  expect(out).toBe(
    'Cannot start the gateway: WALDUR_API_URL is not set (NODE_ENV=production never serves the embedded simulator); set WALDUR_API_URL=https://<your Waldur>/api/.\n',
  );
});
