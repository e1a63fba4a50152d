/**
 * The `tessera` CLI as a child process, for tests and benchmarks: its argv and environment,
 * `keys create`, `serve` until it listens, and stopping a child.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyPair } from '../../src/server/services/api-keys.js';

/** The repository root: the working directory of every child. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI (`npx vite build`). */
export const DIST_CLI = join(ROOT, 'dist', 'cli.js');
/** The line `tessera serve` prints once it accepts connections; group 1 is its URL. */
export const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** How long {@link spawnServe} waits for the server to be ready, unless told otherwise. */
const DEFAULT_START_TIMEOUT_MS = 10_000;
/** How long {@link stopChild} waits before it sends SIGKILL, unless told otherwise. */
const DEFAULT_STOP_TIMEOUT_MS = 5000;

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of every CLI child. */
export interface CliOptions {
  /** Run the built `dist/cli.js` instead of `src/cli.ts` through tsx. */
  useDist?: boolean;
  /** Environment variables added to {@link childEnv}'s (these may set `TESSERA_*`). */
  env?: Record<string, string>;
  /** SIGKILL the child after this many ms, whatever it is doing (spawn's `timeout`). */
  killAfterMs?: number;
  /** Called with the child as soon as it is spawned, e.g. to kill it when the test ends. */
  onSpawn?: (child: ChildProcess) => void;
}

/** What a CLI command run to completion printed, and how it exited. */
export interface CliResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Options of {@link spawnServe}. */
export interface ServeOptions extends CliOptions {
  /**
   * A pattern (without the `g` flag) that stderr must also match before the server counts as
   * ready, e.g. the test keys `serve --dev` prints. The {@link LISTENING} line is always needed.
   */
  ready?: RegExp;
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
  /** What it printed so far; it keeps growing while the child runs. */
  output: { stdout: string; stderr: string };
}

/** The Node arguments that run the CLI: the built `dist/cli.js`, or `src/cli.ts` through tsx. */
export function cliArgs(useDist = false): string[] {
  return useDist ? [DIST_CLI] : ['--import', 'tsx', join(ROOT, 'src', 'cli.ts')];
}

/**
 * The environment of a child: the caller's without any `TESSERA_*` setting (so none leaks in
 * from the shell), plus `extra`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('TESSERA_'));
  return { ...Object.fromEntries(inherited), ...extra };
}

/** Whether `child` has not exited yet. */
function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves with how `child` exited (at once when it already has). */
function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (!isRunning(child)) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
}

/** Spawns `tessera <args>` from the repository root; stdin is closed, stderr is piped. */
function spawnCli(args: string[], options: CliOptions, stdout: 'pipe' | 'ignore'): ChildProcess {
  const child = spawn(process.execPath, [...cliArgs(options.useDist), ...args], {
    cwd: ROOT,
    env: childEnv(options.env),
    stdio: ['ignore', stdout, 'pipe'],
    ...(options.killAfterMs === undefined
      ? {}
      : { timeout: options.killAfterMs, killSignal: 'SIGKILL' as const }),
  });
  options.onSpawn?.(child);
  return child;
}

/** Runs `tessera <args>` to completion and resolves with its exit and everything it printed. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options, 'pipe');
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
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
 * Starts `tessera serve --port 0 --db <db> --log-level warn <args>` and resolves once stderr has
 * the {@link LISTENING} line (and `options.ready`, if given). Rejects, with what the child printed,
 * when it exits first or is not ready within `options.startTimeoutMs` (the child is then killed).
 * Stop it with {@link stopChild}.
 */
export function spawnServe(
  db: string,
  args: string[] = [],
  options: ServeOptions = {},
): Promise<ServeProcess> {
  const { ready, startTimeoutMs = DEFAULT_START_TIMEOUT_MS, stdout = 'capture' } = options;
  const child = spawnCli(
    ['serve', '--port', '0', '--db', db, '--log-level', 'warn', ...args],
    options,
    stdout === 'ignore' ? 'ignore' : 'pipe',
  );
  const output = { stdout: '', stderr: '' };
  if (stdout === 'capture') {
    child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  } else if (stdout !== 'ignore') {
    child.stdout?.pipe(stdout);
  }
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`tessera serve ${reason}:\n${output.stderr}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not start in ${startTimeoutMs} ms`);
    }, startTimeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      output.stderr += chunk.toString();
      const url = LISTENING.exec(output.stderr)?.[1];
      if (url && (ready?.test(output.stderr) ?? true)) {
        clearTimeout(timer);
        resolve({ child, url, output });
      }
    });
    child.once('exit', (code, signal) => {
      fail(`exited (${String(code ?? signal)}) before it was ready`);
    });
  });
}

/**
 * Sends `signal` to `child` (unless it already exited) and resolves with how it exited; sends
 * SIGKILL if it still runs after `timeoutMs`.
 */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = DEFAULT_STOP_TIMEOUT_MS,
): Promise<Exit> {
  const exited = exitOf(child);
  if (!isRunning(child)) return exited;
  child.kill(signal);
  const timer = setTimeout(() => {
    if (isRunning(child)) child.kill('SIGKILL');
  }, timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends SIGKILL to `child` unless it already exited: for cleanup after a test. */
export function killIfRunning(child: ChildProcess): void {
  if (isRunning(child)) child.kill('SIGKILL');
}
