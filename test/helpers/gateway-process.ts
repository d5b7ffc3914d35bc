import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** `npm run dev`: scripts/start.mjs over the TypeScript sources. */
export const DEV_ENTRY = [process.execPath, '--import', 'tsx', 'scripts/start.mjs', 'src'];

export interface GatewayProcess {
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * The gateway as a user starts it: its own process, configured only by environment variables,
 * ready once /health answers. `command` defaults to `npm run dev`'s entry (TypeScript via tsx): the
 * gateway in front of WALDUR_API_URL, or with none set in front of the development simulator.
 */
export async function startGatewayProcess(env: Record<string, string> = {}, command: string[] = DEV_ENTRY, cwd = ROOT): Promise<GatewayProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const proc = spawn(command[0]!, command.slice(1), {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', METRICS_PORT: '0', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 150; i++) {
    if (proc.exitCode !== null) throw new Error(`the gateway exited with ${proc.exitCode}: ${out.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
    if (i === 149) throw new Error(`the gateway did not answer /health within 30 s: ${out.slice(-2000)}`);
  }
  return {
    url,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}
