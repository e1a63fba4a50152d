/**
 * The Postgres adapter: the conformance suite on the real PostgreSQL, then what only a shared
 * database has: several nodes migrating one new schema at once, group commit in one statement,
 * retries of serialization failures at SERIALIZABLE, the statement timeout, and an unreachable
 * server.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { SchemaVersionError } from '../../src/vault/migrations.js';
import { POSTGRES_MIGRATIONS } from '../../src/vault/postgres/migrations.js';
import {
  openPostgresVault,
  type PostgresOptions,
  type PostgresVault,
} from '../../src/vault/postgres/postgres-vault.js';
import type { TokenRecord, Vault } from '../../src/vault/vault.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { vaultConformance } from './conformance.js';

const database = await createTestDatabase();
const skip = 'skip' in database ? database.skip : undefined;
const db = 'skip' in database ? undefined : database;
after(async () => {
  await db?.drop();
});

/** The test database, once it is known to exist. */
function testDb(): TestDatabase {
  if (!db) throw new Error('no test database');
  return db;
}

vaultConformance({
  name: 'Postgres',
  schemaVersion: POSTGRES_MIGRATIONS.length,
  supports: { persistence: true },
  skip,
  factory: async () => {
    const url = await testDb().freshSchema();
    const handles: Vault[] = [await openPostgresVault({ url, poolSize: 4 })];
    return {
      vault: handles[0] as Vault,
      async connect() {
        const handle = await openPostgresVault({ url, poolSize: 4 });
        handles.push(handle);
        return handle;
      },
      async exec(sql) {
        await queryOn(url, sql);
      },
      async destroy() {
        for (const handle of handles) await handle.close();
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
    expiresAt: 5000,
    used: false,
    publicJson: JSON.stringify({ id }),
    sealed: Buffer.from(`sealed:${id}`),
    sealedCvc: null,
    cvcExpiresAt: null,
  };
}

/** Runs one statement on the store at `url` (its schema), outside the vault. */
async function queryOn<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The schema's recorded migrations, read directly. */
async function schemaVersions(url: string): Promise<number[]> {
  const rows = await queryOn<{ version: number }>(
    url,
    'SELECT version FROM schema_migrations ORDER BY version',
  );
  return rows.map((row) => row.version);
}

describe('Postgres vault: what a shared database adds', { skip: skip ?? false }, () => {
  const opened: PostgresVault[] = [];
  async function open(options: Partial<PostgresOptions> & { url: string }) {
    const vault = await openPostgresVault(options);
    opened.push(vault);
    return vault;
  }
  after(async () => {
    for (const vault of opened) await vault.close();
  });

  it('migrates once when several nodes open one new schema at the same moment', async () => {
    const url = await testDb().freshSchema();
    const vaults = await Promise.all(Array.from({ length: 4 }, () => open({ url, poolSize: 1 })));
    assert.equal(vaults.length, 4);
    assert.deepEqual(
      await schemaVersions(url),
      POSTGRES_MIGRATIONS.map((m) => m.version),
    );
  });

  it('applies a later migration once, and rolls a failing one back whole', async () => {
    const url = await testDb().freshSchema();
    await (await openPostgresVault({ url })).close();
    const next = [
      ...POSTGRES_MIGRATIONS,
      {
        version: POSTGRES_MIGRATIONS.length + 1,
        name: 'notes',
        sql: 'ALTER TABLE tokens ADD COLUMN note TEXT',
      },
    ];
    for (let run = 0; run < 2; run++)
      await (await openPostgresVault({ url, migrations: next })).close();
    assert.deepEqual(
      await schemaVersions(url),
      next.map((m) => m.version),
    );

    const broken = [
      ...next,
      {
        version: next.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (id TEXT); THIS IS NOT SQL',
      },
    ];
    await assert.rejects(openPostgresVault({ url, migrations: broken }), /syntax error/);
    const tables = await testDb().query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    assert.equal(tables.length, 0, 'the first statement of the failed migration stayed');
    assert.deepEqual(
      await schemaVersions(url),
      next.map((m) => m.version),
    );
  });

  it('refuses a database created by a newer Tessera, naming both versions', async () => {
    const url = await testDb().freshSchema();
    const vault = await openPostgresVault({ url });
    await vault.close();
    await queryOn(url, "INSERT INTO schema_migrations VALUES (99, 'from the future', 0)");
    await assert.rejects(openPostgresVault({ url }), (error: unknown) => {
      assert.ok(error instanceof SchemaVersionError);
      assert.match(error.message, /schema version 99/);
      return true;
    });
  });

  it('commits concurrent inserts in a few batches, each one statement', async () => {
    const url = await testDb().freshSchema();
    const batches: number[] = [];
    const vault = await open({ url, observer: { batchCommitted: (size) => batches.push(size) } });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => vault.insertToken(token(`tok_batch${String(i)}`))),
    );
    assert.equal(
      batches.reduce((sum, size) => sum + size, 0),
      40,
    );
    assert.ok(batches.length <= 3, `40 concurrent inserts took ${String(batches.length)} commits`);
    for (let i = 0; i < 40; i++) assert.ok(await vault.findToken(`tok_batch${String(i)}`));
  });

  it('retries serialization failures at SERIALIZABLE: one claim and one consumer still win', async () => {
    const url = await testDb().freshSchema();
    const retried: string[] = [];
    const observer = { retried: (code: string) => retried.push(code) };
    const nodes = await Promise.all(
      [0, 1].map(() => open({ url, isolation: 'SERIALIZABLE', poolSize: 8, observer })),
    );
    const [first, second] = nodes as [PostgresVault, PostgresVault];
    const clock = { now: 1000, expiredBefore: 0, staleBefore: 0 };
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 === 0 ? first : second).beginIdempotent({ scope: 's', key: 'k' }, 'h', clock),
      ),
    );
    assert.equal(claims.filter((claim) => claim.kind === 'proceed').length, 1);
    assert.equal(claims.filter((claim) => claim.kind === 'in_flight').length, 15);

    await first.insertToken(token('tok_contended'));
    const uses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 === 0 ? first : second).consumeToken('tok_contended', 2000),
      ),
    );
    assert.equal(uses.filter((use) => use.kind === 'consumed').length, 1);
    assert.equal(uses.filter((use) => use.kind === 'already_used').length, 15);
    assert.ok(retried.length > 0, 'no transaction was retried: the conflict was not provoked');
    assert.ok(
      retried.every((code) => code === '40001' || code === '40P01'),
      retried.join(),
    );
  });

  it('sweeps on two nodes at once without erasing or deleting a row twice or leaving one', async () => {
    const url = await testDb().freshSchema();
    const first = await open({ url });
    const second = await open({ url });
    // More rows than one sweep batch, expired at different times.
    await Promise.all(
      Array.from({ length: 1500 }, (_, i) =>
        first.insertToken({ ...token(`tok_sweep${String(i)}`), expiresAt: 1000 + (i % 300) }),
      ),
    );
    const erased = await Promise.all([
      first.eraseExpiredSecrets(2000),
      second.eraseExpiredSecrets(2000),
      first.eraseExpiredSecrets(2000),
    ]);
    assert.equal(
      erased.reduce((sum, n) => sum + n, 0),
      1500,
      `erased ${erased.join(' + ')}`,
    );
    const left = await queryOn<{ count: string }>(
      url,
      'SELECT count(*) AS count FROM tokens WHERE sealed IS NOT NULL',
    );
    assert.equal(Number(left[0]?.count), 0);
    const deleted = await Promise.all([
      second.deleteExpiredTokens(2000),
      first.deleteExpiredTokens(2000),
    ]);
    assert.equal(
      deleted.reduce((sum, n) => sum + n, 0),
      1500,
      `deleted ${deleted.join(' + ')}`,
    );
    assert.equal(await first.findToken('tok_sweep0'), null);
  });

  it('gives up on a statement after the statement timeout instead of hanging', async () => {
    const url = await testDb().freshSchema();
    const vault = await open({ url, statementTimeoutMs: 300 });
    await vault.insertToken(token('tok_locked'));
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query("SELECT 1 FROM tokens WHERE id = 'tok_locked' FOR UPDATE");
      const started = Date.now();
      await assert.rejects(vault.consumeToken('tok_locked', 2000), /statement timeout/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    assert.equal((await vault.consumeToken('tok_locked', 2000)).kind, 'consumed');
  });

  it('rejects when the server cannot be reached, and never shows the password', async () => {
    const url = 'postgres://tessera:hunter2@127.0.0.1:1/tessera';
    await assert.rejects(openPostgresVault({ url, statementTimeoutMs: 1000 }), (error: unknown) => {
      assert.match((error as Error).message, /ECONNREFUSED|connect/);
      assert.equal((error as Error).message.includes('hunter2'), false);
      return true;
    });
    const vault = await open({
      url: (await testDb().freshSchema()).replace('postgres@', 'postgres:secret@'),
    });
    const described = await vault.describe();
    assert.equal(described.storage, 'postgres');
    assert.equal(JSON.stringify(described).includes('secret'), false, JSON.stringify(described));
  });
});
