// `npm start`: the compiled gateway (dist/) in front of WALDUR_API_URL, or, with none set, in front of
// the development simulator (packages/waldur-simulator) with its demo data. The gateway itself never
// imports the simulator: `node dist/main.js` without WALDUR_API_URL refuses to start.
// `node --import tsx scripts/start.mjs src` runs the TypeScript sources instead (`npm run dev`, the tests).
const from = process.argv[2] === 'src' ? 'src' : 'dist';
const dist = (file) => import(new URL(`../${from}/${file}`, import.meta.url).href);

if (process.env.WALDUR_API_URL?.trim() || process.env.NODE_ENV === 'production') {
  // Production never fronts fake data: main.js refuses without WALDUR_API_URL, in one line.
  await dist('main.js');
} else {
  const { ConfigError, loadConfig, createLogger } = await dist('config/index.js');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  const { simulatorOptionsFromEnv, SimulatorEnvError } = await import('waldur-simulator/env');
  let options;
  try {
    options = simulatorOptionsFromEnv(process.env, 0);
  } catch (err) {
    if (!(err instanceof SimulatorEnvError)) throw err;
    process.stderr.write(`Cannot start the simulator: ${err.message}\n`);
    process.exit(2);
  }
  const { startSimulator } = await import('waldur-simulator/server');
  const { demoFor } = await import('waldur-simulator/demo');
  const sim = await startSimulator(options);
  const demo = demoFor(sim);
  const logger = createLogger(config.logLevel);
  logger.info('WALDUR_API_URL is not set: fronting the development Waldur simulator', { simulator: sim.apiRoot, offeringUsers: options.size });
  logger.info('demo tokens (send as "Authorization: Token <key>")', {
    demo: Object.entries(demo.tokens)
      .map(([who, key]) => `${who}=${key}`)
      .join(' '),
  });
  const { startGateway } = await dist('gateway.js');
  await startGateway(config, { apiUrl: sim.apiRoot, demo, stop: sim.close });
}
