/**
 * Tessera under sustained load, killed under load, and its memory after many tokens: the
 * figures of issue 12, from the built server (`server/dist/cli.js`: `npm run bench` builds it
 * first), pinned to core 0 with this load generator on core 1 (see `pinned-server.ts`).
 *
 * - **Load**: BENCH_LOAD_TOKENS card tokens (default 50,000) at 64 connections (autocannon) on a
 *   fresh SQLite vault, then on Postgres. Counts every reply that is not a 2xx, keeps the id of
 *   every token acknowledged with a 200, and compares those ids with the rows of the vault's
 *   `tokens` table, read from the database itself while the server still runs: the goal is
 *   no non-2xx and exactly the acknowledged tokens in the vault, none missing, none more. Also
 *   prints tokens per second and the server's CPU per token.
 * - **Crash**: BENCH_KILLS times (default 5), token-creating loops run against `tessera serve`
 *   on one SQLite file, the server is SIGKILLed once more tokens were acknowledged at each kill,
 *   `PRAGMA integrity_check` runs on what the kill left, and the server restarts on the same
 *   file; every token acknowledged before the kill must be retrievable with the secret key from
 *   the restarted server, and after the last restart every token of every round once more.
 * - **Memory**: the server's VmRSS and VmHWM (its peak) from `/proc/<pid>/status` at start,
 *   halfway and after BENCH_RSS_TOKENS tokens (default 100,000) on a fresh SQLite vault (goal:
 *   RSS ≤ 150 MB after 100,000).
 *
 * Environment: BENCH_LOAD_TOKENS, BENCH_RSS_TOKENS, BENCH_KILLS (at least 5 unless set lower on
 * purpose), BENCH_POSTGRES=0 (SQLite only; Postgres comes from $TESSERA_TEST_POSTGRES_URL or
 * 127.0.0.1, skipped loudly without one, and under CI the run fails instead), BENCH_LOG_LEVEL
 * (default warn). The whole run is bounded (BENCH_LOAD_DEADLINE_S, default 900 s).
 *
 * Exits non-zero when a correctness goal fails: a non-2xx reply or a request error, a vault
 * that holds other tokens than the acknowledged ones, a token acknowledged before a kill that
 * cannot be retrieved after the restart, an integrity check that is not "ok". Timings never
 * fail the run, and neither does the memory goal: RSS depends on how much of its heap V8
 * chooses to keep (its sizing follows the machine's memory), so a run over 150 MB prints
 * "goal NOT met" and the figures, for a person to judge.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, type ServeChild } from '../../../scripts/serve-process.js';
import { openSqliteVault } from '../../src/vault/sqlite/sqlite-vault.js';
import {
  createKeysWithCli,
  killIfRunning,
  RAISED_LIMIT_ARGS,
  spawnServe,
  type ServeProcess,
} from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { failureCounts, killUnderLoad, unretrievable } from '../helpers/token-load.js';
import {
  cleanUpOnInterrupt,
  cpuSeconds,
  format,
  markdownTable,
  megabytes,
  memoryOf,
  machine,
  placement,
  runBench,
  startPinnedServer,
  tokenRequest,
  type ProcessMemory,
} from './pinned-server.js';

/**
 * Flags of `tessera serve` that raise its rate limits (on, but out of reach), passed to every
 * server this bench starts: one client IP and one key send every request here, which the
 * limits exist to stop.
 */
const RAISED_LIMITS: readonly string[] = RAISED_LIMIT_ARGS;

