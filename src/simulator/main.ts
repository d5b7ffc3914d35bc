import { DEMO_TOKENS } from './seed.js';
import { startSimulator } from './server.js';

// Standalone fake Waldur for frontend developers: `npm run simulator`.
const port = Number(process.env.SIMULATOR_PORT ?? process.env.PORT ?? 8000);
const sim = await startSimulator({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  size: Number(process.env.SIMULATOR_SIZE ?? 300),
  latencyMs: Number(process.env.SIMULATOR_LATENCY_MS ?? 0),
  control: process.env.SIMULATOR_CONTROL === 'true',
  agentIntervalMs: Number(process.env.SIMULATOR_AGENT_INTERVAL_MS ?? 0),
});
process.stderr.write(`Waldur simulator listening at ${sim.apiRoot}\nDemo tokens (Authorization: Token <key>):\n`);
for (const [who, key] of Object.entries(DEMO_TOKENS)) process.stderr.write(`  ${who.padEnd(10)} ${key}\n`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
