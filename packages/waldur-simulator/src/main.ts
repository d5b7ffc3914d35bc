import { simulatorOptionsFromEnv, SimulatorEnvError } from './env.js';
import { DEMO_TOKENS } from './seed.js';
import { startSimulator } from './server.js';

// Standalone fake Waldur for frontend developers: `npm run simulator`.
let options;
try {
  options = simulatorOptionsFromEnv({ SIMULATOR_PORT: process.env.PORT, SIMULATOR_AGENT_INTERVAL_MS: '0', ...process.env }, 8000);
} catch (err) {
  if (!(err instanceof SimulatorEnvError)) throw err;
  process.stderr.write(`Cannot start the simulator: ${err.message}\n`);
  process.exit(2);
}
const sim = await startSimulator({ ...options, host: process.env.HOST ?? '127.0.0.1', control: process.env.SIMULATOR_CONTROL === 'true' });
process.stderr.write(`Waldur simulator listening at ${sim.apiRoot}\nDemo tokens (Authorization: Token <key>):\n`);
for (const [who, key] of Object.entries(DEMO_TOKENS)) process.stderr.write(`  ${who.padEnd(10)} ${key}\n`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
