/**
 * The `tessera` CLI as a child process, for the server's tests and benchmarks: its argv and
 * environment, `keys create`, and `serve` until it is ready (through the repository's shared
 * `scripts/serve-process.ts`, which waits for `--ready-file`).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServe as spawnServeProcess, type TestKeys } from '../../../scripts/serve-process.js';
import type { KeyPair } from '../../src/services/api-keys.js';

export { killIfRunning, stopChild, type Exit } from '../../../scripts/serve-process.js';

/** The server package's folder: the working directory of every child. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI (`npm run build`). */
export const DIST_CLI = join(ROOT, 'dist', 'cli.js');

/**
 * `tessera serve` flags that keep the limits on but far above what a suite sends (crash and
 * multi-node tests create tokens much faster than a shopper): as `RAISED_RATE_LIMITS`.
 */
export const RAISED_LIMIT_ARGS: readonly string[] = [
  '--publishable-limit',
  '1000000',
  '--publishable-limit-test',
  '1000000',
  '--secret-limit',
  '1000000',
  '--secret-limit-test',
  '1000000',
  '--card-error-limit',
  '1000000',
  '--card-error-key-limit',
  '1000000',
];

/** How long {@link spawnServe} waits for the server to be ready, unless told otherwise. */
const DEFAULT_START_TIMEOUT_MS = 10_000;

/** Options of every CLI child. */
export interface CliOptions {
  /** Run the built `dist/cli.js` instead of `src/cli.ts` through tsx. */
  useDist?: boolean;
  /** Run this built `cli.js` (another build's, say) instead; wins over `useDist`. */
  cli?: string;
  /** Environment variables added to {@link childEnv}'s (these may set `TESSERA_*`). */
  env?: Record<string, string>;
  /** SIGKILL the child after this many ms, whatever it is doing (spawn's `timeout`). */
  killAfterMs?: number;
  /** Called with the child as soon as it is spawned, e.g. to kill it when the test ends. */
  onSpawn?: (child: ChildProcess) => void;
  /** Written to the child's standard input, which is then closed (default: closed at once). */
  input?: string;
}

/** What a CLI command run to completion printed, and how it exited. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link spawnServe}. */
export interface ServeOptions extends CliOptions {
  /** Fail (and SIGKILL the child) when it is not ready within this many ms. Default 10 s. */
  startTimeoutMs?: number;
  /**
   * The child's stdout (its log lines): collected in `output.stdout` (`'capture'`, the default),
   * discarded (`'ignore'`), or piped into a stream, e.g. `process.stderr`.
   */
  stdout?: 'capture' | 'ignore' | NodeJS.WritableStream;
}

/** A running `tessera serve`. */
export interface ServeProcess {
  child: ChildProcess;
  /** The base URL it listens on, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The key pair of `serve --dev`, null without it. */
  testKeys: TestKeys | null;
  /** The metrics listener, with `--metrics-port`. */
  metricsUrl: string | null;
  /** What it printed so far; it keeps growing while the child runs. */
  output: { stdout: string; stderr: string };
}

/**
 * The Node arguments that run the CLI: the built `dist/cli.js`, or `src/cli.ts` through tsx
 * (with the condition that resolves `tessera/validation` to its TypeScript source).
 */
export function cliArgs(useDist = false): string[] {
  return useDist
    ? [DIST_CLI]
    : ['--conditions=tessera-source', '--import', 'tsx', join(ROOT, 'src', 'cli.ts')];
}

/**
 * The environment of a child: the caller's without any `TESSERA_*` setting (so none leaks in
 * from the shell), plus `extra`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('TESSERA_'));
  return { ...Object.fromEntries(inherited), ...extra };
}

/** Runs `tessera <args>` to completion and resolves with its exit and everything it printed. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const command = options.cli === undefined ? cliArgs(options.useDist) : [options.cli];
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: ROOT,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.killAfterMs === undefined
      ? {}
      : { timeout: options.killAfterMs, killSignal: 'SIGKILL' as const }),
  });
  options.onSpawn?.(child);
  child.stdin.end(options.input ?? '');
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  // `close`, unlike `exit`, comes after the last output.
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      resolve({ code, signal, ...output });
    });
  });
}

/**
 * Runs `tessera keys create --db <db> <args>` and resolves with the key pair it prints; fails
 * (with its stderr) unless it exits 0.
 */
export async function createKeysWithCli(
  db: string,
  args: string[] = [],
  options: CliOptions = {},
): Promise<KeyPair> {
  const result = await runCli(['keys', 'create', '--db', db, ...args], options);
  assert.equal(result.code, 0, `tessera keys create failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as KeyPair;
}

/**
 * Starts `tessera serve --port 0 --db <db> --log-level warn <args>` and resolves once it is ready
 * (its ready file). Rejects, with what the child printed, when it exits first or is not ready
 * within `options.startTimeoutMs` (the child is then killed). Stop it with {@link stopChild}.
 */
export async function spawnServe(
  db: string,
  args: string[] = [],
  options: ServeOptions = {},
): Promise<ServeProcess> {
  const { startTimeoutMs = DEFAULT_START_TIMEOUT_MS, stdout = 'capture' } = options;
  const output = { stdout: '', stderr: '' };
  const started = await spawnServeProcess({
    command: cliArgs(options.useDist),
    args: ['--port', '0', '--db', db, '--log-level', 'warn', ...args],
    cwd: ROOT,
    env: childEnv(options.env),
    stdio: [stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
    startTimeoutMs,
    ...(options.killAfterMs === undefined ? {} : { killAfterMs: options.killAfterMs }),
    onSpawn: (child) => {
      child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
      if (stdout === 'capture') {
        child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
      } else if (stdout !== 'ignore') {
        child.stdout?.pipe(stdout);
      }
      options.onSpawn?.(child);
    },
  });
  return {
    child: started.child,
    url: started.url,
    testKeys: started.testKeys,
    metricsUrl: started.ready.metrics_url,
    output,
  };
}