function sizeFromEnv(name: string, fallback: number, minimum: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${name} must be a whole number of at least ${String(minimum)}.`);
  }
  return value;
}

const CONNECTIONS = 64;
const LOAD_TOKENS = sizeFromEnv('BENCH_LOAD_TOKENS', 50_000, 1000);
const RSS_TOKENS = sizeFromEnv('BENCH_RSS_TOKENS', 100_000, 1000);
const KILLS = sizeFromEnv('BENCH_KILLS', 5, 1);
const DEADLINE_MS = sizeFromEnv('BENCH_LOAD_DEADLINE_S', 900, 10) * 1000;
const WITH_POSTGRES = process.env.BENCH_POSTGRES !== '0';
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
/** A request unanswered this long counts as a timeout (autocannon's `timeout`, seconds). */
const REQUEST_TIMEOUT_S = 10;
/** Token-creating loops (one connection each) while a server is about to be killed. */
const CRASH_LOOPS = 32;
/**
 * The first kill comes once this many tokens were acknowledged since the (re)start, the last at
 * {@link LAST_KILL_ACKNOWLEDGED}, the kills in between spread evenly; each one after
 * {@link KILL_BY_MS} at the latest.
 */
const FIRST_KILL_ACKNOWLEDGED = 100;
const LAST_KILL_ACKNOWLEDGED = 1500;
const KILL_BY_MS = 5000;
/** How many acknowledged tokens each kill waits for. */
const KILL_TARGETS = Array.from({ length: KILLS }, (_, kill) =>
  Math.round(
    FIRST_KILL_ACKNOWLEDGED +
      ((LAST_KILL_ACKNOWLEDGED - FIRST_KILL_ACKNOWLEDGED) * kill) / Math.max(1, KILLS - 1),
  ),
);
/** Retrievals at once when checking what survived. */
const RETRIEVE_CONCURRENCY = 16;
const GOAL_RSS_BYTES = 150e6;
const GOAL_RSS_TOKENS = 100_000;

/** Where a run keeps its tokens, and how to read them back outside the server. */
interface Store {
  name: string;
  /** `--db`. */
  db: string;
  /** Vault options of every command (`--master-key-file`, …). */
  args: string[];
  /** Environment added to the CLI's and the server's (the master key, for Postgres). */
  env: Record<string, string>;
  /** The ids in the vault's `tokens` table, read from the database itself. */
  tokenIds(): Promise<string[]>;
}

/** What a load run saw, and what the vault held afterwards. */
interface LoadRow {
  name: string;
  sent: number;
  acknowledged: string[];
  /** 2xx replies that carried no token id. */
  withoutId: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** A few of the non-2xx replies, for the failure message. */
  samples: string[];
  inVault: number;
  /** Acknowledged ids that the vault does not hold. */
  missing: number;
  /** Ids in the vault that were never acknowledged. */
  extra: number;
  /** Acknowledged ids that came back more than once. */
  duplicates: number;
  tokensPerSecond: number;
  cpuPerToken: number;
  p50: number;
  p99: number;
}

/** One kill of the crash test. */
interface KillRow {
  loadMs: number;
  acknowledged: number;
  cut: string;
  unexpected: string[];
  integrity: string;
  /** Acknowledged before this kill and not retrievable after the restart. */
  lost: string[];
}

/** Memory of the memory run, after how many tokens. */
interface MemoryRow {
  tokens: number;
  memory: ProcessMemory;
  /** How much of it V8's heap holds, from the server's own metrics (prom-client's defaults). */
  heap: { total: number; used: number };
}

const servers: { child: ServeChild['child'] }[] = [];
async function stopServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => stopChild(server.child)));
}

/** Starts a pinned server on `store` with the limits raised. */
async function startServer(store: Store): Promise<ServeChild> {
  const server = await startPinnedServer(store.db, {
    args: [...store.args, ...RAISED_LIMITS],
    env: { ...process.env, ...store.env },
    logLevel: LOG_LEVEL,
  });
  servers.push(server);
  return server;
}

/** Sends `amount` token requests at {@link CONNECTIONS} connections, calling `onReply` for each. */
function sendTokens(
  server: ServeChild,
  publishableKey: string,
  amount: number,
  onReply?: (status: number, body: string) => void,
): Promise<autocannon.Result> {
  const request = tokenRequest(publishableKey)(server);
  return autocannon({
    ...request,
    connections: CONNECTIONS,
    amount,
    timeout: REQUEST_TIMEOUT_S,
    ...(onReply
      ? {
          requests: [
            {
              path: '/v1/tokens',
              onResponse: (status: number, body: string) => {
                onReply(status, body);
              },
            },
          ],
        }
      : {}),
  });
}

/** A reply's JSON body, or undefined when it is not JSON. */
function parseReply(body: string): { object?: unknown; id?: unknown } | undefined {
  try {
    return JSON.parse(body) as { object?: unknown; id?: unknown };
  } catch {
    return undefined;
  }
}

/** {@link LOAD_TOKENS} tokens on `store`, every acknowledged id checked against the vault. */
async function loadRun(store: Store): Promise<LoadRow> {
  const keys = await createKeysWithCli(store.db, store.args, { useDist: true, env: store.env });
  const server = await startServer(store);
  const acknowledged: string[] = [];
  const samples: string[] = [];
  let withoutId = 0;
  const before = cpuSeconds(server.ready.pid);
  const started = performance.now();
  const result = await sendTokens(server, keys.publishable_key, LOAD_TOKENS, (status, body) => {
    if (status < 200 || status > 299) {
      if (samples.length < 3) samples.push(`${String(status)} ${body.slice(0, 200)}`);
      return;
    }
    const reply = parseReply(body);
    if (reply?.object === 'token' && typeof reply.id === 'string') acknowledged.push(reply.id);
    else withoutId++;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.ready.pid) - before;
  // Read while the server still runs: a token it acknowledged must be in the vault already.
  const stored = new Set(await store.tokenIds());
  await stopServers();
  const unique = new Set(acknowledged);
  return {
    name: store.name,
    sent: result.requests.total,
    acknowledged,
    withoutId,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    samples,
    inVault: stored.size,
    missing: [...unique].filter((id) => !stored.has(id)).length,
    extra: [...stored].filter((id) => !unique.has(id)).length,
    duplicates: acknowledged.length - unique.size,
    tokensPerSecond: acknowledged.length / seconds,
    cpuPerToken: cpu / Math.max(1, acknowledged.length),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** V8's heap, total and used, from the Prometheus text at `metricsUrl`. */
async function heapOf(metricsUrl: string): Promise<MemoryRow['heap']> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const gauge = (name: string) => {
    const match = new RegExp(`^tessera_${name} (\\S+)$`, 'm').exec(text);
    if (!match) throw new Error(`the server's metrics have no tessera_${name}`);
    return Number(match[1]);
  };
  return {
    total: gauge('nodejs_heap_size_total_bytes'),
    used: gauge('nodejs_heap_size_used_bytes'),
  };
}

