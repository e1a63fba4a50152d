import type { FastifyRequest } from 'fastify';
import { ApiError, errors } from '../errors.js';
import type { Sealer } from '../crypto/sealer.js';
import type { IdempotencyRef, Vault } from '../vault/vault.js';
import type { Caller, Reply } from './token-service.js';

const MAX_KEY_LENGTH = 255;
const RETENTION_SECONDS = 24 * 60 * 60;
/** A claim this old belongs to a server that died mid-request; a retry may take it over. */
const STALE_CLAIM_SECONDS = 60;

/** A reply, and whether it is a replay of one saved earlier. */
export type IdempotentReply = Reply & { replayed: boolean };

/** An `Idempotency-Key` as the request sent it, and where it is kept. */
export interface IdempotencyRequest {
  /** As sent (error messages name it, as Stripe's do). */
  key: string;
  /** Its scope and its keyed hash: what the vault stores. */
  ref: IdempotencyRef;
}

/** Sorts object keys at every depth so that parameter order does not change the hash. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * `Idempotency-Key` handling as Stripe does it, with every decision taken in the vault so that
 * several servers agree: the same key and parameters within 24 hours replay the first reply;
 * other parameters are an `idempotency_error`; a duplicate of a request still running gets 409.
 * Parameter errors (400) save nothing, so a corrected retry may reuse the key.
 */
export class IdempotencyService {
  readonly #vault: Vault;
  readonly #sealer: Sealer;
  readonly #now: () => Date;

  constructor(vault: Vault, sealer: Sealer, now: () => Date = () => new Date()) {
    this.#vault = vault;
    this.#sealer = sealer;
    this.#now = now;
  }

  /** The request's idempotency key, or null when it sent none. */
  requestOf(request: FastifyRequest, caller: Caller): IdempotencyRequest | null {
    const key = request.headers['idempotency-key'];
    if (key === undefined || key === '') return null;
    if (Array.isArray(key) || key.length > MAX_KEY_LENGTH) throw errors.idempotencyKeyTooLong();
    return { key, ref: this.refOf(key, caller) };
  }

  /**
   * Where `key` is kept for `caller`: scoped to its account, mode and kind of key (a browser
   * holding the publishable key cannot claim, or replay, a key the backend will use with its
   * secret key), and stored as a keyed hash (keys are often order ids).
   */
  refOf(key: string, caller: Pick<Caller, 'accountId' | 'livemode' | 'kind'>): IdempotencyRef {
    const scope = `${caller.accountId}:${caller.livemode ? 'live' : 'test'}:${caller.kind}`;
    return { scope, key: this.#sealer.mac(`idempotency-key\u0000${scope}\u0000${key}`) };
  }

  /**
   * A keyed hash of the token-creation parameters. Keyed because they hold card numbers: a plain
   * hash of them would be a PAN stored in a brute-forceable form.
   */
  paramsHash(params: unknown): string {
    return this.#sealer.mac(JSON.stringify(['POST /v1/tokens', canonical(params)]));
  }

  /**
   * Runs `work` at most once per key for token creation with `params`. `work` receives the key
   * and must save its successful reply under it in the same transaction as its own write; errors
   * are saved here. `rebuild` turns a saved reference to a token back into the reply.
   */
  async run(
    request: IdempotencyRequest | null,
    params: unknown,
    work: (ref: IdempotencyRef | null) => Promise<Reply>,
    rebuild: (tokenId: string) => Promise<string>,
  ): Promise<IdempotentReply> {
    if (!request) return { ...(await work(null)), replayed: false };
    const { ref, key } = request;
    const now = Math.floor(this.#now().getTime() / 1000);
    const begin = await this.#vault.beginIdempotent(ref, this.paramsHash(params), {
      now,
      expiredBefore: now - RETENTION_SECONDS,
      staleBefore: now - STALE_CLAIM_SECONDS,
    });
    switch (begin.kind) {
      case 'replay': {
        const { statusCode, body, tokenId } = begin.reply;
        const payload = tokenId === undefined ? body : await rebuild(tokenId);
        return { statusCode, payload, replayed: true };
      }
      case 'mismatch':
        throw errors.idempotencyParamsMismatch(key);
      case 'in_flight':
        throw errors.idempotencyKeyInUse(key);
      case 'proceed':
        break;
    }
    try {
      return { ...(await work(ref)), replayed: false };
    } catch (error) {
      await this.#saveFailure(ref, error);
      throw error;
    }
  }

  async #saveFailure(ref: IdempotencyRef, error: unknown): Promise<void> {
    if (error instanceof ApiError && error.statusCode === 400) {
      await this.#vault.releaseIdempotent(ref);
      return;
    }
    const apiError = error instanceof ApiError ? error : errors.internal();
    await this.#vault.completeIdempotent({
      ...ref,
      statusCode: apiError.statusCode,
      body: JSON.stringify(apiError.toJSON()),
    });
  }
}
