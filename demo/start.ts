/**
 * `npm start` (after `npm run build`): the token server on http://127.0.0.1:4242 and the demo
 * checkout on http://localhost:4243, two origins as in production. Ctrl-C stops both.
 *
 *   node --import tsx demo/start.ts [--port 4243] [--vault-port 4242] [--db tessera.db]
 */
import { parseArgs } from 'node:util';
import { COMMON_HELP, COMMON_OPTIONS, parsePort, startVaultInTerminal } from './launch.js';
import { startDemoServer } from './server.js';

const HELP = `Usage: npm start [-- options]

Builds, then starts the token server and the demo checkout.

  --port <port>        Demo checkout port on localhost (default 4243)
${COMMON_HELP}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4243' }, ...COMMON_OPTIONS },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = parsePort(values.port, 'port');
  const { vault, running, stop } = await startVaultInTerminal(values);
  try {
    const demo = await startDemoServer({
      vaultUrl: vault.url,
      publishableKey: vault.keys.publishable_key,
      secretKey: vault.keys.secret_key,
      port,
      logger: { level: 'warn' },
    });
    running.push(demo);
    console.error(`
Demo checkout listening on ${demo.url}  (token server: ${vault.url}, another origin)
  Open ${demo.url} in a browser. Ctrl-C stops both servers.`);
  } catch (error) {
    console.error(`The demo checkout could not start: ${(error as Error).message}`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
