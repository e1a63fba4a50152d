/**
 * The Postgres schema, as versioned migrations (see `../migrations.ts`): the same versions as
 * SQLite's, in Postgres's types. Only SQL that the Postgres-compatible distributed engines
 * (CockroachDB, YugabyteDB) accept as well: no extensions, no stored procedures, and triggers
 * only where nothing else can do their work: the row-level triggers (PL/pgSQL, which
 * CockroachDB has from v24.3 on) that keep the audit log append-only.
 */
import type { Migration } from '../migrations.js';

/** A migration's SQL, run in one transaction with its record in `schema_migrations`. */
export interface PostgresMigration extends Migration {
  sql: string;
}

/** The table that records applied migrations (created before any of them runs). */
export const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** Every migration, oldest first. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'accounts, API keys, tokens and idempotency records',
    sql: `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL
);
CREATE TABLE api_keys (
  lookup TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  livemode BOOLEAN NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  display TEXT NOT NULL,
  created BIGINT NOT NULL
);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  livemode BOOLEAN NOT NULL,
  type TEXT NOT NULL,
  created BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used BOOLEAN NOT NULL DEFAULT FALSE,
  public_json TEXT NOT NULL,
  sealed BYTEA
);
CREATE INDEX tokens_sealed_expiry ON tokens (expires_at) WHERE sealed IS NOT NULL;
CREATE INDEX tokens_expiry ON tokens (expires_at);
CREATE TABLE idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  params_hash TEXT NOT NULL,
  status_code INTEGER,
  body TEXT,
  created BIGINT NOT NULL,
  locked_at BIGINT,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_created ON idempotency (created);
`,
  },
  {
    version: 2,
    name: 'idempotent token replies refer to their token instead of copying it',
    sql: `ALTER TABLE idempotency ADD COLUMN token_id TEXT`,
  },
  {
    version: 3,
    name: 'the CVC sealed on its own, erased before the token expires',
    sql: `
ALTER TABLE tokens ADD COLUMN sealed_cvc BYTEA, ADD COLUMN cvc_expires_at BIGINT;
CREATE INDEX tokens_cvc_expiry ON tokens (cvc_expires_at) WHERE sealed_cvc IS NOT NULL`,
  },
  {
    version: 4,
    name: 'publishable keys carry the origins allowed to embed their fields',
    sql: `ALTER TABLE api_keys ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '[]'`,
  },
  {
    version: 5,
    name: 'restricted keys with their permissions, and the append-only audit log',
    sql: `
ALTER TABLE api_keys DROP CONSTRAINT api_keys_kind_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_kind_check
  CHECK (kind IN ('publishable', 'secret', 'restricted'));
ALTER TABLE api_keys ADD COLUMN permissions TEXT;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_permissions_check
  CHECK ((kind = 'restricted') = (permissions IS NOT NULL));
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time_ms BIGINT NOT NULL,
  action TEXT NOT NULL,
  token_id TEXT NOT NULL,
  key TEXT NOT NULL,
  account_id TEXT NOT NULL,
  livemode BOOLEAN NOT NULL,
  client_ip TEXT,
  request_id TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (time_ms);
CREATE INDEX audit_log_token ON audit_log (token_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: its entries cannot be changed or deleted';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  },
  {
    version: 6,
    name: 'data keys and the fingerprint key wrapped under master keys, for rotation',
    sql: `
CREATE TABLE data_keys (
  key_id TEXT NOT NULL,
  master_key_id TEXT NOT NULL,
  wrapped BYTEA NOT NULL,
  created BIGINT NOT NULL,
  PRIMARY KEY (key_id, master_key_id)
)`,
  },
];
