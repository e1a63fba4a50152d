/**
 * What a token costs a node: the server's own CPU time per request, read from the kernel
 * (`/proc/<pid>/stat`) before and after a fixed number of requests, with the server pinned to
 * one core (`taskset -c 0`) and this load generator (autocannon, 64 connections) to the other.
 * CPU time is far steadier than requests per second on a shared machine. Measured in one run:
 *
 * - `GET /healthz` (touches nothing: the baseline) and `POST /v1/tokens` on SQLite;
 * - `POST /v1/tokens` on Postgres, with one node and with two nodes on one database;
 * - `POST /v1/tokens` on SQLite with the rate limits off, and with their counters in Redis
 *   (the other rows count in memory, with limits raised far above the load).
 *
 * Prints CPU per request, its ratio to the no-op route, tokens per second per server core
 * (1 / CPU per token), requests per second and p50/p99 latency. Runs the built server
 * (`server/dist/cli.js`: `npm run bench` builds it first).
 *
 * Environment: BENCH_REQUESTS (measured requests per row, default 10000), BENCH_ROUNDS
 * (default 3), BENCH_SYNC (normal|full, default normal), BENCH_LOG_LEVEL (default warn),
 * BENCH_POSTGRES=0 (SQLite only), BENCH_COMPARE (other builds to measure in the same rounds,
 * for before-and-after figures: `name=path/to/cli.js`, comma separated). Postgres comes from $TESSERA_TEST_POSTGRES_URL or 127.0.0.1;
 * without one the Postgres rows are skipped, loudly (under CI the run fails instead); Redis
 * from $TESSERA_TEST_REDIS_URL or 127.0.0.1:6379, the same way (BENCH_REDIS=0: no Redis row).
 * Exits non-zero on any error, timeout or non-2xx reply; the goals are reported, never enforced.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { BUILT_CLI, stopChild, type ServeChild } from '../../../scripts/serve-process.js';
import { createKeysWithCli, DIST_CLI, RAISED_LIMIT_ARGS } from '../helpers/cli-process.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { connectTestRedis } from '../helpers/redis.js';
import { median } from '../../../scripts/median.js';
import {
  cleanUpOnInterrupt,
  cpuSeconds,
  format,
  markdownTable,
  machine,
  PINNED,
  runBench,
  startPinnedServer,
  tokenRequest,
} from './pinned-server.js';

const CONNECTIONS = 64;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const WARM_UP_REQUESTS = Math.min(5000, Math.max(1000, REQUESTS / 4));
const SYNC = process.env.BENCH_SYNC ?? 'normal';
/** The server's log level: `warn`, so that the two log lines `info` writes per request (about as costly for every route) do not hide the token path's own cost. */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
const WITH_POSTGRES = process.env.BENCH_POSTGRES !== '0';
const WITH_REDIS = process.env.BENCH_REDIS !== '0';
/** Other server builds (an older commit's `server/dist/cli.js`) to measure beside this one. */
const COMPARE = (process.env.BENCH_COMPARE ?? '')
  .split(',')
  .filter(Boolean)
  .map((entry) => {
    const [name, cli] = entry.split('=');
    if (!name || !cli || !existsSync(cli)) throw new Error(`BENCH_COMPARE: no build at ${entry}`);
    return { name, cli: resolve(cli) };
  });
