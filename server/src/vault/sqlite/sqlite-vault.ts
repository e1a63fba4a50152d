/**
 * The embedded SQLite vault (better-sqlite3). One file over 400 lines on purpose: it is one
 * class implementing `Vault`, each method beside the prepared statement it runs; the rows
 * (`rows.ts`), the migrations (`migrations.ts`) and the file checks (`files.ts`) are apart.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
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
  ConnectionStats,
  TokenInsert,
  TokenRecord,
  Vault,
  VaultObserver,
} from '../vault.js';
import { prepareDatabaseFile } from './files.js';
import { MIGRATIONS_TABLE, SQLITE_MIGRATIONS, type SqliteMigration } from './migrations.js';
import { toIdempotencyRecord, type IdempotencyRow } from '../idempotency-row.js';
import {
  toApiKey,
  toAuditRecord,
  toToken,
  type ApiKeyRow,
  type AuditRow,
  type TokenRow,
} from './rows.js';

/** The meta row naming the data key new records are sealed with. */
const CURRENT_DATA_KEY = 'current_data_key';
/** The data key id in a sealed blob's header (bytes 2–9), as lowercase hex. */
const KEY_ID_OF = (column: string) => `lower(hex(substr(${column}, 2, 8)))`;

/**
 * `NORMAL` in WAL mode: a commit is durable once it is in the WAL file, which survives a crash of
 * the process (kill -9); only a power loss or OS crash may roll back the last commits. `FULL`
 * also fsyncs the WAL on every commit and survives power loss at a large write cost.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

/** Where the SQLite vault lives and how it commits. */
export interface SqliteOptions {
  /** The database file (created, mode 0600, when missing). */
  path: string;
  /** Default `NORMAL`. */
  synchronous?: SqliteSynchronous;
  /** The schema's migrations; default {@link SQLITE_MIGRATIONS} (tests pass their own). */
  migrations?: readonly SqliteMigration[];
  /** Told about each committed batch (for metrics). */
  observer?: VaultObserver;
}

interface PendingInsert {
  token: TokenRecord;
  reply: (IdempotencyRef & SavedReply) | undefined;
  authorizedBy: string | undefined;
}

/** Runs synchronous database work, turning a throw into a rejected promise. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Applies the migrations the database lacks, each recorded in the same transaction. */
function migrate(db: Database.Database, migrations: readonly SqliteMigration[]): void {
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const current =
      db
        .prepare<[], { version: number | null }>(
          'SELECT max(version) AS version FROM schema_migrations',
        )
        .get()?.version ?? 0;
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of pendingMigrations(migrations, current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Math.floor(Date.now() / 1000));
    }
  }).immediate();
}

/** The statements of the keyring and of rotation (see `SqliteVault.#keyring`). */
function prepareKeyringStatements(db: Database.Database) {
  return {
    listWrappings: db.prepare<
      [],
      { key_id: string; master_key_id: string; wrapped: Buffer; created: number }
    >('SELECT * FROM data_keys ORDER BY created, key_id, master_key_id'),
    insertWrapping: db.prepare(
      'INSERT INTO data_keys (key_id, master_key_id, wrapped, created) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    claimCurrent: db.prepare(
      `INSERT INTO meta (key, value) VALUES ('${CURRENT_DATA_KEY}', ?) ON CONFLICT DO NOTHING`,
    ),
    moveCurrent: db.prepare(
      `UPDATE meta SET value = ? WHERE key = '${CURRENT_DATA_KEY}' AND value = ?`,
    ),
    deleteWrappings: db.prepare(
      'DELETE FROM data_keys WHERE master_key_id = ? OR key_id IN (SELECT value FROM json_each(?))',
    ),
    countSealedByKey: db.prepare<[], { key_id: string; n: number }>(
      `SELECT key_id, count(*) AS n FROM (
           SELECT ${KEY_ID_OF('sealed')} AS key_id FROM tokens WHERE sealed IS NOT NULL
           UNION ALL
           SELECT ${KEY_ID_OF('sealed_cvc')} FROM tokens WHERE sealed_cvc IS NOT NULL)
         GROUP BY key_id`,
    ),
    findSealedNotUnder: db.prepare<
      [string, string, string, number],
      { id: string; sealed: Buffer | null; sealed_cvc: Buffer | null }
    >(
      `SELECT id, sealed, sealed_cvc FROM tokens WHERE id > ?
           AND ((sealed IS NOT NULL AND ${KEY_ID_OF('sealed')} <> ?)
             OR (sealed_cvc IS NOT NULL AND ${KEY_ID_OF('sealed_cvc')} <> ?))
         ORDER BY id LIMIT ?`,
    ),
    replaceSealed: db.prepare('UPDATE tokens SET sealed = ? WHERE id = ? AND sealed = ?'),
    replaceSealedCvc: db.prepare(
      'UPDATE tokens SET sealed_cvc = ? WHERE id = ? AND sealed_cvc = ?',
    ),
  };
}

