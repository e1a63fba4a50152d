import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { keepDatabaseFiles, openCapture } from '../../../scripts/test-log-capture.js';
import {
  buildApp,
  type AppOptions,
  type RequestObserver,
  type ServerOptions,
  type SweepResult,
  type Timeouts,
} from '../../src/app.js';
import { Sealer } from '../../src/crypto/sealer.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/plugins/rate-limits.js';
import { ApiKeyService, type KeyPair } from '../../src/services/api-keys.js';
import { openVault } from '../../src/vault/open-vault.js';
import { openSqliteVault } from '../../src/vault/sqlite/sqlite-vault.js';
import type { Vault } from '../../src/vault/vault.js';

/** A real token server listening on 127.0.0.1 with a fresh SQLite file and keys. */
export interface TestServer {
  url: string;
  /** Test-mode keys of the main account. */
  test: KeyPair;
  /** Live-mode keys of the main account. */
  live: KeyPair;
  /** Test-mode keys of another account. */
  other: KeyPair;
  vault: Vault;
  sealer: Sealer;
  /** Folder holding the database, WAL and key file. */
  dir: string;
  dbPath: string;
  /** Every log line the server wrote. */
  logs: string[];
  /** Which store holds the vault: a fresh SQLite file, or a fresh schema in Postgres. */
  storage: 'sqlite' | 'postgres';
  /** Runs SQL on the store directly, outside the vault (SQL both stores understand). */
  query<Row>(sql: string): Promise<Row[]>;
  /** Moves the server's clock (seconds); starts at 0. */
  advanceClock(seconds: number): void;
  /** Runs the server's periodic sweep now (erase, purge, delete past retention). */
  sweep(): Promise<SweepResult>;
  /** Stops the server and removes its files. */
  close(): Promise<void>;
}

/** Options for {@link startTestServer}. */
export interface TestServerOptions {
  tokenTtlSeconds?: number;
  /** Seconds a CVC is kept; default the server's (10 minutes). */
  cvcTtlSeconds?: number;
  /** Seconds a token's row stays after it expired; default the server's. */
  tokenRetentionSeconds?: number;
  /** Client timeouts (ms); default the server's. */
  timeouts?: Partial<Timeouts>;
  /** The proxies whose `X-Forwarded-For` is believed. */
  trustProxy?: string[];
  /** A Postgres database (URL) to hold the vault instead of a fresh SQLite file. */
  postgresUrl?: string;
  /** Grant CORS on `POST /v1/tokens` (`serve --cors`). */
  cors?: boolean;
  /** The abuse limits; default {@link RAISED_RATE_LIMITS}. */
  rateLimits?: RateLimits | 'off';
  /** Hears about requests, tokens and limits (`createMetrics().requests`, say). */
  observer?: RequestObserver;
}

/**
 * Limits on, in memory, but far above what any suite sends: suites that are not about the
 * limits create tokens (and card errors) faster than a shopper would. The rate-limit suite
 * passes its own.
 */
export const RAISED_RATE_LIMITS: RateLimits = {
  ...DEFAULT_RATE_LIMITS,
  publishable: { live: 1_000_000, test: 1_000_000 },
  secret: { live: 1_000_000, test: 1_000_000 },
  cardErrors: { ...DEFAULT_RATE_LIMITS.cardErrors, perIp: 1_000_000, perKey: 1_000_000 },
};

/**
 * The Postgres database the HTTP suites run on when `server/test/postgres-api.test.ts` runs
 * them (it creates the database and sets this); otherwise they run on SQLite.
 */
export const POSTGRES_SUITES_ENV = 'TESSERA_TEST_SUITES_POSTGRES_URL';

