import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type {
  ApiKeyRecord,
  ConsumeResult,
  IdempotencyBegin,
  IdempotencyClock,
  IdempotencyRef,
  SavedReply,
  TokenRecord,
  Vault,
} from './vault.js';

/**
 * `NORMAL` in WAL mode: a commit is durable once it is in the WAL file, which survives a crash of
 * the process (kill -9); only a power loss or OS crash may roll back the last commits. `FULL`
 * also fsyncs the WAL on every commit and survives power loss at a large write cost.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

const SCHEMA = `
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
`;

interface ApiKeyRow {
  lookup: string;
  account_id: string;
  livemode: number;
  kind: 'publishable' | 'secret';
  display: string;
  created: number;
}

interface TokenRow {
  id: string;
  account_id: string;
  livemode: number;
  type: TokenRecord['type'];
  created: number;
  expires_at: number;
  used: number;
  public_json: string;
  sealed: Buffer | null;
}

interface IdempotencyRow {
  params_hash: string;
  created: number;
  status_code: number | null;
  body: string | null;
  locked_at: number | null;
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    lookup: row.lookup,
    accountId: row.account_id,
    livemode: row.livemode === 1,
    kind: row.kind,
    display: row.display,
    created: row.created,
  };
}

function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    livemode: row.livemode === 1,
    type: row.type,
    created: row.created,
    expiresAt: row.expires_at,
    used: row.used === 1,
    publicJson: row.public_json,
    sealed: row.sealed,
  };
}

/** A record is free once it expired, or when its request died before saving a reply. */
function isClaimable(row: IdempotencyRow, clock: IdempotencyClock): boolean {
  if (row.created < clock.expiredBefore) return true;
  return row.status_code === null && (row.locked_at ?? 0) < clock.staleBefore;
}

interface PendingInsert {
  token: TokenRecord;
  reply: (IdempotencyRef & SavedReply) | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The embedded vault: one SQLite file in WAL mode through better-sqlite3. */
export class SqliteVault implements Vault {
  readonly #db: Database.Database;
  readonly #statements;
  #pendingInserts: PendingInsert[] = [];

  /** Opens (creating if needed) the database at `path`. */
  constructor(path: string, options: { synchronous?: SqliteSynchronous } = {}) {
    // Created owner-only (SQLite gives its -wal and -shm files the same mode): token rows are
    // not secret, but nobody else has a reason to read them.
    closeSync(openSync(path, 'a', 0o600));
    const db = new Database(path);
    this.#db = db;
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.#statements = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      insertMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      insertAccount: db.prepare('INSERT INTO accounts (id, created) VALUES (?, ?)'),
      hasAccount: db.prepare<[string], { id: string }>('SELECT id FROM accounts WHERE id = ?'),
      insertApiKey: db.prepare(
        'INSERT INTO api_keys (lookup, account_id, livemode, kind, display, created) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      findApiKey: db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE lookup = ?'),
      listApiKeys: db.prepare<[], ApiKeyRow>(
        'SELECT * FROM api_keys ORDER BY created, account_id, livemode, kind',
      ),
      insertToken: db.prepare(
        'INSERT INTO tokens (id, account_id, livemode, type, created, expires_at, used, public_json, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      findToken: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ?'),
      eraseToken: db.prepare('UPDATE tokens SET used = 1, sealed = NULL WHERE id = ?'),
      eraseSealed: db.prepare('UPDATE tokens SET sealed = NULL WHERE id = ?'),
      eraseExpired: db.prepare(
        'UPDATE tokens SET sealed = NULL WHERE sealed IS NOT NULL AND expires_at <= ?',
      ),
      getIdempotency: db.prepare<[string, string], IdempotencyRow>(
        'SELECT params_hash, created, status_code, body, locked_at FROM idempotency WHERE scope = ? AND key = ?',
      ),
      claimIdempotency: db.prepare(
        'INSERT INTO idempotency (scope, key, params_hash, created, locked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET params_hash = excluded.params_hash, created = excluded.created, locked_at = excluded.locked_at, status_code = NULL, body = NULL',
      ),
      completeIdempotency: db.prepare(
        'UPDATE idempotency SET status_code = ?, body = ?, locked_at = NULL WHERE scope = ? AND key = ?',
      ),
      releaseIdempotency: db.prepare(
        'DELETE FROM idempotency WHERE scope = ? AND key = ? AND status_code IS NULL',
      ),
      purgeIdempotency: db.prepare('DELETE FROM idempotency WHERE created < ?'),
    };
  }

