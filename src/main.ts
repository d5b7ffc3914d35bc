import { ConfigError, loadConfig, type Config } from './config/index.js';
import { startGateway } from './gateway.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

if (!config.upstream.apiUrl) {
  // The gateway never serves fake data: the simulator is a development package (`npm start` fronts it).
  process.stderr.write(
    'Cannot start the gateway: WALDUR_API_URL is not set (the gateway never serves fake data); set WALDUR_API_URL=https://<your Waldur>/api/ (npm start in a checkout fronts the development simulator).\n',
  );
  process.exit(2);
}
await startGateway(config, { apiUrl: config.upstream.apiUrl });