/** The server's memory at start, halfway and after {@link RSS_TOKENS} tokens. */
async function memoryRun(store: Store): Promise<{ rows: MemoryRow[]; failures: number }> {
  const keys = await createKeysWithCli(store.db, store.args, { useDist: true, env: store.env });
  const server = await startServer({ ...store, args: [...store.args, '--metrics-port', '0'] });
  const measure = async (tokens: number): Promise<MemoryRow> => {
    // The kernel's figures first: scraping the metrics allocates too.
    const memory = memoryOf(server.ready.pid);
    return { tokens, memory, heap: await heapOf(server.ready.metrics_url ?? '') };
  };
  const rows = [await measure(0)];
  let failures = 0;
  const half = Math.round(RSS_TOKENS / 2);
  for (const amount of [half, RSS_TOKENS - half]) {
    const result = await sendTokens(server, keys.publishable_key, amount);
    failures += result.non2xx + result.errors + result.timeouts;
    rows.push(await measure((rows.at(-1)?.tokens ?? 0) + result.requests.total));
  }
  await stopServers();
  return { rows, failures };
}

/** `PRAGMA integrity_check` on the SQLite file at `db`, through the vault. */
async function integrityOf(db: string): Promise<string> {
  const vault = await openSqliteVault({ path: db });
  try {
    return await vault.integrityCheck();
  } finally {
    await vault.close();
  }
}

/**
 * {@link KILLS} rounds of load, SIGKILL, integrity check and restart on one SQLite file; every
 * acknowledged token retrieved after each restart, and all of them again after the last.
 */
async function crashRun(store: Store): Promise<{
  kills: KillRow[];
  acknowledged: number;
  retrievable: number;
  inVault: number;
  finalIntegrity: string;
}> {
  const keys = await createKeysWithCli(store.db, store.args, { useDist: true, env: store.env });
  const start = async (): Promise<ServeProcess> => {
    const server = await spawnServe(store.db, [...store.args, ...RAISED_LIMITS], {
      useDist: true,
      env: store.env,
      stdout: 'ignore',
    });
    servers.push(server);
    return server;
  };
  const kills: KillRow[] = [];
  const everyAcknowledged: string[] = [];
  let server = await start();
  for (let kill = 0; kill < KILLS; kill++) {
    const { result, exit, loadMs } = await killUnderLoad(server, keys.publishable_key, {
      loops: CRASH_LOOPS,
      acknowledged: KILL_TARGETS[kill] ?? LAST_KILL_ACKNOWLEDGED,
      ms: KILL_BY_MS,
    });
    if (exit.signal !== 'SIGKILL') throw new Error(`the server exited with ${String(exit.code)}`);
    const integrity = await integrityOf(store.db);
    server = await start();
    const lost = await unretrievable(
      server.url,
      keys.secret_key,
      result.acknowledged,
      RETRIEVE_CONCURRENCY,
    );
    everyAcknowledged.push(...result.acknowledged);
    kills.push({
      loadMs,
      acknowledged: result.acknowledged.length,
      cut: failureCounts(result),
      unexpected: result.unexpected,
      integrity,
      lost,
    });
  }
  const lostAtTheEnd = await unretrievable(
    server.url,
    keys.secret_key,
    everyAcknowledged,
    RETRIEVE_CONCURRENCY,
  );
  const inVault = (await store.tokenIds()).length;
  await stopServers();
  return {
    kills,
    acknowledged: everyAcknowledged.length,
    retrievable: everyAcknowledged.length - lostAtTheEnd.length,
    inVault,
    finalIntegrity: await integrityOf(store.db),
  };
}

