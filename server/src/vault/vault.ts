/**
 * Storage behind one interface. The embedded default is SQLite; a Postgres adapter lets several
 * stateless token servers share one database. Everything correctness-critical (single use,
 * idempotency, keys) is decided by an atomic operation of the store, never in a server's
 * memory; what those decisions mean is written once, in `policy.ts`, and every adapter runs the
 * conformance suite (`server/test/vault/conformance.ts`).
 *
 * Every method returns a promise and reports failure by rejecting it, never by throwing.
 */
import type { TokenType } from 'tessera/validation';

export type { TokenType } from 'tessera/validation';

/**
 * Whether a key is public (browser), secret (merchant backend, every permission) or restricted
 * (merchant backend, the permissions it was created with).
 */
export type KeyKind = 'publishable' | 'secret' | 'restricted';

/** An account: the owner of keys and tokens. */
export interface AccountRecord {
  id: string;
  /** Unix seconds. */
  created: number;
}

/** An API key as stored: publishable keys by value, secret and restricted keys only as a hash. */
export interface ApiKeyRecord {
  /** The publishable key itself, or the SHA-256 hex of the secret or restricted key. */
  lookup: string;
  accountId: string;
  livemode: boolean;
  kind: KeyKind;
  /** What `keys list` shows: the publishable key, or the secret or restricted key masked. */
  display: string;
  /**
   * The origins whose pages may embed a publishable key's fields and ask for its tokens
   * (`https://shop.example`), in the order given. Empty: every origin for a test key, none for
   * a live key. Always empty for a secret key.
   */
  allowedOrigins: string[];
  /** Unix seconds. */
  created: number;
  /**
   * A restricted key's permissions (`services/permissions.ts` says what they mean; a name it
   * does not know grants nothing); absent for the other kinds.
   */
  permissions?: readonly string[];
}

/** What storing API keys did. */
export type KeysInserted = { kind: 'inserted' } | { kind: 'no_such_account' };

/** A stored token. */
export interface TokenRecord {
  id: string;
  accountId: string;
  livemode: boolean;
  type: TokenType;
  /** Unix seconds. */
  created: number;
  /** Unix seconds after which the token can no longer be used and its secrets are erased. */
  expiresAt: number;
  used: boolean;
  /** The token object as first returned (no secrets); `used` is read from its own column. */
  publicJson: string;
  /** The encrypted parameters; null once used or expired. */
  sealed: Buffer | null;
  /**
   * The CVC, encrypted on its own: erased at first use, at the token's expiry, or at
   * `cvcExpiresAt`, whichever comes first. Null when there is none (or no longer).
   */
  sealedCvc: Buffer | null;
  /** Unix seconds after which the CVC is erased; null without one. */
  cvcExpiresAt: number | null;
}

/**
 * What storing a token did: stored it, or refused it because the API key that authorized the
 * request no longer exists (it was revoked, on this node or another, after a node cached it).
 */
export type TokenInsert = 'inserted' | 'key_revoked';

/** What happened when a token was used. */
export type ConsumeResult =
  | { kind: 'consumed'; sealed: Buffer; sealedCvc: Buffer | null }
  | { kind: 'already_used' }
  | { kind: 'expired' }
  | { kind: 'missing' };

/** Which read of a token an audit entry records. */
export type AuditAction = 'retrieve' | 'detokenize';

/**
 * How an audited request ended:
 * - `ok`: the token object (retrieve) or its data (detokenize) was handed out;
 * - `no_such_token`: no token of the key's account has that id;
 * - `livemode_mismatch`: the account's token is of the other mode;
 * - `already_used`, `expired`: detokenize only, the data was used or erased already;
 * - `permission_denied`: the key may not make this request (a restricted key without the
 *   permission, a publishable key);
 * - `from_browser`: a secret or restricted key sent from a browser;
 * - `invalid_request`: refused for its parameters before the token was looked at;
 * - `error`: the server failed (a 5xx).
 */
export type AuditOutcome =
  | 'ok'
  | 'no_such_token'
  | 'livemode_mismatch'
  | 'already_used'
  | 'expired'
  | 'permission_denied'
  | 'from_browser'
  | 'rate_limited'
  | 'invalid_request'
  | 'error';

/** One entry of the audit log, as appended. Never any card data. */
export interface AuditEntry {
  /** Unix milliseconds. */
  time: number;
  action: AuditAction;
  /** The token id as the request named it, card-number-like digit runs masked. */
  tokenId: string;
  /** The API key, masked as in errors (`sk_test_****abcd`). */
  key: string;
  /** The key's account and mode. */
  accountId: string;
  livemode: boolean;
  /** The client's IP address, when it is one. */
  clientIp: string | null;
  /** The request's `Request-Id`. */
  requestId: string;
  outcome: AuditOutcome;
}

