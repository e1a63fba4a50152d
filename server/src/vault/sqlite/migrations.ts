/**
 * The SQLite schema, as versioned migrations (see `../migrations.ts`). Version 1 is the schema
 * of Tessera 0.1.0, which had no version table: its statements use `IF NOT EXISTS`, so a 0.1.0
 * database adopts version 1 as it is, with its data, and later migrations upgrade it from there.
 */
import type { Migration } from '../migrations.js';

/** A migration's SQL, run in one transaction with its record in `schema_migrations`. */
export interface SqliteMigration extends Migration {
  sql: string;
}

/** The table that records applied migrations (created before any of them runs). */
export const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;
`;

/** Every migration, oldest first. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'accounts, API keys, tokens and idempotency records',
    sql: `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  created INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS api_keys (
  lookup TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  livemode INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  display TEXT NOT NULL,
  created INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  livemode INTEGER NOT NULL,
  type TEXT NOT NULL,
  created INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  public_json TEXT NOT NULL,
  sealed BLOB
) STRICT;
CREATE INDEX IF NOT EXISTS tokens_sealed_expiry ON tokens(expires_at) WHERE sealed IS NOT NULL;
CREATE TABLE IF NOT EXISTS idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  params_hash TEXT NOT NULL,
  status_code INTEGER,
  body TEXT,
  created INTEGER NOT NULL,
  locked_at INTEGER,
  PRIMARY KEY (scope, key)
) STRICT;
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created);
`,
  },
  {
    version: 2,
    name: 'idempotent token replies refer to their token instead of copying it',
    sql: `ALTER TABLE idempotency ADD COLUMN token_id TEXT;`,
  },
  {
    version: 3,
    name: 'the CVC sealed on its own, erased before the token expires',
    sql: `
ALTER TABLE tokens ADD COLUMN sealed_cvc BLOB;
ALTER TABLE tokens ADD COLUMN cvc_expires_at INTEGER;
CREATE INDEX tokens_cvc_expiry ON tokens (cvc_expires_at) WHERE sealed_cvc IS NOT NULL;`,
  },
  {
    version: 4,
    name: 'publishable keys carry the origins allowed to embed their fields',
    sql: `ALTER TABLE api_keys ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 5,
    name: 'restricted keys with their permissions, and the append-only audit log',
    // SQLite cannot change a CHECK constraint in place: api_keys is rebuilt with the new kind
    // (no table refers to it, so dropping the old one breaks no foreign key).
    sql: `
CREATE TABLE api_keys_v5 (
  lookup TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  livemode INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret', 'restricted')),
  display TEXT NOT NULL,
  created INTEGER NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  permissions TEXT,
  CHECK ((kind = 'restricted') = (permissions IS NOT NULL))
) STRICT;
INSERT INTO api_keys_v5 (lookup, account_id, livemode, kind, display, created, allowed_origins)
  SELECT lookup, account_id, livemode, kind, display, created, allowed_origins FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_v5 RENAME TO api_keys;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms INTEGER NOT NULL,
  action TEXT NOT NULL,
  token_id TEXT NOT NULL,
  key TEXT NOT NULL,
  account_id TEXT NOT NULL,
  livemode INTEGER NOT NULL,
  client_ip TEXT,
  request_id TEXT NOT NULL,
  outcome TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_time ON audit_log (time_ms);
CREATE INDEX audit_log_token ON audit_log (token_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: its entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: its entries cannot be deleted'); END;`,
  },
  {
    version: 6,
    name: 'data keys and the fingerprint key wrapped under master keys, for rotation',
    // Filled on the first start after it (see open-vault.ts): the keys derived from the
    // master key until then become the first data key and the fingerprint key.
    sql: `
CREATE TABLE data_keys (
  key_id TEXT NOT NULL,
  master_key_id TEXT NOT NULL,
  wrapped BLOB NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (key_id, master_key_id)
) STRICT;`,
  },
];