/** Rows are measured in rounds, interleaved, and the median reported: the machine drifts. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const START_TIMEOUT_MS = 20_000;
const SETTLE_MS = 1000;
const GOAL_TOKEN_COST = 2.5;

/** One measured row. */
interface Row {
  name: string;
  requests: number;
  /** Server CPU seconds per request, all the row's server processes together. */
  cpuPerRequest: number;
  /** The lowest and highest of the rounds' CPU per request: how far to trust the median. */
  cpuRange: [number, number];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** Starts the built server on core 0 (when pinning) with `args`. */
function startNode(
  db: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cli = BUILT_CLI,
): Promise<ServeChild> {
  return startPinnedServer(db, {
    args,
    env,
    cli,
    logLevel: LOG_LEVEL,
    startTimeoutMs: START_TIMEOUT_MS,
  });
}

/**
 * Sends `total` requests (spread over `targets`, 64 connections in all) and returns the
 * autocannon summaries.
 */
async function load(
  targets: autocannon.Options[],
  total: number,
): Promise<{ seconds: number; p50: number; p99: number; failures: number; done: number }> {
  const started = performance.now();
  const results = await Promise.all(
    targets.map((target) =>
      autocannon({
        connections: CONNECTIONS / targets.length,
        amount: Math.round(total / targets.length),
        timeout: 10,
        ...target,
      }),
    ),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    // The slower target's latencies: a conservative figure for two nodes.
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    done: results.reduce((sum, r) => sum + r.requests.total, 0),
  };
}

/** Warms `nodes` up, then measures `REQUESTS` requests and the nodes' CPU time for them. */
async function measure(
  name: string,
  nodes: ServeChild[],
  target: (node: ServeChild) => autocannon.Options,
): Promise<Row> {
  const targets = nodes.map(target);
  await load(targets, WARM_UP_REQUESTS);
  const pids = nodes.map((node) => node.ready.pid);
  const before = pids.map(cpuSeconds);
  const result = await load(targets, REQUESTS);
  const cpu = pids.map((pid, i) => cpuSeconds(pid) - (before[i] ?? 0));
  return {
    name,
    requests: result.done,
    cpuPerRequest: cpu.reduce((sum, seconds) => sum + seconds, 0) / result.done,
    cpuRange: [0, 0],
    requestsPerSecond: result.done / result.seconds,
    p50: result.p50,
    p99: result.p99,
    failures: result.failures,
  };
}

/** One row from its rounds: medians, and every failure counted. */
function medianRow(name: string, rounds: Row[]): Row {
  return {
    name,
    requests: rounds.reduce((sum, row) => sum + row.requests, 0),
    cpuPerRequest: median(rounds.map((row) => row.cpuPerRequest)),
    cpuRange: [
      Math.min(...rounds.map((row) => row.cpuPerRequest)),
      Math.max(...rounds.map((row) => row.cpuPerRequest)),
    ],
    requestsPerSecond: median(rounds.map((row) => row.requestsPerSecond)),
    p50: median(rounds.map((row) => row.p50)),
    p99: median(rounds.map((row) => row.p99)),
    failures: rounds.reduce((sum, row) => sum + row.failures, 0),
  };
}

function table(rows: Row[], baseline: number): string {
  const header = [
    'Route',
    'Requests',
    'Server CPU / request',
    'Rounds (min–max)',
    '× no-op',
    'Per server core',
    'Requests/s',
    'p50',
    'p99',
  ];
  const cells = rows.map((row) => [
    row.name,
    format(row.requests),
    `${format(row.cpuPerRequest * 1e6)} µs`,
    `${format(row.cpuRange[0] * 1e6)}–${format(row.cpuRange[1] * 1e6)} µs`,
    `${format(row.cpuPerRequest / baseline, 2)}×`,
    `${format(1 / row.cpuPerRequest)}/s`,
    format(row.requestsPerSecond),
    `${String(row.p50)} ms`,
    `${String(row.p99)} ms`,
  ]);
  return markdownTable(header, cells);
}

async function main(): Promise<number> {
  if (!(REQUESTS >= 1000)) throw new Error('BENCH_REQUESTS must be at least 1000.');
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  // The master key lives apart from the database, as the server README asks.
  const keyDir = mkdtempSync(join(tmpdir(), 'tessera-bench-key-'));
  const nodes: ServeChild[] = [];
  const postgres = WITH_POSTGRES ? await createTestDatabase() : { skip: 'BENCH_POSTGRES=0' };
  const redis = WITH_REDIS ? await connectTestRedis() : { skip: 'BENCH_REDIS=0' };
  const stopAll = async () => {
    await Promise.all(nodes.splice(0).map((node) => stopChild(node.child)));
  };
  cleanUpOnInterrupt(stopAll);
  try {
    const sqlite = join(dir, 'tessera.db');
    const sqliteArgs = ['--sync', SYNC, '--master-key-file', join(keyDir, 'master.key')];
    const sqliteKeys = await createKeysWithCli(sqlite, sqliteArgs, { useDist: true });
    // Each other build gets a database of its own, made by its own CLI (its schema may be
    // older than this build's), with a key pair of its own.
    const others = await Promise.all(
      COMPARE.map(async (build, i) => {
        const db = join(dir, `compare-${String(i)}.db`);
        const keys = await createKeysWithCli(db, sqliteArgs, { cli: build.cli });
        return { ...build, db, keys };
      }),
    );
    // Limits on (in memory) but raised far above the load: the rows measure their cost only.
    // The rows with limits off, and in Redis, get databases and keys of their own.
    const single = await startNode(sqlite, [...sqliteArgs, ...RAISED_LIMIT_ARGS], process.env);
    const offDb = join(dir, 'limits-off.db');
    const offKeys = await createKeysWithCli(offDb, sqliteArgs, { useDist: true });
    const unlimited = await startNode(offDb, [...sqliteArgs, '--rate-limit', 'off'], process.env);
    nodes.push(single, unlimited);
    /** What each round measures, in this order: every row once per round. */
    const plan: {
      name: string;
      nodes: ServeChild[];
      target: (node: ServeChild) => autocannon.Options;
    }[] = [
      {
        name: 'GET /healthz (no-op)',
        nodes: [single],
        target: (node) => ({ url: `${node.url}/healthz` }),
      },
      {
        name: 'POST /v1/tokens, SQLite',
        nodes: [single],
        target: tokenRequest(sqliteKeys.publishable_key),
      },
      {
        name: 'POST /v1/tokens, SQLite, rate limits off',
        nodes: [unlimited],
        target: tokenRequest(offKeys.publishable_key),
      },
    ];
    if ('skip' in redis) {
      console.error(`Redis row skipped: ${redis.skip}`);
    } else {
      const redisDb = join(dir, 'limits-redis.db');
      const redisKeys = await createKeysWithCli(redisDb, sqliteArgs, { useDist: true });
      const shared = await startNode(
        redisDb,
        [
          ...sqliteArgs,
          ...RAISED_LIMIT_ARGS,
          '--redis',
          redis.url,
          '--redis-prefix',
          redis.prefix(),
        ],
        process.env,
      );
      nodes.push(shared);
      plan.push({
        name: 'POST /v1/tokens, SQLite, rate limits in Redis',
        nodes: [shared],
        target: tokenRequest(redisKeys.publishable_key),
      });
    }
    for (const build of others) {
      // Another build, measured in the same rounds: what a change bought, free of the
      // machine's drift.
      const other = await startNode(build.db, sqliteArgs, process.env, build.cli);
      nodes.push(other);
      plan.push(
        {
          name: `GET /healthz (no-op), build ${build.name}`,
          nodes: [other],
          target: (node) => ({ url: `${node.url}/healthz` }),
        },
        {
          name: `POST /v1/tokens, SQLite, build ${build.name}`,
          nodes: [other],
          target: tokenRequest(build.keys.publishable_key),
        },
      );
    }
    if ('skip' in postgres) {
      console.error(`Postgres rows skipped: ${postgres.skip}`);
    } else {
      const env = { ...process.env, TESSERA_MASTER_KEY: randomBytes(32).toString('base64') };
      const pgKeys = await createKeysWithCli(postgres.url, [], { useDist: true, env });
      const first = await startNode(postgres.url, [...RAISED_LIMIT_ARGS], env);
      const second = await startNode(postgres.url, [...RAISED_LIMIT_ARGS], env);
      nodes.push(first, second);
      const pgToken = tokenRequest(pgKeys.publishable_key);
      plan.push(
        { name: 'POST /v1/tokens, Postgres, 1 node', nodes: [first], target: pgToken },
        { name: 'POST /v1/tokens, Postgres, 2 nodes', nodes: [first, second], target: pgToken },
      );
    }
    console.error(
      `${String(ROUNDS)} rounds of ${format(REQUESTS)} requests per row (after ${format(WARM_UP_REQUESTS)} to warm up), ${String(CONNECTIONS)} connections${PINNED ? '; server on core 0, load on core 1' : '; NOT pinned (needs 2 cores and taskset)'}…`,
    );
    const rounds: Row[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const measured: Row[] = [];
      for (const step of plan) {
        // A pause before each row: the previous row's garbage is collected on its own time.
        await delay(SETTLE_MS);
        measured.push(await measure(step.name, step.nodes, step.target));
      }
      rounds.push(measured);
    }
    await stopAll();
    const rows = plan.map((step, i) =>
      medianRow(
        step.name,
        rounds.map((round) => round[i] as Row),
      ),
    );
    const noop = rows[0] as Row;
    /** The token-to-no-op ratio of each round, for the spread. */
    const ratios = rounds.map(
      (round) => (round[1]?.cpuPerRequest ?? 0) / (round[0]?.cpuPerRequest ?? 1),
    );

    console.log(
      `Tessera token cost: server CPU per request (/proc/<pid>/stat), median of ${String(ROUNDS)} rounds of ${format(REQUESTS)} requests per row, ${String(CONNECTIONS)} connections, SQLite synchronous=${SYNC.toUpperCase()}, log level ${LOG_LEVEL}`,
    );
    console.log(
      `${machine()}; server: server/dist/cli.js${PINNED ? ' pinned to core 0 (two nodes share it), load generator on core 1; Postgres itself runs unpinned' : ', not pinned'}`,
    );
    console.log();
    console.log(table(rows, noop.cpuPerRequest));
    console.log();
    const byName = (prefix: string) => rows.find((row) => row.name.startsWith(prefix));
    const sqliteToken = byName('POST /v1/tokens, SQLite');
    if (sqliteToken) {
      // Paired within each round (the two rows ran back to back), then the median of those:
      // steadier than the ratio of the two medians, which may come from different rounds.
      const cost = median(ratios);
      console.log(
        `Goal: a SQLite token ≤ ${String(GOAL_TOKEN_COST)}× the no-op route's CPU: ${cost <= GOAL_TOKEN_COST ? 'met' : 'NOT met'} (${format(cost, 2)}×, the median of the rounds' ratios ${ratios.map((ratio) => `${format(ratio, 2)}×`).join(', ')}; ${format(sqliteToken.cpuPerRequest / noop.cpuPerRequest, 2)}× from the medians)`,
      );
    }
    const off = byName('POST /v1/tokens, SQLite, rate limits off');
    const offIndex = plan.findIndex((step) => step.name === off?.name);
    const inRedis = plan.findIndex((step) => step.name.endsWith('rate limits in Redis'));
    if (off && sqliteToken) {
      // Paired within each round, as above: each store's CPU per token over the same round's "off".
      const against = (index: number) =>
        median(
          rounds.map(
            (round) => (round[index]?.cpuPerRequest ?? 0) / (round[offIndex]?.cpuPerRequest ?? 1),
          ),
        );
      const memory = against(1);
      const redisRatio = inRedis === -1 ? null : against(inRedis);
      console.log(
        `Rate limits, server CPU per token against limits off: in memory ${format(memory, 2)}×${redisRatio === null ? '' : `, in Redis ${format(redisRatio, 2)}× (Redis's own CPU not counted: it runs unpinned)`} (medians of the rounds' paired ratios)`,
      );
    }
    const pgOne = byName('POST /v1/tokens, Postgres, 1');
    const pgTwo = byName('POST /v1/tokens, Postgres, 2');
    if (sqliteToken && pgOne && pgTwo) {
      console.log(
        `Postgres vs SQLite, CPU per token on the node: ${format(pgOne.cpuPerRequest / sqliteToken.cpuPerRequest, 2)}×`,
      );
      console.log(
        `Two nodes vs one on Postgres: CPU per token ${format(pgTwo.cpuPerRequest / pgOne.cpuPerRequest, 2)}×, tokens/s ${format(pgTwo.requestsPerSecond / pgOne.requestsPerSecond, 2)}× (both nodes share core 0 here, so this shows what a second node costs, not how far it scales)`,
      );
    }
    if (existsSync(DIST_CLI)) {
      const bundle = readFileSync(DIST_CLI);
      console.log(
        `server/dist/cli.js: ${format(bundle.length / 1024, 1)} KiB, ${format(gzipSync(bundle).length / 1024, 1)} KiB gzipped`,
      );
    }
    const failed = rows.filter((row) => row.failures > 0 || row.requests === 0);
    for (const row of failed) {
      console.error(`FAIL ${row.name}: ${String(row.failures)} of ${String(row.requests)} failed`);
    }
    return failed.length === 0 ? 0 : 1;
  } finally {
    await stopAll();
    if (!('skip' in postgres)) await postgres.drop();
    if (!('skip' in redis)) await redis.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  }
}

runBench(main);
