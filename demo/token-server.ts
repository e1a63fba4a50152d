/**
 * The built token server (`server/dist/cli.js serve --dev`) as a child process of the demo:
 * started, waited for until it is ready (its ready file; see `scripts/serve-process.ts`), and
 * stopped by its pid. `npm start` and the demo's tests start it the same way.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUILT_CLI, spawnServe, stopChild, type TestKeys } from '../scripts/serve-process.js';

export type { TestKeys } from '../scripts/serve-process.js';

/** How to start the token server. */
export interface TokenServerOptions {
  /** SQLite file; the test keys are kept beside it. */
  db: string;
  /** 0 picks a free port. */
  port: number;
  logLevel?: string;
  /**
   * Where its output goes: `inherit` shows its banner and keys (stderr) and log lines (stdout)
   * in this terminal; `ignore` (the default) shows nothing.
   */
  output?: 'inherit' | 'ignore';
  /** More `tessera serve` flags (a benchmark's raised rate limits, say). */
  extraArgs?: readonly string[];
}

/** A running token server. */
export interface TokenServer {
  child: ChildProcess;
  /** e.g. `http://127.0.0.1:4242`. */
  url: string;
  keys: TestKeys;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts `server/dist/cli.js serve --dev` and resolves once it is ready. */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\`.`);
  const args = ['--dev', '--db', options.db, '--port', String(options.port)];
  if (options.logLevel) args.push('--log-level', options.logLevel);
  args.push(...(options.extraArgs ?? []));
  const output = options.output === 'inherit' ? 'inherit' : 'ignore';
  const started = await spawnServe({
    args,
    stdio: [output, output === 'inherit' ? output : 'pipe'],
  });
  if (!started.testKeys) {
    await stopChild(started.child);
    throw new Error('tessera serve --dev reported no test keys.');
  }
  return {
    child: started.child,
    url: started.url,
    keys: started.testKeys,
    stop: async () => {
      await stopChild(started.child);
    },
  };
}
