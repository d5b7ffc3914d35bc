import type { SimulatorOptions } from './server.js';

/** A SIMULATOR_* variable the simulator cannot use, named with what it takes. */
export class SimulatorEnvError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SimulatorEnvError(`${name}=${raw} is not valid: expected a whole number from ${min} to ${max}.`);
  return n;
}

/**
 * The simulator's settings from the environment, for `npm run simulator` and for `npm start`
 * fronting it. `fallbackPort` differs: standing alone it listens where frontends expect a Waldur
 * (8000); behind `npm start`, on any free port.
 */
export function simulatorOptionsFromEnv(env: NodeJS.ProcessEnv, fallbackPort: number): SimulatorOptions {
  return {
    port: int(env, 'SIMULATOR_PORT', 0, 65_535, fallbackPort),
    size: int(env, 'SIMULATOR_SIZE', 10, 200_000, 300),
    latencyMs: int(env, 'SIMULATOR_LATENCY_MS', 0, 60_000, 0),
    // A demo site agent moves accounts, so a live subscription shows something; off in the test suites.
    agentIntervalMs: int(env, 'SIMULATOR_AGENT_INTERVAL_MS', 0, 3_600_000, env.NODE_ENV === 'test' ? 0 : 5_000),
  };
}