/** An audit entry as listed: with its place in the log (1, 2, 3… in the order appended). */
export interface AuditRecord extends AuditEntry {
  id: number;
}

/** Which audit entries to list. */
export interface AuditFilter {
  /** Entries at or after this time (unix milliseconds). */
  since?: number;
  tokenId?: string;
  /** Entries after this id (a cursor: the last id of the previous page). */
  afterId?: number;
  /** At most this many. */
  limit?: number;
}

/**
 * A reply saved for an idempotency key. A token reply is saved as a reference to its token
 * (`tokenId`, `body` empty) and rebuilt from the token's row on replay, so a token's data is
 * stored once; other replies (errors) are saved as they were sent.
 */
export interface SavedReply {
  statusCode: number;
  body: string;
  tokenId?: string;
}

/** What an idempotent request should do. */
export type IdempotencyBegin =
  | { kind: 'proceed' }
  | { kind: 'replay'; reply: SavedReply }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' };

/** Identifies one idempotent request: its scope (account and mode) and key. */
export interface IdempotencyRef {
  scope: string;
  key: string;
}

/** Times (unix seconds) that decide whether an idempotency record can be claimed anew. */
export interface IdempotencyClock {
  now: number;
  /** Records created before this have expired (24 hours) and are reused as new. */
  expiredBefore: number;
  /** Unfinished claims locked before this belong to a server that died mid-request. */
  staleBefore: number;
}

/**
 * What an adapter reports as it works, for the metrics listener. Every member is optional, and
 * an observer must not throw: it is called on the vault's hot path.
 */
export interface VaultObserver {
  /** A group-commit batch of `size` token inserts committed, `seconds` after it started. */
  batchCommitted?(size: number, seconds: number): void;
  /** A transaction was retried after a serialization failure or deadlock (its SQLSTATE). */
  retried?(code: string): void;
  /** A pooled connection failed while idle (the pool replaces it). */
  connectionError?(error: Error): void;
}

/** A connection pool's state now; adapters without a pool report null. */
export interface ConnectionStats {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

/**
 * A data key, or the fingerprint key, wrapped under one master key (see `crypto/keyring.ts`).
 * A key has one wrapping per master key that can open it.
 */
export interface KeyWrapping {
  /** The data key's id (16 hex digits, as in the header of every record it seals), or `fingerprint`. */
  keyId: string;
  /** The id of the master key it is wrapped under. */
  masterKeyId: string;
  /** AES-256-GCM: nonce | ciphertext | tag. */
  wrapped: Buffer;
  /** Unix seconds. */
  created: number;
}

/** Every key wrapping in the vault, and which data key new records are sealed with. */
export interface StoredKeyring {
  /** Oldest first. */
  wrappings: KeyWrapping[];
  /** Null before the first start made the keyring. */
  currentKeyId: string | null;
}

/** A token's sealed blobs, as a rotation re-encrypts them. */
export interface SealedBlobs {
  id: string;
  sealed: Buffer | null;
  sealedCvc: Buffer | null;
}

/** One blob to replace, if it is still the one that was read. */
export interface SealedReplacement {
  id: string;
  column: 'sealed' | 'sealed_cvc';
  old: Buffer;
  new: Buffer;
}

/** What retiring a master key did. */
export type RetireResult =
  { kind: 'retired'; deleted: number } | { kind: 'in_use'; records: number };

/** The token store, the key store and the idempotency store. All methods are atomic. */
export interface Vault {
  /** A value from the metadata table, or null. */
  getMeta(key: string): Promise<string | null>;
  /** Stores `value` unless `key` already has one; returns the value now stored. */
  setMetaIfAbsent(key: string, value: string): Promise<string>;

  /**
   * Stores API keys of one account in one transaction: all of them or none. With `newAccount`
   * the account is created in the same transaction; without it, the keys' account must exist.
   */
  insertApiKeys(keys: readonly ApiKeyRecord[], newAccount?: AccountRecord): Promise<KeysInserted>;
  /** Finds an API key by its lookup value. */
  findApiKey(lookup: string): Promise<ApiKeyRecord | null>;
  /** Every API key, oldest first. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /**
   * Revokes an API key: deletes its row, so that no node accepts it again (a node that cached
   * it makes no more tokens with it: see `insertToken`). Returns the deleted key, or null.
   */
  deleteApiKey(lookup: string): Promise<ApiKeyRecord | null>;
  /**
   * Replaces a publishable key's allowed origins; returns the key as it is now, or null when
   * there is no such publishable key.
   */
  updateAllowedOrigins(lookup: string, origins: readonly string[]): Promise<ApiKeyRecord | null>;

