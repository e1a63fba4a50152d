import { createHash } from 'node:crypto';
import { ConfigError } from '../config-error.js';
import { maskKey } from '../errors.js';
import { newId, randomBase62 } from '../ids.js';
import type { ApiKeyRecord, KeyKind, Vault } from '../vault/vault.js';
import { parseAllowedOrigins } from './origins.js';
import type { Permission } from './permissions.js';

/** A key pair as shown once, when it is created. */
export interface KeyPair {
  account: string;
  livemode: boolean;
  publishable_key: string;
  secret_key: string;
  /** Where the publishable key's fields may be embedded; empty: anywhere (test keys only). */
  allowed_origins: string[];
}

/** A restricted key as shown once, when it is created. */
export interface RestrictedKey {
  account: string;
  livemode: boolean;
  restricted_key: string;
  permissions: Permission[];
}

/** A key as `keys list` shows it: secret and restricted keys masked. */
export interface ListedKey {
  account: string;
  livemode: boolean;
  type: KeyKind;
  key: string;
  /** A publishable key's allowed origins (empty: every origin for a test key, none for live). */
  allowed_origins?: string[];
  created: number;
  /** A restricted key's permissions. */
  permissions?: string[];
}

/** How `keys update` changes a key's allowed origins. */
export interface OriginChange {
  /** The new list, replacing the old one. */
  set?: readonly string[];
  /** Origins added to the list. */
  add?: readonly string[];
  /** Origins taken off the list. */
  remove?: readonly string[];
}

/** What a key string claims to be, read from its prefix. */
export function keyKindOf(key: string): KeyKind | null {
  if (/^pk_(test|live)_/.test(key)) return 'publishable';
  if (/^sk_(test|live)_/.test(key)) return 'secret';
  if (/^rk_(test|live)_/.test(key)) return 'restricted';
  return null;
}

/**
 * How a key is looked up: a publishable key is public and stored as is; a secret or restricted
 * key is stored only as its SHA-256 (it is 190 random bits, so a fast hash is enough).
 */
export function keyLookup(key: string): string {
  const kind = keyKindOf(key);
  return kind === 'secret' || kind === 'restricted'
    ? createHash('sha256').update(key).digest('hex')
    : key;
}

/** How the auth hook finds a key: from the cache, or from the vault just now. */
export interface FoundKey {
  record: ApiKeyRecord | null;
  /** True when the record came from this node's cache, not from the vault just now. */
  cached: boolean;
}

/**
 * The publishable keys this node has seen lately, so that creating a token (the hot path) does
 * not read the key's row first. That is safe because a token is stored only while its key
 * exists, checked in the insert's own statement (`Vault.insertToken`'s `authorizedBy`): a key
 * revoked on any node stops creating tokens at once, cached or not, and is then forgotten here.
 * Secret keys are never cached: every request that uses one reads its row. Unknown keys are
 * not cached either. Entries expire after `ttlMs`; at most `maxEntries` are kept.
 */
export class PublishableKeyCache {
  readonly #vault: Vault;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { record: ApiKeyRecord; until: number }>();

