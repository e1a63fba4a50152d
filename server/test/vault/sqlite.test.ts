/**
 * The SQLite adapter: the conformance suite, then what only SQLite has (pragmas, the WAL, group
 * commit as it shows in the WAL, migrations of a real 0.1.0 database, several processes starting
 * on one new file).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SchemaVersionError } from '../../src/vault/migrations.js';
import { SQLITE_MIGRATIONS } from '../../src/vault/sqlite/migrations.js';
import { openSqliteVault, type SqliteVault } from '../../src/vault/sqlite/sqlite-vault.js';
import type { TokenRecord, Vault } from '../../src/vault/vault.js';
import { ROOT } from '../helpers/cli-process.js';
import { vaultConformance } from './conformance.js';

/** A folder per test file, a database file per harness. */
let folder: string;
let counter = 0;
before(() => {
  folder = mkdtempSync(join(tmpdir(), 'tessera-sqlite-'));
});
after(() => {
  rmSync(folder, { recursive: true, force: true });
});

function freshPath(): string {
  return join(folder, `vault-${String(++counter)}.db`);
}

vaultConformance({
  name: 'SQLite',
  schemaVersion: SQLITE_MIGRATIONS.length,
  supports: { persistence: true },
  factory: async () => {
    const path = freshPath();
    const handles: Vault[] = [await openSqliteVault({ path })];
    return {
      vault: handles[0] as Vault,
      async connect() {
        const handle = await openSqliteVault({ path });
        handles.push(handle);
        return handle;
      },
      exec: (sql) =>
        // A throw in the executor rejects the promise.
        new Promise<void>((resolve) => {
          const db = new Database(path);
          try {
            db.prepare(sql).run();
          } finally {
            db.close();
          }
          resolve();
        }),
      async destroy() {
        for (const handle of handles) await handle.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      },
    };
  },
});

function token(id: string): TokenRecord {
  return {
    id,
    accountId: 'acct_1',
    livemode: false,
    type: 'card',
    created: 1000,
    expiresAt: 2000,
    used: false,
    publicJson: JSON.stringify({ id }),
    sealed: Buffer.alloc(200, 7),
    sealedCvc: null,
    cvcExpiresAt: null,
  };
}

/** Tessera 0.1.0's schema, as it created databases before schema versions existed. */
const SCHEMA_0_1_0 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE accounts (id TEXT PRIMARY KEY, created INTEGER NOT NULL) STRICT;
CREATE TABLE api_keys (
  lookup TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
  livemode INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  display TEXT NOT NULL, created INTEGER NOT NULL) STRICT;
CREATE TABLE tokens (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, livemode INTEGER NOT NULL, type TEXT NOT NULL,
  created INTEGER NOT NULL, expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0,
  public_json TEXT NOT NULL, sealed BLOB) STRICT;
CREATE INDEX tokens_sealed_expiry ON tokens(expires_at) WHERE sealed IS NOT NULL;
CREATE TABLE idempotency (
  scope TEXT NOT NULL, key TEXT NOT NULL, params_hash TEXT NOT NULL, status_code INTEGER,
  body TEXT, created INTEGER NOT NULL, locked_at INTEGER, PRIMARY KEY (scope, key)) STRICT;
