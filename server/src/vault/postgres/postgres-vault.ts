/**
 * The Postgres vault: several stateless `tessera serve` nodes share one database through it.
 * Every decision that must hold across nodes (single use, idempotency claims, the first
 * master-key id, account and key batches) is taken inside the database, under row locks, by
 * the rules in `../policy.ts`; nothing is decided in a node's memory. SQL takes parameters
 * only, and keeps to what CockroachDB and YugabyteDB accept as well; a transaction that fails
 * with a serialization failure or deadlock is run again (`retry.ts`).
 *
 * One file over 400 lines on purpose: it is one class implementing `Vault`, and each method
 * keeps its SQL beside the transaction and policy call that use it; the SQL shared by methods
 * (the batch insert), the migrations (`migrations.ts`), the rows (`rows.ts`) and the retries
 * (`retry.ts`) are apart already.
 */
import pg from 'pg';
import { ConfigError } from '../../config-error.js';
import { GroupCommit } from '../group-commit.js';
import { pendingMigrations } from '../migrations.js';
import { AUDIT_COLUMNS, auditListQuery, auditValues } from '../audit-query.js';
import { consumeOutcome, decideConsume, decideIdempotency, keysAccount } from '../policy.js';
import type {
  AccountRecord,
  ApiKeyRecord,
  AuditEntry,
  AuditFilter,
  AuditRecord,
  ConnectionStats,
  ConsumeResult,
  IdempotencyBegin,
  IdempotencyClock,
  IdempotencyRef,
  KeysInserted,
  KeyWrapping,
  RetireResult,
  SavedReply,
  SealedBlobs,
  SealedReplacement,
  StoredKeyring,
  TokenInsert,
  TokenRecord,
  Vault,
  VaultObserver,
} from '../vault.js';
import { MIGRATIONS_TABLE, POSTGRES_MIGRATIONS, type PostgresMigration } from './migrations.js';
import { withRetry } from './retry.js';
import { toIdempotencyRecord, type IdempotencyRow } from '../idempotency-row.js';
import {
  toApiKey,
  toAuditRecord,
  toToken,
  type ApiKeyRow,
  type AuditRow,
  type TokenRow,
} from './rows.js';

const ISOLATION_LEVELS = ['READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE'] as const;

/** The isolation level of the vault's transactions. */
export type PostgresIsolation = (typeof ISOLATION_LEVELS)[number];

/** Where the Postgres vault lives and how it connects. */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL, `?options=` and TLS included). */
  url: string;
  /** The most connections this node opens; default {@link DEFAULT_POOL_SIZE}. */
  poolSize?: number;
  /**
   * How long one statement may run, and how long a request waits for a free connection
   * (milliseconds); default {@link DEFAULT_STATEMENT_TIMEOUT_MS}.
   */
  statementTimeoutMs?: number;
  /** Default `READ COMMITTED`; every transaction is retried on 40001 and 40P01 at any level. */
  isolation?: PostgresIsolation;
  /** The schema's migrations; default {@link POSTGRES_MIGRATIONS} (tests pass their own). */
  migrations?: readonly PostgresMigration[];
  observer?: VaultObserver;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

/** The advisory lock that serialises migrations (with the schema's hash as second key). */
const MIGRATION_LOCK = 0x7e55e4a;
/** Rows a sweep statement takes at once, so a sweep never holds many locks for long. */
const SWEEP_BATCH = 500;

type Queryable = pg.Pool | pg.PoolClient;

/** The URL with its password masked, for logs and errors. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * Opens the pool, checks that the database answers, and applies the migrations it lacks.
 * Several nodes starting at once migrate once: the migration transaction holds an advisory
 * lock. Rejects (with the pool closed) when the database cannot be reached or is newer than
 * this release knows.
 */
