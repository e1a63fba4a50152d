/**
 * Token throughput: starts `tessera serve` as a child process on a fresh database and measures,
 * against that one server, `GET /healthz` (the baseline: no work) and `POST /v1/tokens` (validate,
 * seal, one SQLite commit) with autocannon. Prints a Markdown table.
 *
 * Run: `npm run bench`. Environment: BENCH_SECONDS (per route, default 10), BENCH_SYNC
 * (normal|full, default normal), BENCH_DIST=1 to run the built `server/dist/cli.js` instead of the source.
 * Exits non-zero on any error, timeout or non-2xx reply; the goals are reported, never enforced.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createKeysWithCli, DIST_CLI, spawnServe, stopChild } from '../helpers/cli-process.js';
import { form, visaCard } from '../helpers/http.js';

const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SYNC = process.env.BENCH_SYNC ?? 'normal';
const USE_DIST = process.env.BENCH_DIST === '1';
/** Upper bound on requests per measured run, whatever the duration. */
const MAX_REQUESTS_PER_SECOND = 100_000;
const START_TIMEOUT_MS = 15_000;
const GOALS = { ratio: 0.4, tokenP99Ms: 25 };

/** One measured route. */
interface RouteResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon against one route and summarizes the result. */
async function measure(
  name: string,
  options: autocannon.Options,
  seconds: number,
): Promise<RouteResult> {
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: seconds,
    maxOverallRequests: Math.max(CONNECTIONS, seconds * MAX_REQUESTS_PER_SECOND),
    ...options,
  });
  return {
    name,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The results as a Markdown table. */
function table(rows: RouteResult[]): string {
  const header = ['Route', 'Requests/s', 'p50', 'p99', 'Requests', 'Non-2xx', 'Errors'];
  const cells = rows.map((row) => [
    row.name,
    number(row.requestsPerSecond),
    `${row.p50} ms`,
    `${row.p99} ms`,
    number(row.total),
    number(row.non2xx),
    number(row.errors),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

async function main(): Promise<number> {
  if (!(SECONDS > 0)) throw new Error('BENCH_SECONDS must be a positive number.');
  if (USE_DIST && !existsSync(DIST_CLI))
    throw new Error('BENCH_DIST=1 needs server/dist/cli.js: run npm run build.');
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  // The master key lives apart from the database, as the server README asks.
  const keyDir = mkdtempSync(join(tmpdir(), 'tessera-bench-key-'));
  const storage = ['--sync', SYNC, '--master-key-file', join(keyDir, 'master.key')];
  let server: ChildProcess | undefined;
  /** Stops the server: SIGTERM (graceful), then SIGKILL if it is still running after 5 s. */
  const stopServer = async () => {
    if (server) await stopChild(server, 'SIGTERM', 5000);
  };
  const interrupt = () => {
    void stopServer().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const db = join(dir, 'tessera.db');
    const keys = await createKeysWithCli(db, storage, {
      useDist: USE_DIST,
      killAfterMs: START_TIMEOUT_MS,
    });
    const { url } = await spawnServe(db, storage, {
      useDist: USE_DIST,
      startTimeoutMs: START_TIMEOUT_MS,
      // Warnings and errors the server logs go to stderr, away from the table.
      stdout: process.stderr,
      onSpawn: (child) => {
        server = child;
      },
    });
    const health: autocannon.Options = { url: `${url}/healthz` };
    const tokens: autocannon.Options = {
      url: `${url}/v1/tokens`,
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys.publishable_key}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form(visaCard()),
    };

    console.error(`Warming up, then ${SECONDS} s per route at ${CONNECTIONS} connections…`);
    await measure('warm-up', health, 1);
    await measure('warm-up', tokens, 2);
    const rows = [
      await measure('GET /healthz', health, SECONDS),
      await measure('POST /v1/tokens', tokens, SECONDS),
    ];
    const [healthz, created] = rows as [RouteResult, RouteResult];
    const ratio = created.requestsPerSecond / healthz.requestsPerSecond;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const cpu = cpus();

    console.log(
      `Tessera token throughput: ${CONNECTIONS} connections, ${SECONDS} s per route, SQLite synchronous=${SYNC.toUpperCase()}`,
    );
    console.log(
      `Node ${process.version}, ${process.platform} ${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; server: ${USE_DIST ? 'server/dist/cli.js' : 'server/src/cli.ts via tsx'}`,
    );
    console.log();
    console.log(table(rows));
    console.log();
    console.log(
      `Goal tokens/healthz ≥ ${GOALS.ratio}: ${met(ratio >= GOALS.ratio)} (${number(ratio, 2)})`,
    );
    console.log(
      `Goal token p99 ≤ ${GOALS.tokenP99Ms} ms: ${met(created.p99 <= GOALS.tokenP99Ms)} (${created.p99} ms)`,
    );
    if (existsSync(DIST_CLI)) {
      const bundle = readFileSync(DIST_CLI);
      console.log(
        `server/dist/cli.js: ${number(bundle.length / 1024, 1)} KiB, ${number(gzipSync(bundle).length / 1024, 1)} KiB gzipped`,
      );
    }

    const failed = rows.filter(
      (row) => row.non2xx + row.errors + row.timeouts > 0 || row.total === 0,
    );
    for (const row of failed) {
      console.error(
        `FAIL ${row.name}: ${row.non2xx} non-2xx, ${row.errors} errors, ${row.timeouts} timeouts of ${row.total}`,
      );
    }
    return failed.length === 0 ? 0 : 1;
  } finally {
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
