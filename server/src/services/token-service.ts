import { currentMonthAnywhereOnEarth } from 'tessera/validation';
import type { Sealer } from '../crypto/sealer.js';
import { errors, type ApiError } from '../errors.js';
import { newId } from '../ids.js';
import { isTestCardNumber } from '../reference-data/test-cards.js';
import type { AuditOutcome, IdempotencyRef, KeyKind, TokenRecord, Vault } from '../vault/vault.js';
import type { PublishableKeyCache } from './api-keys.js';
import type { RequestAudit } from './audit.js';
import { cvcOf, detokenizedParams, secretsOf } from './sealed-data.js';
import { bankAccountObject, cardObject, forCaller, type TokenObject } from './token-objects.js';
import {
  validateTokenRequest,
  type CreateTokenParams,
  type ValidTokenRequest,
} from './token-params.js';

/** Who is calling: the account and mode of the API key, and which kind of key it is. */
export interface Caller {
  accountId: string;
  livemode: boolean;
  kind: KeyKind;
  /** The key's lookup value: a token is stored only while that key exists. */
  keyLookup: string;
  /** The key came from this node's cache, not from the vault just now. */
  keyCached: boolean;
}

/** A reply ready for the wire, as saved for idempotent replays. */
export interface Reply {
  statusCode: number;
  /** JSON text. */
  payload: string;
}

/** What `POST /v1/tokens/:token/detokenize` returns: the sealed parameters, once. */
export interface DetokenizedObject {
  object: 'detokenized_token';
  id: string;
  type: TokenRecord['type'];
  livemode: boolean;
  [type: string]: unknown;
}

/** Dependencies of {@link TokenService}. */
export interface TokenServiceOptions {
  vault: Vault;
  sealer: Sealer;
  /** Seconds a token stays usable; then its sealed data is erased. */
  tokenTtlSeconds: number;
  /**
   * Seconds a CVC is kept (at most the token's lifetime): then it is erased, though the token
   * stays usable. A CVC-only token (`cvc_update`) lives no longer than its CVC.
   */
  cvcTtlSeconds: number;
  now?: () => Date;
  /** Told the type of each token once it is stored (for metrics). */
  onCreated?: (type: TokenRecord['type']) => void;
  /** The auth hook's key cache, told about keys found revoked. */
  keys?: PublishableKeyCache;
}

