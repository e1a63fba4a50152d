/**
 * `npm start` (after `npm run build`): the token server on http://127.0.0.1:4242 and the demo
 * checkout on http://localhost:4243, two origins as in production. Ctrl-C stops both.
 *
 *   node --import tsx demo/start.ts [--port 4243] [--vault-port 4242] [--db tessera.db]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoServer, type RunningDemo } from './server.js';
import { startTokenServer, type TokenServer } from './token-server.js';

const HELP = `Usage: npm start [-- options]

Builds, then starts the token server and the demo checkout.

  --port <port>        Demo checkout port on localhost (default 4243)
  --vault-port <port>  Token server port on 127.0.0.1 (default 4242)
  --db <path>          Token server database (default: $TESSERA_DATABASE_URL, then ./tessera.db)
  -h, --help           Show this help`;

function port(value: string, name: string): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(parsed >= 0 && parsed <= 65535)) throw new Error(`--${name} must be a port number.`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4243' },
      'vault-port': { type: 'string', default: '4242' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const db = resolve(values.db ?? process.env.TESSERA_DATABASE_URL ?? 'tessera.db');

  // The token server prints its own lines (listening, test keys) to this terminal.
  const vault: TokenServer = await startTokenServer({
    db,
    port: port(values['vault-port'], 'vault-port'),
    logLevel: 'warn',
    output: 'inherit',
  });
  let demo: RunningDemo | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await demo?.close();
    await vault.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  vault.child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The token server stopped (${String(code ?? signal)}); stopping the demo.`);
    void stop(code === 0 ? 0 : 1);
  });

  try {
    demo = await startDemoServer({
      vaultUrl: vault.url,
      publishableKey: vault.keys.publishable_key,
      secretKey: vault.keys.secret_key,
      port: port(values.port, 'port'),
      logger: { level: 'warn' },
    });
  } catch (error) {
    console.error(`The demo checkout could not start: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  console.error(`
Demo checkout listening on ${demo.url}  (token server: ${vault.url}, another origin)
  Open ${demo.url} in a browser. Ctrl-C stops both servers.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