export async function openPostgresVault(options: PostgresOptions): Promise<PostgresVault> {
  const vault = new PostgresVault(options);
  try {
    await vault.migrate(options.migrations ?? POSTGRES_MIGRATIONS);
  } catch (error) {
    await vault.close();
    if (error instanceof ConfigError) throw error;
    // What the operator must fix (an unreachable host, a wrong password, a missing database),
    // said with the URL it was about and without its password.
    throw new ConfigError(
      `Cannot open the Postgres vault at ${describeUrl(options.url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return vault;
}

interface PendingInsert {
  token: TokenRecord;
  reply: (IdempotencyRef & SavedReply) | undefined;
  authorizedBy: string | undefined;
}

/**
 * Inserts a batch of tokens and completes their idempotency records in one statement: one round
 * trip and one commit for the whole batch. `unnest` turns the column arrays into rows. A token
 * with a `key_lookup` is inserted only while that API key exists (a key revoked on any node
 * stops at once), and its idempotency record is completed only when it was inserted; the
 * statement returns the ids it inserted.
 */
const INSERT_BATCH = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::bigint[],
                       $6::bigint[], $7::boolean[], $8::text[], $9::bytea[], $10::text[],
                       $17::bytea[], $18::bigint[])
    AS t (id, account_id, livemode, type, created, expires_at, used, public_json, sealed, key_lookup,
          sealed_cvc, cvc_expires_at)
), new_tokens AS (
  INSERT INTO tokens (id, account_id, livemode, type, created, expires_at, used, public_json, sealed,
                      sealed_cvc, cvc_expires_at)
  SELECT id, account_id, livemode, type, created, expires_at, used, public_json, sealed,
         sealed_cvc, cvc_expires_at
  FROM input
  WHERE key_lookup IS NULL
     OR EXISTS (SELECT 1 FROM api_keys WHERE api_keys.lookup = input.key_lookup)
  RETURNING id
), replies AS (
  UPDATE idempotency AS i
  SET status_code = r.status_code, body = r.body, token_id = r.token_id, locked_at = NULL
  FROM unnest($11::text[], $12::text[], $13::integer[], $14::text[], $15::text[], $16::text[])
    AS r (scope, key, status_code, body, token_id, for_token)
  WHERE i.scope = r.scope AND i.key = r.key
    AND r.for_token IN (SELECT id FROM new_tokens)
  RETURNING 1
)
SELECT id, (SELECT count(*) FROM replies) AS replies FROM new_tokens`;

/** The meta row naming the data key new records are sealed with. */
const CURRENT_DATA_KEY = 'current_data_key';
/** The data key id in a sealed blob's header (bytes 2–9), as lowercase hex. */
const KEY_ID_OF = (column: string) => `encode(substring(${column} from 2 for 8), 'hex')`;
const COUNT_SEALED_BY_KEY = `
SELECT key_id, count(*) AS n FROM (
  SELECT ${KEY_ID_OF('sealed')} AS key_id FROM tokens WHERE sealed IS NOT NULL
  UNION ALL
  SELECT ${KEY_ID_OF('sealed_cvc')} FROM tokens WHERE sealed_cvc IS NOT NULL) AS blobs
GROUP BY key_id`;

const IDEMPOTENCY_COLUMNS = 'params_hash, created, status_code, body, locked_at, token_id';

/** Rolls a retirement back: records still need the keys it would delete. */
class InUse extends Error {
  constructor(readonly records: number) {
    super(`${String(records)} records still need the keys`);
  }
}

const APPEND_AUDIT = `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** The shared vault; open it with {@link openPostgresVault}. */
export class PostgresVault implements Vault {
  readonly #pool: pg.Pool;
  readonly #isolation: PostgresIsolation;
  readonly #observer: VaultObserver | undefined;
  readonly #inserts: GroupCommit<PendingInsert, TokenInsert>;
  readonly #url: string;
  readonly #statementTimeoutMs: number;
  #closed = false;

  /** Creates the pool without connecting; prefer {@link openPostgresVault}. */
  constructor(options: PostgresOptions) {
    this.#url = options.url;
    this.#isolation = options.isolation ?? 'READ COMMITTED';
    if (!ISOLATION_LEVELS.includes(this.#isolation)) {
      throw new TypeError(`Unknown isolation level: ${this.#isolation}`);
    }
    this.#observer = options.observer;
    this.#statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.#pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      statement_timeout: this.#statementTimeoutMs,
      // A transaction left open by a node that stopped mid-way gives its locks back.
      idle_in_transaction_session_timeout: Math.max(10_000, this.#statementTimeoutMs * 2),
      connectionTimeoutMillis: this.#statementTimeoutMs,
      application_name: 'tessera',
    });
    // An idle connection that breaks (the database restarted) is dropped and replaced; without
    // a listener its 'error' would end the process.
    this.#pool.on('error', (error) => this.#observer?.connectionError?.(error));
    this.#inserts = new GroupCommit(
      (batch) => this.#retry(() => this.#insertBatch(batch)),
      this.#observer?.batchCommitted?.bind(this.#observer),
    );
  }

  /** Applies the migrations the database lacks, each recorded in the same transaction. */
  async migrate(migrations: readonly PostgresMigration[]): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [
        MIGRATION_LOCK,
      ]);
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      for (const migration of pendingMigrations(migrations, rows[0]?.version ?? 0)) {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
          [migration.version, migration.name, Math.floor(Date.now() / 1000)],
        );
      }
    }, 'READ COMMITTED');
  }

  async describe(): Promise<Record<string, string>> {
    const { rows } = await this.#query<{ version: number | null; server_version: string }>(
      this.#pool,
      "SELECT (SELECT max(version) FROM schema_migrations) AS version, current_setting('server_version') AS server_version",
    );
    return {
      storage: 'postgres',
      schema_version: String(rows[0]?.version ?? 0),
      url: describeUrl(this.#url),
      server_version: rows[0]?.server_version ?? 'unknown',
      isolation: this.#isolation,
      pool_size: String(this.#pool.options.max),
      statement_timeout_ms: String(this.#statementTimeoutMs),
    };
  }

  /** The vault's tables and their indexes, in the current schema. */
  async storageBytes(): Promise<number> {
    const { rows } = await this.#query<{ bytes: string | null }>(
      this.#pool,
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r'
         AND c.relname IN ('meta', 'accounts', 'api_keys', 'tokens', 'idempotency', 'audit_log', 'schema_migrations', 'data_keys')`,
    );
    return Number(rows[0]?.bytes ?? 0);
  }

  async ping(): Promise<void> {
    await this.#query(this.#pool, 'SELECT 1');
  }

  connectionStats(): ConnectionStats {
    return {
      total: this.#pool.totalCount,
      idle: this.#pool.idleCount,
      waiting: this.#pool.waitingCount,
      max: this.#pool.options.max,
    };
  }

  async getMeta(key: string): Promise<string | null> {
    const { rows } = await this.#query<{ value: string }>(
      this.#pool,
      'SELECT value FROM meta WHERE key = $1',
      [key],
    );
    return rows[0]?.value ?? null;
  }

  /**
   * Two statements, each its own transaction: the insert waits for a concurrent insert of the
   * same key to commit and then does nothing, and the select that follows sees whichever
   * value won.
   */
  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    await this.#query(
      this.#pool,
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, value],
    );
    return (await this.getMeta(key)) ?? value;
  }

  getKeyring(): Promise<StoredKeyring> {
    // One snapshot for both reads.
    return this.#transaction(async (client) => {
      const { rows } = await client.query<{
        key_id: string;
        master_key_id: string;
        wrapped: Buffer;
        created: string;
      }>('SELECT * FROM data_keys ORDER BY created, key_id, master_key_id');
      const current = await client.query<{ value: string }>(
        'SELECT value FROM meta WHERE key = $1',
        [CURRENT_DATA_KEY],
      );
      return {
        wrappings: rows.map((row): KeyWrapping => ({
          keyId: row.key_id,
          masterKeyId: row.master_key_id,
          wrapped: row.wrapped,
          created: Number(row.created),
        })),
        currentKeyId: current.rows[0]?.value ?? null,
      };
    }, 'REPEATABLE READ');
  }

  /**
   * The meta row is the guard: a concurrent claim or move of it waits for this one to commit
   * and then changes nothing, so exactly one of them stores its keys.
   */
  updateKeyring(
    add: readonly KeyWrapping[],
    currentKeyId: string,
    expectedCurrent: string | null,
  ): Promise<boolean> {
    return this.#transaction(async (client) => {
      const moved =
        expectedCurrent === null
          ? await client.query(
              'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
              [CURRENT_DATA_KEY, currentKeyId],
            )
          : await client.query('UPDATE meta SET value = $2 WHERE key = $1 AND value = $3', [
              CURRENT_DATA_KEY,
              currentKeyId,
              expectedCurrent,
            ]);
      if (moved.rowCount === 0) return false;
      for (const w of add) {
        await client.query(
          'INSERT INTO data_keys (key_id, master_key_id, wrapped, created) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [w.keyId, w.masterKeyId, w.wrapped, w.created],
        );
      }
      return true;
    });
  }

  /**
   * The wrappings are deleted and the records counted in one transaction, which rolls back
   * when a record still needs one of the keys. (A node still sealing with one of them at that
   * very moment, one that runs on the retired master key, could slip past the count: the
   * procedure restarts every node with the new key first; see the README.)
   */
  retireMasterKey(masterKeyId: string, dataKeyIds: readonly string[]): Promise<RetireResult> {
    return this.#transaction(async (client): Promise<RetireResult> => {
      const deleted = await client.query(
        'DELETE FROM data_keys WHERE master_key_id = $1 OR key_id = ANY($2::text[])',
        [masterKeyId, dataKeyIds],
      );
      const { rows } = await client.query<{ key_id: string; n: string }>(COUNT_SEALED_BY_KEY);
      const records = rows
        .filter((row) => dataKeyIds.includes(row.key_id))
        .reduce((sum, row) => sum + Number(row.n), 0);
      if (records > 0) throw new InUse(records);
      return { kind: 'retired', deleted: deleted.rowCount ?? 0 };
    }).catch((error: unknown) => {
      if (error instanceof InUse) return { kind: 'in_use', records: error.records };
      throw error;
    });
  }

  async countSealedByKey(): Promise<Map<string, number>> {
    const { rows } = await this.#query<{ key_id: string; n: string }>(
      this.#pool,
      COUNT_SEALED_BY_KEY,
    );
    return new Map(rows.map((row) => [row.key_id, Number(row.n)]));
  }

  async findSealedNotUnder(keyId: string, afterId: string, limit: number): Promise<SealedBlobs[]> {
    const { rows } = await this.#query<Pick<TokenRow, 'id' | 'sealed' | 'sealed_cvc'>>(
      this.#pool,
      `SELECT id, sealed, sealed_cvc FROM tokens WHERE id > $1
         AND ((sealed IS NOT NULL AND ${KEY_ID_OF('sealed')} <> $2)
           OR (sealed_cvc IS NOT NULL AND ${KEY_ID_OF('sealed_cvc')} <> $2))
       ORDER BY id LIMIT $3`,
      [afterId, keyId, limit],
    );
    return rows.map((row) => ({ id: row.id, sealed: row.sealed, sealedCvc: row.sealed_cvc }));
  }

  /** Each update compares the blob (`WHERE sealed = old`): a concurrent detokenize or erasure wins. */
  replaceSealed(replacements: readonly SealedReplacement[]): Promise<number> {
    return this.#transaction(async (client) => {
      let replaced = 0;
      for (const r of replacements) {
        const column = r.column === 'sealed' ? 'sealed' : 'sealed_cvc';
        const { rowCount } = await client.query(
          `UPDATE tokens SET ${column} = $1 WHERE id = $2 AND ${column} = $3`,
          [r.new, r.id, r.old],
        );
        replaced += rowCount ?? 0;
      }
      return replaced;
    });
  }

  async insertApiKeys(
    keys: readonly ApiKeyRecord[],
    newAccount?: AccountRecord,
  ): Promise<KeysInserted> {
    const accountId = keysAccount(keys, newAccount);
    return this.#transaction(async (client): Promise<KeysInserted> => {
      if (newAccount) {
        await client.query('INSERT INTO accounts (id, created) VALUES ($1, $2)', [
          newAccount.id,
          newAccount.created,
        ]);
      } else {
        const found = await client.query('SELECT 1 FROM accounts WHERE id = $1', [accountId]);
        if (found.rowCount === 0) return { kind: 'no_such_account' };
      }
      for (const key of keys) {
        await client.query(
          'INSERT INTO api_keys (lookup, account_id, livemode, kind, display, allowed_origins, created, permissions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [
            key.lookup,
            key.accountId,
            key.livemode,
            key.kind,
            key.display,
            JSON.stringify(key.allowedOrigins),
            key.created,
            key.permissions === undefined ? null : JSON.stringify(key.permissions),
          ],
        );
      }
      return { kind: 'inserted' };
    });
  }

  async findApiKey(lookup: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.#query<ApiKeyRow>(
      this.#pool,
      'SELECT * FROM api_keys WHERE lookup = $1',
      [lookup],
    );
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  async deleteApiKey(lookup: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.#query<ApiKeyRow>(
      this.#pool,
      'DELETE FROM api_keys WHERE lookup = $1 RETURNING *',
      [lookup],
    );
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  async updateAllowedOrigins(
    lookup: string,
    origins: readonly string[],
  ): Promise<ApiKeyRecord | null> {
    const { rows } = await this.#query<ApiKeyRow>(
      this.#pool,
      "UPDATE api_keys SET allowed_origins = $1 WHERE lookup = $2 AND kind = 'publishable' RETURNING *",
      [JSON.stringify(origins), lookup],
    );
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.#query<ApiKeyRow>(
      this.#pool,
      'SELECT * FROM api_keys ORDER BY created, account_id, livemode, kind',
    );
    return rows.map(toApiKey);
  }

  /** Group commit (see `../group-commit.ts`): one statement and one commit per batch. */
  insertToken(
    token: TokenRecord,
    reply?: IdempotencyRef & SavedReply,
    authorizedBy?: string,
  ): Promise<TokenInsert> {
    if (this.#closed) return Promise.reject(new Error('The Postgres vault is closed.'));
    return this.#inserts.submit({ token, reply, authorizedBy });
  }

  async #insertBatch(batch: readonly PendingInsert[]): Promise<TokenInsert[]> {
    const tokens = batch.map((item) => item.token);
    const replies = batch.flatMap((item) =>
      item.reply ? [{ ...item.reply, forToken: item.token.id }] : [],
    );
    const { rows } = await this.#pool.query<{ id: string }>(INSERT_BATCH, [
      tokens.map((t) => t.id),
      tokens.map((t) => t.accountId),
      tokens.map((t) => t.livemode),
      tokens.map((t) => t.type),
      tokens.map((t) => t.created),
      tokens.map((t) => t.expiresAt),
      tokens.map((t) => t.used),
      tokens.map((t) => t.publicJson),
      tokens.map((t) => t.sealed),
      batch.map((item) => item.authorizedBy ?? null),
      replies.map((r) => r.scope),
      replies.map((r) => r.key),
      replies.map((r) => r.statusCode),
      replies.map((r) => r.body),
      replies.map((r) => r.tokenId ?? null),
      replies.map((r) => r.forToken),
      tokens.map((t) => t.sealedCvc),
      tokens.map((t) => t.cvcExpiresAt),
    ]);
    const inserted = new Set(rows.map((row) => row.id));
    return tokens.map((t) => (inserted.has(t.id) ? 'inserted' : 'key_revoked'));
  }

  async findToken(id: string): Promise<TokenRecord | null> {
    const { rows } = await this.#query<TokenRow>(this.#pool, 'SELECT * FROM tokens WHERE id = $1', [
      id,
    ]);
    return rows[0] ? toToken(rows[0]) : null;
  }

  /** The row is locked (`FOR UPDATE`) while the policy decides: one caller on any node wins. */
  consumeToken(
    id: string,
    now: number,
    audit?: Omit<AuditEntry, 'outcome'>,
  ): Promise<ConsumeResult> {
    return this.#transaction(async (client) => {
      const { rows } = await client.query<
        Pick<TokenRow, 'used' | 'expires_at' | 'sealed' | 'sealed_cvc' | 'cvc_expires_at'>
      >(
        'SELECT used, expires_at, sealed, sealed_cvc, cvc_expires_at FROM tokens WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = rows[0];
      const decided = decideConsume(
        row
          ? {
              used: row.used,
              expiresAt: Number(row.expires_at),
              sealed: row.sealed,
              sealedCvc: row.sealed_cvc,
              cvcExpiresAt: row.cvc_expires_at === null ? null : Number(row.cvc_expires_at),
            }
          : null,
        now,
      );
      if (decided.write === 'mark_used_and_erase') {
        await client.query(
          'UPDATE tokens SET used = TRUE, sealed = NULL, sealed_cvc = NULL WHERE id = $1',
          [id],
        );
      } else if (decided.write === 'erase') {
        await client.query('UPDATE tokens SET sealed = NULL, sealed_cvc = NULL WHERE id = $1', [
          id,
        ]);
      }
      if (audit) {
        await client.query(
          APPEND_AUDIT,
          auditValues({ ...audit, outcome: consumeOutcome(decided.result) }, Boolean),
        );
      }
      return decided.result;
    });
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.#query(this.#pool, APPEND_AUDIT, auditValues(entry, Boolean));
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const { sql, values } = auditListQuery(filter, (index) => `$${String(index)}`);
    const { rows } = await this.#query<AuditRow>(this.#pool, sql, values);
    return rows.map(toAuditRecord);
  }

  /**
   * In batches of rows locked with `SKIP LOCKED`: nodes sweeping at the same time take
   * different rows, so none is erased twice or counted twice, and none is left behind (a row
   * locked by a request being consumed is erased by that request or by the next sweep).
   */
  eraseExpiredSecrets(now: number): Promise<number> {
    return this.#sweep(
      `UPDATE tokens SET sealed = NULL, sealed_cvc = NULL WHERE id IN (
         SELECT id FROM tokens
         WHERE (sealed IS NOT NULL OR sealed_cvc IS NOT NULL) AND expires_at <= $1
         ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    );
  }

  /** Like {@link eraseExpiredSecrets}: batches locked with `SKIP LOCKED`. */
  eraseExpiredCvcs(now: number): Promise<number> {
    return this.#sweep(
      `UPDATE tokens SET sealed_cvc = NULL WHERE id IN (
         SELECT id FROM tokens WHERE sealed_cvc IS NOT NULL AND cvc_expires_at <= $1
         ORDER BY cvc_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    );
  }

  deleteExpiredTokens(before: number): Promise<number> {
    return this.#sweep(
      `DELETE FROM tokens WHERE id IN (
         SELECT id FROM tokens WHERE expires_at <= $1
         ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      before,
    );
  }

  purgeIdempotency(before: number): Promise<number> {
    return this.#sweep(
      `DELETE FROM idempotency WHERE (scope, key) IN (
         SELECT scope, key FROM idempotency WHERE created < $1
         ORDER BY created LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      before,
    );
  }

  /** Runs a batched sweep statement until a batch comes back short; returns the rows it took. */
  async #sweep(sql: string, time: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.#query(this.#pool, sql, [time, SWEEP_BATCH]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < SWEEP_BATCH) return total;
    }
  }

  /**
   * Reads the key's record under a row lock and lets the policy decide. When there is no
   * record, the claim is an insert that does nothing if another node inserted the key first;
   * then the decision is taken again on that node's record.
   */
  beginIdempotent(
    ref: IdempotencyRef,
    paramsHash: string,
    clock: IdempotencyClock,
  ): Promise<IdempotencyBegin> {
    return this.#transaction(async (client) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const { rows } = await client.query<IdempotencyRow>(
          `SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency WHERE scope = $1 AND key = $2 FOR UPDATE`,
          [ref.scope, ref.key],
        );
        const row = rows[0];
        if (!row) {
          const inserted = await client.query(
            'INSERT INTO idempotency (scope, key, params_hash, created, locked_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (scope, key) DO NOTHING',
            [ref.scope, ref.key, paramsHash, clock.now],
          );
          if (inserted.rowCount === 1) return { kind: 'proceed' };
          continue;
        }
        const decision = decideIdempotency(toIdempotencyRecord(row), paramsHash, clock);
        if (decision.kind === 'proceed') {
          await client.query(
            'UPDATE idempotency SET params_hash = $3, created = $4, locked_at = $4, status_code = NULL, body = NULL, token_id = NULL WHERE scope = $1 AND key = $2',
            [ref.scope, ref.key, paramsHash, clock.now],
          );
        }
        return decision;
      }
      throw new Error('An idempotency record kept changing while it was being claimed.');
    });
  }

  async completeIdempotent(ref: IdempotencyRef & SavedReply): Promise<void> {
    await this.#query(
      this.#pool,
      'UPDATE idempotency SET status_code = $1, body = $2, token_id = $3, locked_at = NULL WHERE scope = $4 AND key = $5',
      [ref.statusCode, ref.body, ref.tokenId ?? null, ref.scope, ref.key],
    );
  }

  async releaseIdempotent(ref: IdempotencyRef): Promise<void> {
    await this.#query(
      this.#pool,
      'DELETE FROM idempotency WHERE scope = $1 AND key = $2 AND status_code IS NULL',
      [ref.scope, ref.key],
    );
  }

  /** Commits the last batch, then closes every connection; later calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#inserts.flush();
    await this.#pool.end();
  }

  /** One statement (its own transaction), retried on a serialization failure or deadlock. */
  #query<Row extends pg.QueryResultRow>(
    on: Queryable,
    sql: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<Row>> {
    if (this.#closed) return Promise.reject(new Error('The Postgres vault is closed.'));
    return this.#retry(() => on.query<Row>(sql, values));
  }

  #retry<T>(attempt: () => Promise<T>): Promise<T> {
    return withRetry(attempt, (code) => this.#observer?.retried?.(code));
  }

  /**
   * Runs `work` in a transaction on one pooled connection, at the vault's isolation level
   * unless `isolation` says otherwise; the whole transaction runs again on 40001 or 40P01.
   */
  #transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    isolation: PostgresIsolation = this.#isolation,
  ): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The Postgres vault is closed.'));
    return this.#retry(async () => {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // The connection is unusable: the pool must not hand it out again.
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }
}
