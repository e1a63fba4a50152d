/**
 * What the server benchmarks share: the built server started on a core of its own (`taskset -c
 * 0`) with this load generator on the other, what the kernel says a server process has used
 * (CPU time from `/proc/<pid>/stat`, memory from `/proc/<pid>/status`), the token request
 * autocannon sends, and how the figures are printed.
 */
import type autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { BUILT_CLI, spawnServe, type ServeChild } from '../../../scripts/serve-process.js';
import { DIST_CLI } from '../helpers/cli-process.js';
import { form, visaCard } from '../helpers/http.js';

/** Kernel clock ticks per second (`getconf CLK_TCK`: 100 on Linux). */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** Whether this machine can pin the server and the load generator to cores of their own. */
export const PINNED = cpus().length >= 2 && existsSync('/usr/bin/taskset');

/** How to start a benchmarked server. */
export interface PinnedServerOptions {
  /** Arguments after `serve --port 0 --db <db> --log-level <level>`. */
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** The built `cli.js` to run; default this build's `server/dist/cli.js`. */
  cli?: string;
  logLevel?: string;
  startTimeoutMs?: number;
}

/** Starts the built server on `db`, on core 0 when pinning, its log lines on this stdout. */
export function startPinnedServer(
  db: string,
  options: PinnedServerOptions = {},
): Promise<ServeChild> {
  const cli = options.cli ?? BUILT_CLI;
  return spawnServe({
    ...(PINNED
      ? { executable: 'taskset', command: ['-c', '0', process.execPath, cli] }
      : { command: [cli] }),
    args: [
      '--port',
      '0',
      '--db',
      db,
      '--log-level',
      options.logLevel ?? 'warn',
      ...(options.args ?? []),
    ],
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit'],
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
  });
}

/**
 * Runs a benchmark's `main` and exits with the code it resolves with (1 when it throws). First
 * checks that the server is built, and moves this process (every thread: autocannon's, the
 * GC's) to core 1 when pinning.
 */
export function runBench(main: () => Promise<number>): void {
  const run = async () => {
    if (!existsSync(DIST_CLI)) throw new Error('The bench runs server/dist/cli.js: npm run build.');
    if (PINNED) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]);
    return main();
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

/** Node, the platform and the CPUs, for the printed figures. */
export function machine(): string {
  const cpu = cpus();
  return `Node ${process.version}, ${process.platform} ${process.arch}, ${String(cpu.length)} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`;
}

/** Where the server and the load ran, for the printed figures. */
export function placement(): string {
  return PINNED
    ? 'server pinned to core 0, load generator on core 1'
    : 'NOT pinned (needs 2 cores and taskset)';
}

/** User plus system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) in parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** A process's memory as the kernel counts it, in bytes. */
export interface ProcessMemory {
  /** Resident set size now (`VmRSS`). */
  rss: number;
  /** The highest resident set size so far (`VmHWM`, the high-water mark). */
  peak: number;
}

/** Reads `VmRSS` and `VmHWM` from `/proc/<pid>/status`. */
export function memoryOf(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${String(pid)}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { rss: kilobytes('VmRSS'), peak: kilobytes('VmHWM') };
}

/** autocannon's options for `POST /v1/tokens` with a Visa card and `publishableKey`. */
export function tokenRequest(publishableKey: string): (node: ServeChild) => autocannon.Options {
  return (node) => ({
    url: `${node.url}/v1/tokens`,
    method: 'POST',
    headers: {
      authorization: `Bearer ${publishableKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form(visaCard()),
  });
}

/** `value` with thousands separators and `digits` decimals. */
export const format = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Megabytes (10^6 bytes, as the goals are written) with one decimal. */
export const megabytes = (bytes: number): string => `${format(bytes / 1e6, 1)} MB`;

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/**
 * Runs `cleanup` and exits 130 on SIGINT or SIGTERM, so that an interrupted benchmark leaves no
 * server behind.
 */
export function cleanUpOnInterrupt(cleanup: () => Promise<void>): void {
  const interrupt = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
}