/** A new schema in the database at `url`: its URL (search_path set) and how to drop it. */
async function freshPostgresSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `server_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `sql` on the store on a connection of its own: the rows it reads, if any. */
async function queryStore<Row>(
  store: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string },
  sql: string,
): Promise<Row[]> {
  if (store.kind === 'sqlite') {
    const db = new Database(store.path);
    try {
      const statement = db.prepare<[], Row>(sql);
      if (statement.reader) return statement.all();
      statement.run();
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    return (await client.query<Row & pg.QueryResultRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Starts a token server for a suite: call it in `before` and `close()` it in `after`.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  const dbPath = join(dir, 'tessera.db');
  const suitesOnPostgres = process.env[POSTGRES_SUITES_ENV];
  const schema =
    options.postgresUrl === undefined && suitesOnPostgres
      ? await freshPostgresSchema(suitesOnPostgres)
      : null;
  const postgresUrl = options.postgresUrl ?? schema?.url;
  const { vault, sealer } = await openVault({
    database: postgresUrl
      ? { kind: 'postgres', url: postgresUrl, poolSize: 4, statementTimeoutMs: 5000 }
      : { kind: 'sqlite', path: dbPath, synchronous: 'NORMAL' },
    masterKey: { kind: 'file', path: `${dbPath}.key` },
    allowKeyBesideDatabase: false,
  });
  const keys = new ApiKeyService(vault);
  const test = await keys.createKeyPair({ livemode: false });
  const live = await keys.createKeyPair({
    livemode: true,
    accountId: test.account,
    allowedOrigins: ['https://shop.example'],
  });
  const other = await keys.createKeyPair({ livemode: false });
  const logs: string[] = [];
  const capture = openCapture('test-server');
  let offsetMs = 0;
  const app = await buildApp({
    vault,
    sealer,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    ...(options.cvcTtlSeconds === undefined ? {} : { cvcTtlSeconds: options.cvcTtlSeconds }),
    ...(options.tokenRetentionSeconds === undefined
      ? {}
      : { tokenRetentionSeconds: options.tokenRetentionSeconds }),
    now: () => new Date(Date.now() + offsetMs),
    logLevel: 'info',
    logDestination: {
      write: (line: string) => {
        logs.push(line);
        capture?.write(line);
      },
    },
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
    rateLimits: options.rateLimits ?? RAISED_RATE_LIMITS,
    ...(options.observer ? { observer: options.observer } : {}),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    async close() {
      await app.close();
      // The leak scan reads the raw files as the vault left them, WAL included.
      if (!postgresUrl) keepDatabaseFiles('test-server', dbPath);
      await vault.close();
      await schema?.drop();
      capture?.close();
      rmSync(dir, { recursive: true, force: true });
    },
    url,
    storage: postgresUrl ? 'postgres' : 'sqlite',
    query: (sql) =>
      queryStore(
        postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'sqlite', path: dbPath },
        sql,
      ),
    test,
    live,
    other,
    vault,
    sealer,
    dir,
    dbPath,
    logs,
    advanceClock: (seconds) => {
      offsetMs += seconds * 1000;
    },
    sweep: () => app.sweep(),
  };
}

/** A bare app listening on 127.0.0.1: a fresh vault, no keys, and the options under test. */
export interface AppServer {
  url: string;
  /** Its vault, to add the keys a test needs. */
  vault: Vault;
  /** Stops the server and removes its files. */
  close(): Promise<void>;
}

/**
 * Builds the app on a fresh SQLite vault (fixed master key, no logs) with `options` (a frame
 * folder, a script file, a clock…) and listens: for tests of routes that need no API keys.
 */
export async function startAppServer(
  options: Partial<Omit<AppOptions, 'vault' | 'sealer'>> & Partial<ServerOptions> = {},
): Promise<AppServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-app-'));
  const vault = await openSqliteVault({ path: join(dir, 'tessera.db') });
  // Silent, except into the leak scan's capture folder when the run has one.
  const capture = openCapture('app-server');
  try {
    const app = await buildApp({
      vault,
      sealer: new Sealer(Buffer.alloc(32, 9)),
      tokenTtlSeconds: 60,
      ...(capture ? { logLevel: 'info', logDestination: capture } : { logLevel: false }),
      rateLimits: RAISED_RATE_LIMITS,
      ...options,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      url,
      vault,
      async close() {
        await app.close();
        await vault.close();
        capture?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await vault.close();
    capture?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** How many tokens are stored in the server's database (read outside the vault). */
export async function tokenCount(server: Pick<TestServer, 'query'>): Promise<number> {
  const [row] = await server.query<{ n: number | string }>('SELECT count(*) AS n FROM tokens');
  return Number(row?.n);
}