/** What a token's CVC is sealed for: its own record, so it cannot pass for the other blob. */
export function cvcRecordId(tokenId: string): string {
  return `${tokenId}/cvc`;
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Creates, retrieves and uses tokens. Card data is validated again here and sealed at rest. */
export class TokenService {
  readonly #vault: Vault;
  readonly #sealer: Sealer;
  readonly #ttl: number;
  readonly #cvcTtl: number;
  readonly #now: () => Date;
  readonly #onCreated: ((type: TokenRecord['type']) => void) | undefined;
  readonly #keys: PublishableKeyCache | undefined;

  constructor(options: TokenServiceOptions) {
    this.#vault = options.vault;
    this.#sealer = options.sealer;
    this.#ttl = options.tokenTtlSeconds;
    this.#cvcTtl = Math.min(options.cvcTtlSeconds, options.tokenTtlSeconds);
    this.#now = options.now ?? (() => new Date());
    this.#onCreated = options.onCreated;
    this.#keys = options.keys;
  }

  /**
   * Validates and stores a token and returns the reply. When `idempotency` is given the reply is
   * saved under it in the same transaction as the token.
   */
  async create(
    params: CreateTokenParams,
    caller: Caller,
    clientIp: string | null,
    idempotency: IdempotencyRef | null,
  ): Promise<Reply> {
    const now = this.#now();
    const request = validateTokenRequest(params, currentMonthAnywhereOnEarth(now));
    if (request.type === 'card' && caller.livemode && isTestCardNumber(request.card.number)) {
      throw errors.testCardInLiveMode();
    }
    if (request.type === 'account' && caller.livemode && caller.kind !== 'publishable') {
      throw errors.accountTokenNeedsPublishableKey();
    }
    const id = newId(request.type === 'cvc_update' ? 'cvctok' : 'tok');
    const created = unixSeconds(now);
    const token: TokenObject = {
      id,
      object: 'token',
      ...this.#publicPart(request, caller.accountId),
      client_ip: clientIp,
      created,
      livemode: caller.livemode,
      type: request.type,
      used: false,
    };
    const payload = JSON.stringify(forCaller(token, caller.kind));
    const cvc = cvcOf(request);
    const record: TokenRecord = {
      id,
      accountId: caller.accountId,
      livemode: caller.livemode,
      type: request.type,
      created,
      expiresAt: created + (request.type === 'cvc_update' ? this.#cvcTtl : this.#ttl),
      used: false,
      // Stored whole: `GET /v1/tokens/:id` (secret key) shows the fingerprint.
      publicJson: JSON.stringify(token),
      sealed: this.#sealer.seal(JSON.stringify(secretsOf(request)), id),
      sealedCvc: cvc === null ? null : this.#sealer.seal(cvc, cvcRecordId(id)),
      cvcExpiresAt: cvc === null ? null : created + this.#cvcTtl,
    };
    const stored = await this.#vault.insertToken(
      record,
      // The saved reply refers to the token: its data is stored once, in its row.
      idempotency ? { ...idempotency, statusCode: 200, body: '', tokenId: id } : undefined,
      caller.keyLookup,
    );
    if (stored === 'key_revoked') {
      throw this.#revoked(caller);
    }
    this.#onCreated?.(request.type);
    return { statusCode: 200, payload };
  }

  /**
   * The reply that created token `id`, rebuilt for an idempotent replay by `caller`. A replay
   * stores nothing, so a cached key is checked against the vault first: revoked means revoked.
   */
  async replyFor(id: string, caller: Caller): Promise<string> {
    if (caller.keyCached && !(await this.#vault.findApiKey(caller.keyLookup))) {
      throw this.#revoked(caller);
    }
    const record = await this.#owned(id, caller);
    return JSON.stringify(forCaller(JSON.parse(record.publicJson) as TokenObject, caller.kind));
  }

  /**
   * The token object as JSON, for a secret (or restricted) key of the account and mode that
   * created it. The request's audit entry is committed before the token is returned.
   */
  async retrieve(id: string, caller: Caller, audit: RequestAudit): Promise<string> {
    const found = await this.#find(id, caller);
    await audit.write('record' in found ? 'ok' : found.outcome);
    if (!('record' in found)) throw errors.noSuchToken(id);
    const { record } = found;
    if (!record.used) return record.publicJson;
    return JSON.stringify({ ...(JSON.parse(record.publicJson) as TokenObject), used: true });
  }

  /**
   * Uses a token: returns its sealed parameters once and marks it used; the sealed data is
   * erased in the same step, so a second call can only fail. The request's audit entry is
   * written in that same transaction: no data leaves the vault unless its entry is committed.
   */
  async detokenize(id: string, caller: Caller, audit: RequestAudit): Promise<DetokenizedObject> {
    const found = await this.#find(id, caller);
    if (!('record' in found)) {
      await audit.write(found.outcome);
      throw errors.noSuchToken(id);
    }
    const { record } = found;
    // Checked before the token is used up: a node that cannot open its data (one on a retired
    // master key) fails the request and leaves the token to a node that can.
    if (!(await this.#sealer.holdKeysOf([record.sealed, record.sealedCvc]))) {
      throw new Error(
        `Token ${id} is sealed under a data key this node's master key does not open.`,
      );
    }
    const now = unixSeconds(this.#now());
    const result = await audit.writeWith((entry) => this.#vault.consumeToken(id, now, entry));
    switch (result.kind) {
      case 'missing':
        throw errors.noSuchToken(id);
      case 'already_used':
        throw errors.tokenAlreadyUsed(id);
      case 'expired':
        throw errors.tokenExpired(id);
      case 'consumed': {
        // Re-encrypted by a rotation since it was read: this node may need the new data key.
        await this.#sealer.holdKeysOf([result.sealed, result.sealedCvc]);
        const secrets = JSON.parse(this.#sealer.open(result.sealed, id)) as Record<string, unknown>;
        // A CVC past its time was erased: the card comes back without one.
        if (result.sealedCvc) secrets.cvc = this.#sealer.open(result.sealedCvc, cvcRecordId(id));
        return {
          object: 'detokenized_token',
          id,
          type: record.type,
          livemode: record.livemode,
          [record.type]: detokenizedParams(JSON.parse(record.publicJson) as TokenObject, secrets),
        };
      }
    }
  }

  /** A key found revoked: this node forgets it; the caller gets Stripe's 401. */
  #revoked(caller: Caller): ApiError {
    this.#keys?.forget(caller.keyLookup);
    return errors.revokedApiKey();
  }

  /** Erases sealed data of expired tokens; returns how many were erased. */
  eraseExpired(): Promise<number> {
    return this.#vault.eraseExpiredSecrets(unixSeconds(this.#now()));
  }

  /** Erases the CVCs kept `cvcTtlSeconds`; returns how many were erased. */
  eraseExpiredCvcs(): Promise<number> {
    return this.#vault.eraseExpiredCvcs(unixSeconds(this.#now()));
  }

  async #owned(id: string, caller: Caller): Promise<TokenRecord> {
    const found = await this.#find(id, caller);
    if (!('record' in found)) throw errors.noSuchToken(id);
    return found.record;
  }

  /**
   * The token, when it belongs to the caller's account and mode; otherwise what the audit log
   * says of it (the caller hears "No such token" either way).
   */
  async #find(
    id: string,
    caller: Caller,
  ): Promise<{ record: TokenRecord } | { outcome: AuditOutcome }> {
    // No token id has a NUL, and Postgres cannot even compare a text with one.
    const record = id.includes('\u0000') ? null : await this.#vault.findToken(id);
    if (!record || record.accountId !== caller.accountId) return { outcome: 'no_such_token' };
    if (record.livemode !== caller.livemode) return { outcome: 'livemode_mismatch' };
    return { record };
  }

  #publicPart(request: ValidTokenRequest, accountId: string): Partial<TokenObject> {
    switch (request.type) {
      case 'card': {
        const fingerprint = this.#sealer.fingerprint(`${accountId}:card`, request.card.number);
        return { card: cardObject(newId('card'), request.card, fingerprint) };
      }
      case 'bank_account': {
        const account = request.bank_account;
        const fingerprint = this.#sealer.fingerprint(
          `${accountId}:bank_account`,
          `${account.country}:${account.routing_number ?? ''}:${account.account_number}`,
        );
        return { bank_account: bankAccountObject(newId('ba'), account, fingerprint) };
      }
      default:
        return {};
    }
  }
}
