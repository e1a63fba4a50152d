/**
 * The real PostgreSQL the tests use (127.0.0.1:5432 on the project's machines and in CI, or
 * `$TESSERA_TEST_POSTGRES_URL`). Each test file creates its own database with a random name
 * and drops it at the end. When Postgres cannot be reached, the suites that need it are
 * skipped with a loud message, except under CI (`CI` or `TESSERA_REQUIRE_POSTGRES` set), where
 * the run fails: CI never skips them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server's maintenance database, from which test databases are created. */
export const ADMIN_URL =
  process.env.TESSERA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of one test file's own. */
export interface TestDatabase {
  /** Its URL. */
  url: string;
  /** Its URL with `search_path` set to a new, empty schema: a fresh store on each call. */
  freshSchema(): Promise<string>;
  /** Runs one statement on it (as the admin user). */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
  /** Drops it (closing whatever is still connected). */
  drop(): Promise<void>;
}

const required = Boolean(process.env.CI) || Boolean(process.env.TESSERA_REQUIRE_POSTGRES);

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/**
 * Creates the file's database, or returns the reason the suite is skipped (the message has
 * been printed). Throws under CI when Postgres cannot be reached.
 */
export async function createTestDatabase(): Promise<TestDatabase | { skip: string }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `PostgreSQL at ${ADMIN_URL} cannot be reached (${(error as Error).message})`;
    if (required) throw new Error(`${reason}; CI runs every Postgres test.`);
    console.error(
      `\n*** SKIPPED: ${reason}. Start it (see ../shared/ENV-RECIPE.md) or set TESSERA_TEST_POSTGRES_URL. ***\n`,
    );
    await admin.end().catch(() => undefined);
    return { skip: reason };
  }
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(ADMIN_URL, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // A test may drop the database under its connections; that is not this pool's failure.
  pool.on('error', () => undefined);
  let schemas = 0;
  return {
    url,
    async freshSchema() {
      const schema = `vault_${String(++schemas)}`;
      await pool.query(`CREATE SCHEMA ${schema}`);
      return withSearchPath(url, schema);
    },
    async query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]) {
      return (await pool.query<Row>(sql, values)).rows;
    },
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
