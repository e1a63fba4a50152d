/**
 * `tessera serve` as a child process, for everything in this repository that starts one: the
 * demo (`npm start`), the browser and end-to-end test harnesses, the CLI tests and the
 * benchmarks. Readiness is machine-readable: the server writes `--ready-file` (JSON: url, pid,
 * test keys file) once it accepts connections and handles signals, so nothing parses its banner.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCapture } from './test-log-capture.js';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The built server CLI (`npm run build`), the `tessera` bin of `tessera-server`. */
export const BUILT_CLI = join(REPO_ROOT, 'server', 'dist', 'cli.js');

/** What `tessera serve --ready-file` writes. */
export interface ServeReady {
  url: string;
  /** The metrics listener; null without `--metrics-port`. */
  metrics_url: string | null;
  pid: number;
  /** Where `--dev` keeps the test key pair; null without `--dev`. */
  test_keys_file: string | null;
}

/** The test key pair `serve --dev` keeps beside the database. */
export interface TestKeys {
  account: string;
  livemode: boolean;
  publishable_key: string;
  secret_key: string;
}

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How to start the server. */
export interface SpawnServeOptions {
  /** Arguments after `serve` (`--db`, `--port`, …); `--ready-file` is added. */
  args: readonly string[];
  /** What runs the CLI: `executable` (default: this Node) with `command` (default: the built {@link BUILT_CLI}). */
  executable?: string;
  command?: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The child's stdout and stderr; default both piped (read them from `child`). */
  stdio?: readonly ['pipe' | 'ignore' | 'inherit', 'pipe' | 'ignore' | 'inherit'];
  /** Fail (and SIGKILL the child) when it is not ready within this many ms; default 15 s. */
  startTimeoutMs?: number;
  /** SIGKILL the child after this many ms, whatever it is doing. */
  killAfterMs?: number;
  /** Called with the child as soon as it is spawned (to kill it when a test ends, say). */
  onSpawn?: (child: ChildProcess) => void;
}

/** A running server. */
export interface ServeChild {
  child: ChildProcess;
  /** e.g. `http://127.0.0.1:40123`. */
  url: string;
  ready: ServeReady;
  /** The `--dev` key pair, when the server was started with `--dev`. */
  testKeys: TestKeys | null;
}

const POLL_MS = 20;
const DEFAULT_START_TIMEOUT_MS = 15_000;
const DEFAULT_STOP_TIMEOUT_MS = 5000;

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Reads a `serve --dev` key pair file. */
export function readTestKeys(file: string): TestKeys {
  const keys = JSON.parse(readFileSync(file, 'utf8')) as Partial<TestKeys>;
  if (typeof keys.publishable_key !== 'string' || typeof keys.secret_key !== 'string') {
    throw new Error(`${file} holds no test key pair.`);
  }
  return keys as TestKeys;
}

/**
 * Spawns `tessera serve` and resolves once its ready file appears. Rejects, with what the child
 * printed on a piped stderr, when it exits first or is not ready in time (it is then killed).
 * Stop it with {@link stopChild}.
 */
export function spawnServe(options: SpawnServeOptions): Promise<ServeChild> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-ready-'));
  const readyFile = join(dir, 'ready.json');
  const [stdout, stderr] = options.stdio ?? ['pipe', 'pipe'];
  // Under the leak scan both streams are piped, copied to the capture folder and then passed on
  // as asked (inherited streams go to this process's, ignored ones nowhere).
  const capture = openCapture('serve');
  const stdio: StdioOptions = capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', stdout, stderr];
  const child = spawn(
    options.executable ?? process.execPath,
    [...(options.command ?? [BUILT_CLI]), 'serve', ...options.args, '--ready-file', readyFile],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? process.env,
      stdio,
      ...(options.killAfterMs === undefined
        ? {}
        : { timeout: options.killAfterMs, killSignal: 'SIGKILL' as const }),
    },
  );
  if (capture) {
    for (const [stream, wanted, own] of [
      [child.stdout, stdout, process.stdout],
      [child.stderr, stderr, process.stderr],
    ] as const) {
      stream?.on('data', (chunk: Buffer) => {
        capture.write(chunk);
      });
      if (wanted === 'inherit') stream?.pipe(own, { end: false });
    }
    child.once('close', () => {
      capture.close();
    });
  }
  options.onSpawn?.(child);
  let printed = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  return new Promise<ServeChild>((resolve, reject) => {
    const started = Date.now();
    const finish = (outcome: () => void) => {
      clearInterval(poll);
      child.off('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
      outcome();
    };
    const fail = (reason: string) => {
      finish(() => {
        reject(new Error(`tessera serve ${reason}${printed ? `:\n${printed}` : ''}`));
      });
    };
    const onExit = (code: number | null, signal: string | null) => {
      fail(`exited (${String(code ?? signal)}) before it was ready`);
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      fail(`could not be started (${error.message})`);
    });
    const poll = setInterval(() => {
      if (existsSync(readyFile)) {
        try {
          const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as ServeReady;
          const testKeys = ready.test_keys_file ? readTestKeys(ready.test_keys_file) : null;
          finish(() => {
            resolve({ child, url: ready.url, ready, testKeys });
          });
        } catch (error) {
          child.kill('SIGKILL');
          fail(`wrote an unreadable ready file (${(error as Error).message})`);
        }
      } else if (Date.now() - started > timeoutMs) {
        child.kill('SIGKILL');
        fail(`was not ready within ${String(timeoutMs)} ms`);
      }
    }, POLL_MS);
  });
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