CREATE INDEX idempotency_created ON idempotency(created);
`;

function schemaVersions(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => row.version);
  } finally {
    db.close();
  }
}

describe('SQLite vault: the adapter', () => {
  let vault: SqliteVault;
  let path: string;
  before(async () => {
    path = freshPath();
    vault = await openSqliteVault({ path });
  });
  after(async () => {
    await vault.close();
  });

  it('reads back the pragmas it set: WAL and synchronous NORMAL (FULL on request)', async () => {
    const described = await vault.describe();
    assert.equal(described.storage, 'sqlite');
    assert.equal(described.journal_mode, 'wal');
    assert.equal(described.synchronous, 'NORMAL');
    assert.equal(await vault.integrityCheck(), 'ok');
    const full = await openSqliteVault({ path: freshPath(), synchronous: 'FULL' });
    assert.equal((await full.describe()).synchronous, 'FULL');
    await full.close();
  });

  it('creates the database file for its owner only', () => {
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('commits concurrent inserts together: one WAL commit for a batch, not one per token', async () => {
    // Each commit appends at least one page to the WAL; 40 separate commits write several times
    // as much as one commit of 40 rows. Without group commit both runs grow the WAL alike.
    const walBytes = () => statSync(`${path}-wal`).size;
    const start = walBytes();
    for (let i = 0; i < 40; i++) await vault.insertToken(token(`tok_seq${String(i)}`));
    const sequential = walBytes() - start;
    const middle = walBytes();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => vault.insertToken(token(`tok_batch${String(i)}`))),
    );
    const batched = walBytes() - middle;
    assert.ok(sequential > 0 && batched > 0, `the WAL did not grow (${sequential}, ${batched})`);
    assert.ok(
      batched * 4 < sequential,
      `40 concurrent inserts wrote ${batched} WAL bytes, 40 sequential ones ${sequential}`,
    );
    for (let i = 0; i < 40; i++) assert.ok(await vault.findToken(`tok_batch${String(i)}`));
  });
});

describe('SQLite vault: schema migrations', () => {
  it('upgrades a Tessera 0.1.0 database (no schema version) and keeps its data', async () => {
    const path = freshPath();
    const old = new Database(path);
    old.exec(SCHEMA_0_1_0);
    old.prepare('INSERT INTO accounts VALUES (?, ?)').run('acct_old', 1000);
    old
      .prepare('INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)')
      .run('pk_test_old', 'acct_old', 0, 'publishable', 'pk_test_old', 1000);
    old
      .prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('tok_old', 'acct_old', 0, 'card', 1000, 5000, 0, '{"id":"tok_old"}', Buffer.from('s'));
    old.close();

    const vault = await openSqliteVault({ path });
    try {
      assert.equal((await vault.describe()).schema_version, String(SQLITE_MIGRATIONS.length));
      assert.equal((await vault.findApiKey('pk_test_old'))?.accountId, 'acct_old');
      assert.deepEqual(await vault.consumeToken('tok_old', 2000), {
        kind: 'consumed',
        sealed: Buffer.from('s'),
        sealedCvc: null,
      });
    } finally {
      await vault.close();
    }
    assert.deepEqual(
      schemaVersions(path),
      SQLITE_MIGRATIONS.map((m) => m.version),
    );
  });

  it('applies a later migration once, and records it', async () => {
    const path = freshPath();
    await (await openSqliteVault({ path })).close();
    const next = [
      ...SQLITE_MIGRATIONS,
      {
        version: SQLITE_MIGRATIONS.length + 1,
        name: 'token notes',
        sql: 'ALTER TABLE tokens ADD COLUMN note TEXT;',
      },
    ];
    for (let run = 0; run < 2; run++) {
      const vault = await openSqliteVault({ path, migrations: next });
      assert.equal((await vault.describe()).schema_version, String(next.length));
      await vault.close();
    }
    assert.deepEqual(
      schemaVersions(path),
      next.map((m) => m.version),
    );
  });

  it('rolls a failing migration back whole and refuses to open', async () => {
    const path = freshPath();
    await (await openSqliteVault({ path })).close();
    const broken = [
      ...SQLITE_MIGRATIONS,
      {
        version: SQLITE_MIGRATIONS.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (id TEXT); THIS IS NOT SQL;',
      },
    ];
    await assert.rejects(openSqliteVault({ path, migrations: broken }), /syntax error/);
    const db = new Database(path, { readonly: true });
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'half_done'")
      .get();
    db.close();
    assert.equal(table, undefined, 'the first statement of the failed migration stayed');
    assert.deepEqual(
      schemaVersions(path),
      SQLITE_MIGRATIONS.map((m) => m.version),
    );
  });

  it('refuses a database created by a newer Tessera, naming both versions', async () => {
    const path = freshPath();
    await (await openSqliteVault({ path })).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(99, 'from the future', 0);
    db.close();
    await assert.rejects(openSqliteVault({ path }), (error: unknown) => {
      assert.ok(error instanceof SchemaVersionError);
      assert.match(error.message, /schema version 99/);
      assert.match(error.message, new RegExp(`up to ${String(SQLITE_MIGRATIONS.length)}`));
      return true;
    });
  });

  it('migrates once when several processes open one new database at the same moment', async () => {
    const path = freshPath();
    const script = `
      import { openSqliteVault } from './src/vault/sqlite/sqlite-vault.ts';
      const vault = await openSqliteVault({ path: process.argv[1] });
      await vault.close();
    `;
    const exits = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(
              process.execPath,
              [
                '--conditions=tessera-source',
                '--import',
                'tsx',
                '--input-type=module',
                '-e',
                script,
                path,
              ],
              { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
            );
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.on('close', (code) => {
              resolve({ code, stderr });
            });
          }),
      ),
    );
    assert.deepEqual(
      exits.map((exit) => exit.code),
      [0, 0, 0, 0],
      exits.map((exit) => exit.stderr).join('\n'),
    );
    assert.deepEqual(
      schemaVersions(path),
      SQLITE_MIGRATIONS.map((m) => m.version),
    );
  });
});