  constructor(
    vault: Vault,
    options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.#vault = vault;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The key with this lookup value: cached if it is a publishable key seen lately. */
  async find(lookup: string): Promise<FoundKey> {
    const entry = this.#entries.get(lookup);
    const now = this.#now();
    if (entry && entry.until > now) return { record: entry.record, cached: true };
    if (entry) this.#entries.delete(lookup);
    const record = await this.#vault.findApiKey(lookup);
    if (record?.kind === 'publishable') {
      // Map keeps insertion order: the first entry is the oldest.
      if (this.#entries.size >= this.#maxEntries) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
      this.#entries.set(lookup, { record, until: now + this.#ttlMs });
    }
    return { record, cached: false };
  }

  /** Drops a key that turned out to be revoked. */
  forget(lookup: string): void {
    this.#entries.delete(lookup);
  }
}

/** Creates accounts and key pairs, and lists keys. */
export class ApiKeyService {
  readonly #vault: Vault;
  readonly #now: () => Date;

  constructor(vault: Vault, now: () => Date = () => new Date()) {
    this.#vault = vault;
    this.#now = now;
  }

  /**
   * Creates a key pair for `accountId`, or for a new account when none is given, in one atomic
   * write: both keys (and the account) or nothing. The secret key is returned here and never
   * again: only its hash is stored. The publishable key allows `allowedOrigins` (a live key
   * needs at least one). Throws a `ConfigError` for a bad origin or an account that does not
   * exist.
   */
  async createKeyPair(options: {
    livemode: boolean;
    accountId?: string;
    allowedOrigins?: readonly string[];
  }): Promise<KeyPair> {
    const allowedOrigins = parseAllowedOrigins(options.allowedOrigins ?? [], options.livemode);
    if (options.livemode && allowedOrigins.length === 0) {
      throw new ConfigError(
        'A live publishable key needs the origins of the pages that embed its fields: add --allowed-origin https://shop.example (repeatable).',
      );
    }
    const created = Math.floor(this.#now().getTime() / 1000);
    const account = options.accountId ?? newId('acct');
    const mode = options.livemode ? 'live' : 'test';
    const pair: KeyPair = {
      account,
      livemode: options.livemode,
      publishable_key: `pk_${mode}_${randomBase62(32)}`,
      secret_key: `sk_${mode}_${randomBase62(32)}`,
      allowed_origins: allowedOrigins,
    };
    const base = { accountId: account, livemode: options.livemode, created };
    const inserted = await this.#vault.insertApiKeys(
      [
        {
          ...base,
          kind: 'publishable',
          lookup: pair.publishable_key,
          display: pair.publishable_key,
          allowedOrigins,
        },
        {
          ...base,
          kind: 'secret',
          lookup: keyLookup(pair.secret_key),
          display: maskKey(pair.secret_key),
          allowedOrigins: [],
        },
      ],
      options.accountId === undefined ? { id: account, created } : undefined,
    );
    if (inserted.kind === 'no_such_account') throw new ConfigError(`No such account: ${account}`);
    return pair;
  }

  /**
   * Creates a restricted key holding `permissions`, for `accountId` or for a new account when
   * none is given. Like a secret key, it is returned here and never again: only its hash is
   * stored. Throws a `ConfigError` for an account that does not exist.
   */
  async createRestrictedKey(options: {
    livemode: boolean;
    permissions: readonly Permission[];
    accountId?: string;
  }): Promise<RestrictedKey> {
    const created = Math.floor(this.#now().getTime() / 1000);
    const account = options.accountId ?? newId('acct');
    const key = `rk_${options.livemode ? 'live' : 'test'}_${randomBase62(32)}`;
    const inserted = await this.#vault.insertApiKeys(
      [
        {
          accountId: account,
          livemode: options.livemode,
          created,
          kind: 'restricted',
          lookup: keyLookup(key),
          display: maskKey(key),
          allowedOrigins: [],
          permissions: [...options.permissions],
        },
      ],
      options.accountId === undefined ? { id: account, created } : undefined,
    );
    if (inserted.kind === 'no_such_account') throw new ConfigError(`No such account: ${account}`);
    return {
      account,
      livemode: options.livemode,
      restricted_key: key,
      permissions: [...options.permissions],
    };
  }

  /** Every key, secret and restricted keys masked. */
  async list(): Promise<ListedKey[]> {
    const keys = await this.#vault.listApiKeys();
    return keys.map(listed);
  }

  /**
   * Revokes one key (the other key of its pair stays): every node refuses it from the next
   * request on, including a node that has it cached (see {@link PublishableKeyCache}). Returns
   * it as `list` shows it. Throws a `ConfigError`, naming the key masked, for anything else.
   */
  async revoke(key: string): Promise<ListedKey> {
    if (keyKindOf(key) === null) {
      throw new ConfigError(`Not an API key: ${maskKey(key)} (pk_…, sk_… or rk_…)`);
    }
    const deleted = await this.#vault.deleteApiKey(keyLookup(key));
    if (!deleted) throw new ConfigError(`No such API key: ${maskKey(key)}`);
    return listed(deleted);
  }

  /**
   * Changes a publishable key's allowed origins: replaces the list with `set` (`[]`: every
   * origin, for a test key only), or adds and removes origins. Every node applies the new list
   * within its key cache's lifetime (60 seconds). Returns the key as `list` shows it; throws a
   * `ConfigError` for a bad origin, a live key left without one, or anything but a publishable
   * key that exists.
   */
  async updateAllowedOrigins(key: string, change: OriginChange): Promise<ListedKey> {
    const mode = /^pk_(test|live)_/.exec(key)?.[1];
    if (mode === undefined) {
      throw new ConfigError(
        `Only publishable keys carry allowed origins (pk_…): got ${maskKey(key)}`,
      );
    }
    const livemode = mode === 'live';
    const current = await this.#vault.findApiKey(key);
    if (current?.kind !== 'publishable') throw new ConfigError(`No such API key: ${maskKey(key)}`);
    const removed = new Set(parseAllowedOrigins(change.remove ?? [], false));
    const origins = parseAllowedOrigins(
      [...(change.set ?? current.allowedOrigins), ...(change.add ?? [])].filter(
        (origin) => !removed.has(origin),
      ),
      livemode,
    );
    if (livemode && origins.length === 0) {
      throw new ConfigError('A live publishable key needs at least one allowed origin.');
    }
    const updated = await this.#vault.updateAllowedOrigins(key, origins);
    if (!updated) throw new ConfigError(`No such API key: ${maskKey(key)}`);
    return listed(updated);
  }
}

function listed(key: ApiKeyRecord): ListedKey {
  return {
    account: key.accountId,
    livemode: key.livemode,
    type: key.kind,
    key: key.display,
    ...(key.kind === 'publishable' ? { allowed_origins: key.allowedOrigins } : {}),
    created: key.created,
    ...(key.permissions === undefined ? {} : { permissions: [...key.permissions] }),
  };
}
