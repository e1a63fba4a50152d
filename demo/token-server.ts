/**
 * The built token server (`dist/cli.js serve --dev`) as a child process of the demo: started,
 * waited for until it listens and has printed its test keys, and stopped by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI. */
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** The line `tessera serve` prints once it accepts connections; group 1 is its URL. */
const LISTENING = /listening on (http:\/\/\S+)/;
/** The last line `serve --dev` prints, after the keys. */
const KEYS_PRINTED = /card\[cvc\]=123/;
/** How long the server may take to start. */
const START_TIMEOUT_MS = 15_000;
/** How long it may take to stop before it gets SIGKILL. */
const STOP_TIMEOUT_MS = 5000;

/** The test key pair `serve --dev` keeps in `<db>.test-keys.json`. */
export interface TestKeys {
  publishable_key: string;
  secret_key: string;
}

/** How to start the token server. */
export interface TokenServerOptions {
  /** SQLite file; the test keys are kept beside it. */
  db: string;
  /** 0 picks a free port. */
  port: number;
  logLevel?: string;
  /** Where its stderr (the listening line, the keys) goes besides being read; default nowhere. */
  echo?: NodeJS.WritableStream;
  /** Its stdout (log lines): `inherit` or `ignore` (default). */
  stdout?: 'inherit' | 'ignore';
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

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function readKeys(file: string): TestKeys {
  const keys = JSON.parse(readFileSync(file, 'utf8')) as Partial<TestKeys>;
  if (typeof keys.publishable_key !== 'string' || typeof keys.secret_key !== 'string') {
    throw new Error(`${file} holds no test key pair.`);
  }
  return { publishable_key: keys.publishable_key, secret_key: keys.secret_key };
}

/** Stops `child` by its pid: SIGTERM, then SIGKILL if it is still running after a while. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (isRunning(child)) child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Starts `dist/cli.js serve --dev` and resolves once it listens and its keys are written. */
export function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  if (!existsSync(CLI)) {
    return Promise.reject(new Error(`${CLI} is missing: run \`npm run build\`.`));
  }
  const args = ['serve', '--dev', '--db', options.db, '--port', String(options.port)];
  if (options.logLevel) args.push('--log-level', options.logLevel);
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
  });
  let stderr = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      if (isRunning(child)) child.kill('SIGKILL');
      reject(new Error(`tessera serve ${reason}:\n${stderr}`));
    };
    const timer = setTimeout(() => {
      fail(`did not start within ${String(START_TIMEOUT_MS)} ms`);
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null) => {
      fail(`exited (${String(code ?? signal)}) before it was ready`);
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      fail(`could not be started (${error.message})`);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      options.echo?.write(chunk);
      if (ready) return;
      stderr += chunk.toString();
      const url = LISTENING.exec(stderr)?.[1];
      if (!url || !KEYS_PRINTED.test(stderr)) return;
      ready = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      try {
        resolve({
          child,
          url,
          keys: readKeys(`${options.db}.test-keys.json`),
          stop: () => stopChild(child),
        });
      } catch (error) {
        child.kill('SIGKILL');
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