/** A fresh SQLite store in `dir`, its master key in `keyDir` (apart, as the README asks). */
function sqliteStore(dir: string, keyDir: string, name: string): Store {
  const db = join(dir, `${name}.db`);
  return {
    name: 'SQLite',
    db,
    args: ['--master-key-file', join(keyDir, `${name}.key`)],
    env: {},
    tokenIds: () => {
      const reader = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return Promise.resolve(
          reader
            .prepare<[], { id: string }>('SELECT id FROM tokens')
            .all()
            .map((row) => row.id),
        );
      } finally {
        reader.close();
      }
    },
  };
}

function postgresStore(database: TestDatabase): Store {
  return {
    name: 'Postgres',
    db: database.url,
    args: [],
    env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
    tokenIds: async () =>
      (await database.query<{ id: string }>('SELECT id FROM tokens')).map((row) => row.id),
  };
}

function loadTable(rows: LoadRow[]): string {
  return markdownTable(
    [
      'Vault',
      'Sent',
      'Acknowledged',
      'Non-2xx',
      'Errors',
      'In vault',
      'Missing',
      'Unacknowledged',
      'Tokens/s',
      'Server CPU / token',
      'p50',
      'p99',
    ],
    rows.map((row) => [
      row.name,
      format(row.sent),
      format(row.acknowledged.length),
      format(row.non2xx),
      format(row.errors),
      format(row.inVault),
      format(row.missing),
      format(row.extra),
      format(row.tokensPerSecond),
      `${format(row.cpuPerToken * 1e6)} µs`,
      `${String(row.p50)} ms`,
      `${String(row.p99)} ms`,
    ]),
  );
}

function memoryTable(rows: MemoryRow[]): string {
  return markdownTable(
    ['Tokens created', 'RSS (VmRSS)', 'Peak so far (VmHWM)', 'V8 heap', 'V8 heap used'],
    rows.map((row) => [
      format(row.tokens),
      megabytes(row.memory.rss),
      megabytes(row.memory.peak),
      megabytes(row.heap.total),
      megabytes(row.heap.used),
    ]),
  );
}