type KeyringStatements = ReturnType<typeof prepareKeyringStatements>;

/**
 * Opens (creating and migrating if needed) the embedded vault: one SQLite file in WAL mode
 * through better-sqlite3. Rejects when the file cannot be opened or its schema is newer than
 * this release knows.
 */
export function openSqliteVault(options: SqliteOptions): Promise<SqliteVault> {
  return settle(() => new SqliteVault(options));
}

/** The embedded vault; open it with {@link openSqliteVault}. */
export class SqliteVault implements Vault {
  readonly #db: Database.Database;
  readonly #statements;
  readonly #inserts: GroupCommit<PendingInsert, TokenInsert>;

  /** Opens the database synchronously; prefer {@link openSqliteVault}, which rejects instead. */
  constructor(options: SqliteOptions) {
    prepareDatabaseFile(options.path);
    const db = new Database(options.path);
    try {
      // Lets deleted rows give their space back. It takes effect only on a new database, and
      // only before anything else writes its first page (switching to WAL does).
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // Erased data is overwritten with zeros in its page, not just marked free (see eraseResidue).
      db.pragma('secure_delete = ON');
      migrate(db, options.migrations ?? SQLITE_MIGRATIONS);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    this.#statements = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      insertMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      insertAccount: db.prepare('INSERT INTO accounts (id, created) VALUES (?, ?)'),
      hasAccount: db.prepare<[string], { id: string }>('SELECT id FROM accounts WHERE id = ?'),
      insertApiKey: db.prepare(
        'INSERT INTO api_keys (lookup, account_id, livemode, kind, display, allowed_origins, created, permissions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      findApiKey: db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE lookup = ?'),
      updateAllowedOrigins: db.prepare<[string, string], ApiKeyRow>(
        "UPDATE api_keys SET allowed_origins = ? WHERE lookup = ? AND kind = 'publishable' RETURNING *",
      ),
      deleteApiKey: db.prepare<[string], ApiKeyRow>(
        'DELETE FROM api_keys WHERE lookup = ? RETURNING *',
      ),
      listApiKeys: db.prepare<[], ApiKeyRow>(
        'SELECT * FROM api_keys ORDER BY created, account_id, livemode, kind',
      ),
      insertToken: db.prepare(
        'INSERT INTO tokens (id, account_id, livemode, type, created, expires_at, used, public_json, sealed, sealed_cvc, cvc_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertTokenIfKey: db.prepare(
        'INSERT INTO tokens (id, account_id, livemode, type, created, expires_at, used, public_json, sealed, sealed_cvc, cvc_expires_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM api_keys WHERE lookup = ?)',
      ),
      findToken: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ?'),
      markUsedAndErase: db.prepare(
        'UPDATE tokens SET used = 1, sealed = NULL, sealed_cvc = NULL WHERE id = ?',
      ),
      eraseSealed: db.prepare('UPDATE tokens SET sealed = NULL, sealed_cvc = NULL WHERE id = ?'),
      eraseExpired: db.prepare(
        'UPDATE tokens SET sealed = NULL, sealed_cvc = NULL WHERE (sealed IS NOT NULL OR sealed_cvc IS NOT NULL) AND expires_at <= ?',
      ),
      eraseExpiredCvcs: db.prepare(
        'UPDATE tokens SET sealed_cvc = NULL WHERE sealed_cvc IS NOT NULL AND cvc_expires_at <= ?',
      ),
      deleteExpired: db.prepare('DELETE FROM tokens WHERE expires_at <= ?'),
      getIdempotency: db.prepare<[string, string], IdempotencyRow>(
        'SELECT params_hash, created, status_code, body, locked_at, token_id FROM idempotency WHERE scope = ? AND key = ?',
      ),
      claimIdempotency: db.prepare(
        'INSERT INTO idempotency (scope, key, params_hash, created, locked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET params_hash = excluded.params_hash, created = excluded.created, locked_at = excluded.locked_at, status_code = NULL, body = NULL, token_id = NULL',
      ),
      completeIdempotency: db.prepare(
        'UPDATE idempotency SET status_code = ?, body = ?, token_id = ?, locked_at = NULL WHERE scope = ? AND key = ?',
      ),
      releaseIdempotency: db.prepare(
        'DELETE FROM idempotency WHERE scope = ? AND key = ? AND status_code IS NULL',
      ),
      purgeIdempotency: db.prepare('DELETE FROM idempotency WHERE created < ?'),
      appendAudit: db.prepare(
        `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      schemaVersion: db.prepare<[], { version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      ),
    };
    const observer = options.observer;
    this.#inserts = new GroupCommit(
      (batch) =>
        settle(() => this.#db.transaction(() => batch.map((item) => this.#insert(item)))()),
      observer?.batchCommitted?.bind(observer),
    );
  }

  ping(): Promise<void> {
    return settle(() => {
      this.#statements.schemaVersion.get();
    });
  }

  /** One connection, no pool. */
  connectionStats(): ConnectionStats | null {
    return null;
  }

  /** The pragmas in force and the schema version, read back from SQLite. */
  describe(): Promise<Record<string, string>> {
    return settle(() => {
      const level = Number(this.#db.pragma('synchronous', { simple: true }));
      return {
        storage: 'sqlite',
        schema_version: String(this.#statements.schemaVersion.get()?.version ?? 0),
        path: this.#db.name,
        journal_mode: String(this.#db.pragma('journal_mode', { simple: true })),
        auto_vacuum:
          ['NONE', 'FULL', 'INCREMENTAL'][
            Number(this.#db.pragma('auto_vacuum', { simple: true }))
          ] ?? 'unknown',
        synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level),
      };
    });
  }

  /** The database file and its WAL, as they are on disk now. */
  storageBytes(): Promise<number> {
    return settle(() => {
      if (!this.#db.open) throw new Error('The database connection is not open.');
      return [this.#db.name, `${this.#db.name}-wal`].reduce((total, file) => {
        try {
          return total + statSync(file).size;
        } catch {
          return total;
        }
      }, 0);
    });
  }

  /** `PRAGMA integrity_check`: "ok" for a sound database. */
  integrityCheck(): Promise<string> {
    return settle(() => String(this.#db.pragma('integrity_check', { simple: true })));
  }

  getMeta(key: string): Promise<string | null> {
    return settle(() => this.#statements.getMeta.get(key)?.value ?? null);
  }

  setMetaIfAbsent(key: string, value: string): Promise<string> {
    return settle(() =>
      this.#db.transaction(() => {
        this.#statements.insertMeta.run(key, value);
        return this.#statements.getMeta.get(key)?.value ?? value;
      })(),
    );
  }

  #keyringPrepared: KeyringStatements | undefined;

  /**
   * The keyring's and rotation's statements, prepared on first use: a database opened with
   * the migrations before the keyring's (tests of older schemas) has no `data_keys` table.
   */
  get #keyring(): KeyringStatements {
    this.#keyringPrepared ??= prepareKeyringStatements(this.#db);
    return this.#keyringPrepared;
  }

  getKeyring(): Promise<StoredKeyring> {
    return settle(() =>
      this.#db.transaction(() => ({
        wrappings: this.#keyring.listWrappings.all().map((row): KeyWrapping => ({
          keyId: row.key_id,
          masterKeyId: row.master_key_id,
          wrapped: row.wrapped,
          created: row.created,
        })),
        currentKeyId: this.#statements.getMeta.get(CURRENT_DATA_KEY)?.value ?? null,
      }))(),
    );
  }

  updateKeyring(
    add: readonly KeyWrapping[],
    currentKeyId: string,
    expectedCurrent: string | null,
  ): Promise<boolean> {
    return settle(() =>
      this.#db
        .transaction(() => {
          const moved =
            expectedCurrent === null
              ? this.#keyring.claimCurrent.run(currentKeyId).changes
              : this.#keyring.moveCurrent.run(currentKeyId, expectedCurrent).changes;
          if (moved === 0) return false;
          for (const w of add) {
            this.#keyring.insertWrapping.run(w.keyId, w.masterKeyId, w.wrapped, w.created);
          }
          return true;
        })
        .immediate(),
    );
  }

  retireMasterKey(masterKeyId: string, dataKeyIds: readonly string[]): Promise<RetireResult> {
    return settle(() => {
      const result = this.#db
        .transaction((): RetireResult => {
          const counts = this.#keyring.countSealedByKey.all();
          const records = counts
            .filter((row) => dataKeyIds.includes(row.key_id))
            .reduce((sum, row) => sum + row.n, 0);
          if (records > 0) return { kind: 'in_use', records };
          const deleted = this.#keyring.deleteWrappings.run(
            masterKeyId,
            JSON.stringify(dataKeyIds),
          ).changes;
          return { kind: 'retired', deleted };
        })
        .immediate();
      // The deleted wrappings are zeroed in their pages (secure_delete); this clears the WAL.
      if (result.kind === 'retired') this.#eraseResidue();
      return result;
    });
  }

  countSealedByKey(): Promise<Map<string, number>> {
    return settle(
      () => new Map(this.#keyring.countSealedByKey.all().map((row) => [row.key_id, row.n])),
    );
  }

  findSealedNotUnder(keyId: string, afterId: string, limit: number): Promise<SealedBlobs[]> {
    return settle(() =>
      this.#keyring.findSealedNotUnder
        .all(afterId, keyId, keyId, limit)
        .map((row) => ({ id: row.id, sealed: row.sealed, sealedCvc: row.sealed_cvc })),
    );
  }

  replaceSealed(replacements: readonly SealedReplacement[]): Promise<number> {
    return settle(() => {
      const replaced = this.#db
        .transaction(() =>
          replacements.reduce((sum, r) => {
            const statement =
              r.column === 'sealed' ? this.#keyring.replaceSealed : this.#keyring.replaceSealedCvc;
            return sum + statement.run(r.new, r.id, r.old).changes;
          }, 0),
        )
        .immediate();
      // The blobs under the old data key are overwritten in their pages and gone from the WAL.
      if (replaced > 0) this.#eraseResidue();
      return replaced;
    });
  }

  insertApiKeys(keys: readonly ApiKeyRecord[], newAccount?: AccountRecord): Promise<KeysInserted> {
    return settle(() => {
      const accountId = keysAccount(keys, newAccount);
      return this.#db
        .transaction((): KeysInserted => {
          if (newAccount) this.#statements.insertAccount.run(newAccount.id, newAccount.created);
          else if (this.#statements.hasAccount.get(accountId) === undefined) {
            return { kind: 'no_such_account' };
          }
          for (const key of keys) {
            this.#statements.insertApiKey.run(
              key.lookup,
              key.accountId,
              key.livemode ? 1 : 0,
              key.kind,
              key.display,
              JSON.stringify(key.allowedOrigins),
              key.created,
              key.permissions === undefined ? null : JSON.stringify(key.permissions),
            );
          }
          return { kind: 'inserted' };
        })
        .immediate();
    });
  }

  findApiKey(lookup: string): Promise<ApiKeyRecord | null> {
    return settle(() => {
      const row = this.#statements.findApiKey.get(lookup);
      return row ? toApiKey(row) : null;
    });
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return settle(() => this.#statements.listApiKeys.all().map(toApiKey));
  }

  deleteApiKey(lookup: string): Promise<ApiKeyRecord | null> {
    return settle(() => {
      const row = this.#statements.deleteApiKey.get(lookup);
      return row ? toApiKey(row) : null;
    });
  }

  updateAllowedOrigins(lookup: string, origins: readonly string[]): Promise<ApiKeyRecord | null> {
    return settle(() => {
      const row = this.#statements.updateAllowedOrigins.get(JSON.stringify(origins), lookup);
      return row ? toApiKey(row) : null;
    });
  }

  /** Group commit (see `../group-commit.ts`): one transaction per batch of concurrent inserts. */
  insertToken(
    token: TokenRecord,
    reply?: IdempotencyRef & SavedReply,
    authorizedBy?: string,
  ): Promise<TokenInsert> {
    return this.#inserts.submit({ token, reply, authorizedBy });
  }

  #insert({ token, reply, authorizedBy }: PendingInsert): TokenInsert {
    const values = [
      token.id,
      token.accountId,
      token.livemode ? 1 : 0,
      token.type,
      token.created,
      token.expiresAt,
      token.used ? 1 : 0,
      token.publicJson,
      token.sealed,
      token.sealedCvc,
      token.cvcExpiresAt,
    ] as const;
    const inserted =
      authorizedBy === undefined
        ? this.#statements.insertToken.run(...values).changes
        : this.#statements.insertTokenIfKey.run(...values, authorizedBy).changes;
    if (inserted === 0) return 'key_revoked';
    if (reply) this.#complete(reply);
    return 'inserted';
  }

  findToken(id: string): Promise<TokenRecord | null> {
    return settle(() => {
      const row = this.#statements.findToken.get(id);
      return row ? toToken(row) : null;
    });
  }

  consumeToken(
    id: string,
    now: number,
    audit?: Omit<AuditEntry, 'outcome'>,
  ): Promise<ConsumeResult> {
    return settle(() => {
      const decision = this.#db
        .transaction(() => {
          const row = this.#statements.findToken.get(id);
          const token = row
            ? {
                used: row.used === 1,
                expiresAt: row.expires_at,
                sealed: row.sealed,
                sealedCvc: row.sealed_cvc,
                cvcExpiresAt: row.cvc_expires_at,
              }
            : null;
          const decided = decideConsume(token, now);
          if (decided.write === 'mark_used_and_erase') this.#statements.markUsedAndErase.run(id);
          if (decided.write === 'erase') this.#statements.eraseSealed.run(id);
          if (audit) this.#appendAudit({ ...audit, outcome: consumeOutcome(decided.result) });
          return decided;
        })
        .immediate();
      if (decision.write !== 'none') this.#eraseResidue();
      return decision.result;
    });
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return settle(() => {
      this.#appendAudit(entry);
    });
  }

  listAudit(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    return settle(() => {
      const { sql, values } = auditListQuery(filter, () => '?');
      return this.#db
        .prepare<unknown[], AuditRow>(sql)
        .all(...values)
        .map(toAuditRecord);
    });
  }

  #appendAudit(entry: AuditEntry): void {
    this.#statements.appendAudit.run(...auditValues(entry, (value) => (value ? 1 : 0)));
  }

  eraseExpiredSecrets(now: number): Promise<number> {
    return settle(() => {
      const erased = this.#statements.eraseExpired.run(now).changes;
      if (erased > 0) this.#eraseResidue();
      return erased;
    });
  }

  eraseExpiredCvcs(now: number): Promise<number> {
    return settle(() => {
      const erased = this.#statements.eraseExpiredCvcs.run(now).changes;
      if (erased > 0) this.#eraseResidue();
      return erased;
    });
  }

  deleteExpiredTokens(before: number): Promise<number> {
    return settle(() => {
      const deleted = this.#statements.deleteExpired.run(before).changes;
      if (deleted > 0) {
        // Free pages go back to the file system (a database created with auto_vacuum).
        this.#db.pragma('incremental_vacuum');
        this.#eraseResidue();
      }
      return deleted;
    });
  }

  /**
   * After an erasure, nothing of the sealed data may stay readable on disk. `secure_delete`
   * zeroes it in the page that held it, but in WAL mode the page's older versions are still in
   * the WAL (the insert's frames) and in the database file (until the new version is copied
   * back). A TRUNCATE checkpoint copies the zeroed pages into the database and empties the WAL.
   * If another connection is reading, the checkpoint stops short; the next erasure tries again.
   */
  #eraseResidue(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  beginIdempotent(
    ref: IdempotencyRef,
    paramsHash: string,
    clock: IdempotencyClock,
  ): Promise<IdempotencyBegin> {
    return settle(() =>
      this.#db
        .transaction((): IdempotencyBegin => {
          const row = this.#statements.getIdempotency.get(ref.scope, ref.key);
          const decision = decideIdempotency(
            row ? toIdempotencyRecord(row) : null,
            paramsHash,
            clock,
          );
          if (decision.kind === 'proceed') {
            this.#statements.claimIdempotency.run(
              ref.scope,
              ref.key,
              paramsHash,
              clock.now,
              clock.now,
            );
          }
          return decision;
        })
        .immediate(),
    );
  }

  completeIdempotent(ref: IdempotencyRef & SavedReply): Promise<void> {
    return settle(() => {
      this.#complete(ref);
    });
  }

  releaseIdempotent(ref: IdempotencyRef): Promise<void> {
    return settle(() => {
      this.#statements.releaseIdempotency.run(ref.scope, ref.key);
    });
  }

  purgeIdempotency(before: number): Promise<number> {
    return settle(() => this.#statements.purgeIdempotency.run(before).changes);
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    await this.#inserts.flush();
    this.#db.close();
  }

  #complete(reply: IdempotencyRef & SavedReply): void {
    this.#statements.completeIdempotency.run(
      reply.statusCode,
      reply.body,
      reply.tokenId ?? null,
      reply.scope,
      reply.key,
    );
  }
}
