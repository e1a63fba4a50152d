import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  type AppOptions,
  type ServerOptions,
  type SweepResult,
  type Timeouts,
} from '../../src/app.js';
import { Sealer } from '../../src/crypto/sealer.js';
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
  /** Seconds a token's row stays after it expired; default the server's. */
  tokenRetentionSeconds?: number;
  /** Client timeouts (ms); default the server's. */
  timeouts?: Partial<Timeouts>;
  /** The proxies whose `X-Forwarded-For` is believed. */
  trustProxy?: string[];
  /** A Postgres database (URL) to hold the vault instead of a fresh SQLite file. */
  postgresUrl?: string;
}

/**
 * Starts a token server for a suite: call it in `before` and `close()` it in `after`.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  const dbPath = join(dir, 'tessera.db');
  const { vault, sealer } = await openVault({
    database: options.postgresUrl
      ? { kind: 'postgres', url: options.postgresUrl, poolSize: 4, statementTimeoutMs: 5000 }
      : { kind: 'sqlite', path: dbPath, synchronous: 'NORMAL' },
    masterKey: { kind: 'file', path: `${dbPath}.key` },
    allowKeyBesideDatabase: false,
  });
  const keys = new ApiKeyService(vault);
  const test = await keys.createKeyPair({ livemode: false });
  const live = await keys.createKeyPair({ livemode: true, accountId: test.account });
  const other = await keys.createKeyPair({ livemode: false });
  const logs: string[] = [];
  let offsetMs = 0;
  const app = await buildApp({
    vault,
    sealer,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    ...(options.tokenRetentionSeconds === undefined
      ? {}
      : { tokenRetentionSeconds: options.tokenRetentionSeconds }),
    now: () => new Date(Date.now() + offsetMs),
    logLevel: 'info',
    logDestination: { write: (line: string) => logs.push(line) },
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    async close() {
      await app.close();
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    },
    url,
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
  try {
    const app = await buildApp({
      vault,
      sealer: new Sealer(Buffer.alloc(32, 9)),
      tokenTtlSeconds: 60,
      logLevel: false,
      ...options,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      url,
      async close() {
        await app.close();
        await vault.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** How many tokens are stored in the server's database (read through its own read-only handle). */
export async function tokenCount(server: Pick<TestServer, 'dbPath'>): Promise<number> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
