import { startConsoleStack } from './console-stack.js';

// `npm run console`: the provider console (examples/provider-console) beside a gateway enforcing its
// trusted documents, in front of the simulator. PORT (default 4100) for the console, GATEWAY_PORT (4000).
const stack = await startConsoleStack({ port: Number(process.env.PORT ?? 4100), gatewayPort: Number(process.env.GATEWAY_PORT ?? 4000) });
process.stdout.write(
  `Provider console: ${stack.url}\n` +
    `Gateway (TRUSTED_DOCUMENTS_MODE=enforce with the console's manifest): ${stack.gatewayUrl}/graphql\n` +
    'The console sends document ids only; GraphiQL on the gateway answers only staff and support tokens here. Ctrl-C stops both.\n',
);
const stop = () => void stack.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