function killTable(kills: KillRow[]): string {
  return markdownTable(
    ['Kill', 'Load before the kill', 'Acknowledged', 'Requests cut', 'integrity_check', 'Lost'],
    kills.map((kill, i) => [
      String(i + 1),
      `${format(kill.loadMs)} ms`,
      format(kill.acknowledged),
      kill.cut,
      kill.integrity,
      format(kill.lost.length),
    ]),
  );
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-load-'));
  const keyDir = mkdtempSync(join(tmpdir(), 'tessera-load-key-'));
  const postgres = WITH_POSTGRES ? await createTestDatabase() : { skip: 'BENCH_POSTGRES=0' };
  const cleanup = async () => {
    await stopServers();
    if (!('skip' in postgres)) await postgres.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  };
  cleanUpOnInterrupt(cleanup);
  const deadline = setTimeout(() => {
    console.error(`FAIL the load bench did not finish within ${String(DEADLINE_MS / 1000)} s`);
    for (const server of servers) killIfRunning(server.child);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const failures: string[] = [];
  try {
    console.error(
      `Load: ${format(LOAD_TOKENS)} tokens at ${String(CONNECTIONS)} connections; memory after ${format(RSS_TOKENS)}; ${String(KILLS)} kills; ${placement()}…`,
    );
    const loads = [await loadRun(sqliteStore(dir, keyDir, 'load'))];
    if ('skip' in postgres) console.error(`Postgres load skipped: ${postgres.skip}`);
    else loads.push(await loadRun(postgresStore(postgres)));
    const memory = await memoryRun(sqliteStore(dir, keyDir, 'memory'));
    const crash = await crashRun(sqliteStore(dir, keyDir, 'crash'));

    console.log(
      `Tessera under load: server/dist/cli.js, log level ${LOG_LEVEL}, rate-limit flags ${RAISED_LIMITS.length > 0 ? RAISED_LIMITS.join(' ') : '(none: the server has no limits to raise)'}`,
    );
    console.log(`${machine()}; ${placement()}`);
    console.log();
    console.log(
      `${format(LOAD_TOKENS)} card tokens at ${String(CONNECTIONS)} connections (Missing: acknowledged, not in the vault; Unacknowledged: in the vault, never acknowledged):`,
    );
    console.log();
    console.log(loadTable(loads));
    console.log();
    for (const row of loads) {
      const exact =
        row.missing === 0 && row.extra === 0 && row.duplicates === 0 && row.withoutId === 0;
      const clean = row.non2xx === 0 && row.errors === 0 && row.acknowledged.length === row.sent;
      console.log(
        `Goal, ${row.name}: no non-2xx: ${clean ? 'met' : 'NOT met'} (${format(row.non2xx)} non-2xx, ${format(row.errors)} errors or timeouts); the vault holds exactly the ${format(row.acknowledged.length)} acknowledged tokens: ${exact ? 'met' : 'NOT met'} (${format(row.inVault)} rows)`,
      );
      if (!clean) {
        failures.push(
          `${row.name} load: ${format(row.non2xx)} non-2xx, ${format(row.errors)} errors, ${format(row.acknowledged.length)} of ${format(row.sent)} acknowledged${row.samples.length > 0 ? `; e.g. ${row.samples.join(' | ')}` : ''}`,
        );
      }
      if (!exact) {
        failures.push(
          `${row.name} load: ${format(row.missing)} acknowledged tokens missing from the vault, ${format(row.extra)} rows never acknowledged, ${format(row.duplicates)} ids acknowledged twice, ${format(row.withoutId)} 2xx without a token id`,
        );
      }
    }
    console.log();

    const last = memory.rows.at(-1) as MemoryRow;
    console.log(
      `Server memory after creating tokens at ${String(CONNECTIONS)} connections, SQLite (RSS and its peak from /proc/<pid>/status, V8's heap from the server's metrics):`,
    );
    console.log();
    console.log(memoryTable(memory.rows));
    console.log();
    const rssMet = last.memory.rss <= GOAL_RSS_BYTES;
    const verdict =
      last.tokens >= GOAL_RSS_TOKENS
        ? rssMet
          ? 'met'
          : 'goal NOT met'
        : `not measured (${format(last.tokens)} tokens in this run, ${rssMet ? 'within' : 'over'} the bound)`;
    console.log(
      `Goal: RSS ≤ ${megabytes(GOAL_RSS_BYTES)} after ${format(GOAL_RSS_TOKENS)} tokens: ${verdict} (${megabytes(last.memory.rss)}; the peak during the load ${megabytes(last.memory.peak)}, ${last.memory.peak <= GOAL_RSS_BYTES ? 'within' : 'over'} the bound; reported, never fails the run)`,
    );
    if (memory.failures > 0) {
      failures.push(`memory run: ${format(memory.failures)} non-2xx replies or errors`);
    }
    console.log();

    console.log(
      `Crash test: ${String(KILLS)} × SIGKILL of tessera serve (SQLite, synchronous=NORMAL) under ${String(CRASH_LOOPS)} token-creating loops, once ${KILL_TARGETS.map((target) => format(target)).join(', ')} tokens were acknowledged (or after ${format(KILL_BY_MS)} ms), restarted on the same file each time:`,
    );
    console.log();
    console.log(killTable(crash.kills));
    console.log();
    const crashMet =
      crash.retrievable === crash.acknowledged &&
      crash.kills.every((kill) => kill.lost.length === 0 && kill.integrity === 'ok') &&
      crash.finalIntegrity === 'ok';
    console.log(
      `Goal: every token acknowledged before a kill retrievable after the restart: ${crashMet ? 'met' : 'NOT met'} (${format(crash.acknowledged)} acknowledged, ${format(crash.retrievable)} retrievable after the last restart; integrity_check ${crash.finalIntegrity} at the end; the vault holds ${format(crash.inVault)} tokens${crash.inVault >= crash.acknowledged ? `, ${format(crash.inVault - crash.acknowledged)} of them committed but their reply cut by a kill` : ''})`,
    );
    if (!crashMet) {
      failures.push(
        `crash test: ${format(crash.acknowledged - crash.retrievable)} of ${format(crash.acknowledged)} acknowledged tokens lost; integrity ${crash.kills.map((kill) => kill.integrity).join(', ')}, ${crash.finalIntegrity} at the end`,
      );
    }
    for (const [i, kill] of crash.kills.entries()) {
      if (kill.unexpected.length > 0) {
        failures.push(
          `kill ${String(i + 1)}: before it, ${kill.unexpected.slice(0, 3).join(' | ')}`,
        );
      }
      if (kill.acknowledged === 0) failures.push(`kill ${String(i + 1)}: no token was made`);
    }
    for (const failure of failures) console.error(`FAIL ${failure}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}

runBench(main);