  /** The pragmas in force, read back from SQLite. */
  describe(): Promise<Record<string, string>> {
    const level = Number(this.#db.pragma('synchronous', { simple: true }));
    return Promise.resolve({
      storage: 'sqlite',
      path: this.#db.name,
      journal_mode: String(this.#db.pragma('journal_mode', { simple: true })),
      synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level),
    });
  }

  /** `PRAGMA integrity_check`: "ok" for a sound database. */
  integrityCheck(): string {
    return String(this.#db.pragma('integrity_check', { simple: true }));
  }

  getMeta(key: string): Promise<string | null> {
    return Promise.resolve(this.#statements.getMeta.get(key)?.value ?? null);
  }

  setMetaIfAbsent(key: string, value: string): Promise<string> {
    const stored = this.#db.transaction(() => {
      this.#statements.insertMeta.run(key, value);
      return this.#statements.getMeta.get(key)?.value ?? value;
    })();
    return Promise.resolve(stored);
  }

  createAccount(id: string, created: number): Promise<void> {
    this.#statements.insertAccount.run(id, created);
    return Promise.resolve();
  }

  hasAccount(id: string): Promise<boolean> {
    return Promise.resolve(this.#statements.hasAccount.get(id) !== undefined);
  }

  insertApiKey(key: ApiKeyRecord): Promise<void> {
    this.#statements.insertApiKey.run(
      key.lookup,
      key.accountId,
      key.livemode ? 1 : 0,
      key.kind,
      key.display,
      key.created,
    );
    return Promise.resolve();
  }

  findApiKey(lookup: string): Promise<ApiKeyRecord | null> {
    const row = this.#statements.findApiKey.get(lookup);
    return Promise.resolve(row ? toApiKey(row) : null);
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return Promise.resolve(this.#statements.listApiKeys.all().map(toApiKey));
  }

  /**
   * Group commit: inserts that arrive in the same turn of the event loop share one transaction,
   * committed before any of them resolves, so every acknowledged token is durable and a busy
   * server writes one WAL commit per batch instead of one per token.
   */
  insertToken(token: TokenRecord, reply?: IdempotencyRef & SavedReply): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pendingInserts.push({ token, reply, resolve, reject });
      if (this.#pendingInserts.length === 1) {
        setImmediate(() => {
          this.#flushInserts();
        });
      }
    });
  }

  #flushInserts(): void {
    const batch = this.#pendingInserts;
    this.#pendingInserts = [];
    try {
      this.#db.transaction(() => {
        for (const item of batch) this.#insert(item);
      })();
      for (const item of batch) item.resolve();
    } catch {
      // Something in the batch failed: give each insert its own transaction and its own result.
      for (const item of batch) {
        try {
          this.#db.transaction(() => {
            this.#insert(item);
          })();
          item.resolve();
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }

  #insert({ token, reply }: PendingInsert): void {
    this.#statements.insertToken.run(
      token.id,
      token.accountId,
      token.livemode ? 1 : 0,
      token.type,
      token.created,
      token.expiresAt,
      token.used ? 1 : 0,
      token.publicJson,
      token.sealed,
    );
    if (reply) this.#complete(reply);
  }

  findToken(id: string): Promise<TokenRecord | null> {
    const row = this.#statements.findToken.get(id);
    return Promise.resolve(row ? toToken(row) : null);
  }

  consumeToken(id: string, now: number): Promise<ConsumeResult> {
    const result = this.#db.transaction((): ConsumeResult => {
      const row = this.#statements.findToken.get(id);
      if (!row) return { kind: 'missing' };
      if (row.used === 1) return { kind: 'already_used' };
      if (row.sealed === null || row.expires_at <= now) {
        if (row.sealed !== null) this.#statements.eraseSealed.run(id);
        return { kind: 'expired' };
      }
      this.#statements.eraseToken.run(id);
      return { kind: 'consumed', sealed: row.sealed };
    })();
    return Promise.resolve(result);
  }

  eraseExpiredSecrets(now: number): Promise<number> {
    return Promise.resolve(this.#statements.eraseExpired.run(now).changes);
  }

  beginIdempotent(
    ref: IdempotencyRef,
    paramsHash: string,
    clock: IdempotencyClock,
  ): Promise<IdempotencyBegin> {
    const result = this.#db
      .transaction((): IdempotencyBegin => {
        const row = this.#statements.getIdempotency.get(ref.scope, ref.key);
        if (!row || isClaimable(row, clock)) {
          this.#statements.claimIdempotency.run(
            ref.scope,
            ref.key,
            paramsHash,
            clock.now,
            clock.now,
          );
          return { kind: 'proceed' };
        }
        if (row.params_hash !== paramsHash) return { kind: 'mismatch' };
        if (row.status_code === null || row.body === null) return { kind: 'in_flight' };
        return { kind: 'replay', reply: { statusCode: row.status_code, body: row.body } };
      })
      .immediate();
    return Promise.resolve(result);
  }

  completeIdempotent(ref: IdempotencyRef & SavedReply): Promise<void> {
    this.#complete(ref);
    return Promise.resolve();
  }

  releaseIdempotent(ref: IdempotencyRef): Promise<void> {
    this.#statements.releaseIdempotency.run(ref.scope, ref.key);
    return Promise.resolve();
  }

  purgeIdempotency(before: number): Promise<number> {
    return Promise.resolve(this.#statements.purgeIdempotency.run(before).changes);
  }

  close(): Promise<void> {
    if (this.#pendingInserts.length > 0) this.#flushInserts();
    this.#db.close();
    return Promise.resolve();
  }

  #complete(reply: IdempotencyRef & SavedReply): void {
    this.#statements.completeIdempotency.run(reply.statusCode, reply.body, reply.scope, reply.key);
  }
}