  /**
   * Stores a new token; when `reply` is given, also completes that idempotent request in the
   * same transaction, so a crash cannot leave one without the other. With `authorizedBy` (an
   * API key's lookup value) the token is stored only if that key still exists, checked in the
   * same statement: a key revoked anywhere stops creating tokens at once, even on a node that
   * cached it. Resolves once committed.
   */
  insertToken(
    token: TokenRecord,
    reply?: IdempotencyRef & SavedReply,
    authorizedBy?: string,
  ): Promise<TokenInsert>;
  /** A token by id, or null. */
  findToken(id: string): Promise<TokenRecord | null>;
  /**
   * Uses a token once: marks it used and erases its sealed data in one step, returning the
   * sealed data to the single caller that won. An expired token's sealed data is erased too.
   * With `audit`, its entry is appended in the same transaction, with the outcome the consume
   * had (`consumeOutcome` in `policy.ts`): the data is never handed out unless the entry is
   * committed, and a failed use is recorded as surely as a successful one.
   */
  consumeToken(
    id: string,
    now: number,
    audit?: Omit<AuditEntry, 'outcome'>,
  ): Promise<ConsumeResult>;
  /** Erases the sealed data of tokens expired at `now`; returns how many were erased. */
  eraseExpiredSecrets(now: number): Promise<number>;
  /** Erases the CVCs whose time ran out at `now` (the tokens stay usable); returns how many. */
  eraseExpiredCvcs(now: number): Promise<number>;
  /**
   * Deletes the rows of tokens that expired at or before `before`, and gives the space back;
   * returns how many. (Their sealed data was erased when they expired or were used.)
   */
  deleteExpiredTokens(before: number): Promise<number>;

  /**
   * Claims an idempotency key for a request with parameters hashed to `paramsHash`, or says
   * why not: a saved reply to replay, other parameters, or the first request still in flight.
   */
  beginIdempotent(
    ref: IdempotencyRef,
    paramsHash: string,
    clock: IdempotencyClock,
  ): Promise<IdempotencyBegin>;
  /** Saves the reply for a claimed key. */
  completeIdempotent(ref: IdempotencyRef & SavedReply): Promise<void>;
  /** Drops a claim whose request saved nothing (a parameter error), so a retry can proceed. */
  releaseIdempotent(ref: IdempotencyRef): Promise<void>;
  /** Deletes idempotency records created before `before`; returns how many. */
  purgeIdempotency(before: number): Promise<number>;

  /** The key wrappings and the current data key's id. */
  getKeyring(): Promise<StoredKeyring>;
  /**
   * In one transaction: moves the current data key from `expectedCurrent` (null: there is no
   * keyring yet) to `currentKeyId` and stores `add` (a wrapping already stored stays as it
   * was). Stores nothing and returns false when the current key was not `expectedCurrent`
   * (another node or rotation got there first).
   */
  updateKeyring(
    add: readonly KeyWrapping[],
    currentKeyId: string,
    expectedCurrent: string | null,
  ): Promise<boolean>;
  /**
   * In one transaction: unless a record is still sealed under one of `dataKeyIds`, deletes
   * every wrapping under `masterKeyId` and every wrapping of `dataKeyIds`.
   */
  retireMasterKey(masterKeyId: string, dataKeyIds: readonly string[]): Promise<RetireResult>;
  /** How many sealed blobs (`sealed` and `sealed_cvc` alike) each data key id seals. */
  countSealedByKey(): Promise<Map<string, number>>;
  /**
   * Up to `limit` tokens with an id after `afterId`, in id order, with a blob sealed under a
   * data key other than `keyId`.
   */
  findSealedNotUnder(keyId: string, afterId: string, limit: number): Promise<SealedBlobs[]>;
  /**
   * Replaces blobs in one transaction, each only while it is still `old` (a token used or
   * erased meanwhile keeps its state); returns how many were replaced.
   */
  replaceSealed(replacements: readonly SealedReplacement[]): Promise<number>;
  /**
   * Appends an entry to the audit log. The log is append-only: the vault has no method that
   * changes or deletes an entry, and the store refuses `UPDATE` and `DELETE` on it (triggers).
   */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Audit entries matching `filter`, oldest first (in the order they were appended). */
  listAudit(filter?: AuditFilter): Promise<AuditRecord[]>;

  /** How many bytes the store takes on disk now (for the `tessera_vault_storage_bytes` metric). */
  storageBytes(): Promise<number>;

  /** Resolves once the store answered a trivial query (`GET /readyz`); rejects otherwise. */
  ping(): Promise<void>;

  /** The connection pool's state (for metrics), or null for a store without a pool. */
  connectionStats(): ConnectionStats | null;

  /**
   * What the storage is and how it is set up (read back from the database), for start-up logs:
   * always `storage` and `schema_version`, then what the adapter can tell.
   */
  describe(): Promise<Record<string, string>>;

  /** Commits what is pending and closes the connection; later calls reject. */
  close(): Promise<void>;
}
