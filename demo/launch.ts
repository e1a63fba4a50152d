/**
 * What `npm start` (`start.ts`) and `npm run demo:frameworks` (`start-frameworks.ts`) share: their
 * common flags, the token server they start in this terminal, and stopping everything on Ctrl-C,
 * SIGTERM, or when the token server stops by itself.
 */
import { resolve } from 'node:path';
import { startTokenServer, type TokenServer } from './token-server.js';

/** The flags both commands take besides their own `--port`. */
export const COMMON_OPTIONS = {
  'vault-port': { type: 'string', default: '4242' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Their lines of `--help`. */
export const COMMON_HELP = `  --vault-port <port>  Token server port on 127.0.0.1 (default 4242)
  --db <path>          Token server database (default: $TESSERA_DATABASE_URL, then ./tessera.db)
  -h, --help           Show this help`;

/** `value` of `--name` as a port, with `room` more ports after it; throws a readable error. */
export function parsePort(value: string, name: string, room = 0): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(parsed >= 0 && parsed + room <= 65535)) {
    throw new Error(`--${name} must be a port number${room ? ` up to ${65535 - room}` : ''}.`);
  }
  return parsed;
}

/** Something this terminal runs that must close before the process exits. */
interface Closable {
  close(): Promise<void>;
}

/**
 * Starts the token server (`--db`, `--vault-port`), its banner and test keys printed to this
 * terminal. Resolves with it and `running`: the servers started after it go in there, and are
 * closed before it on SIGINT or SIGTERM (exit 0), or when it stops by itself (exit 1).
 * `stop(code)` does the same from the caller.
 */
export async function startVaultInTerminal(values: { 'vault-port': string; db?: string }): Promise<{
  vault: TokenServer;
  running: Closable[];
  stop: (code: number) => Promise<void>;
}> {
  const vault = await startTokenServer({
    db: resolve(values.db ?? process.env.TESSERA_DATABASE_URL ?? 'tessera.db'),
    port: parsePort(values['vault-port'], 'vault-port'),
    logLevel: 'warn',
    output: 'inherit',
  });
  const running: Closable[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(running.map((server) => server.close()));
    await vault.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  vault.child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The token server stopped (${String(code ?? signal)}); stopping the rest.`);
    void stop(code === 0 ? 0 : 1);
  });
  return { vault, running, stop };
}
