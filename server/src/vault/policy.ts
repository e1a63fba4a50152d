/**
 * What single use, expiry and idempotency mean, written once for every adapter. An adapter
 * reads the row inside a transaction, asks the function here what to do, applies the write it
 * names in the same transaction, and returns the result: the rules never depend on the database.
 */
import type {
  AccountRecord,
  ApiKeyRecord,
  AuditOutcome,
  ConsumeResult,
  IdempotencyBegin,
  IdempotencyClock,
  SavedReply,
} from './vault.js';

/** What consuming a token needs to know of its row. */
export interface ConsumableToken {
  used: boolean;
  expiresAt: number;
  sealed: Buffer | null;
  sealedCvc: Buffer | null;
  cvcExpiresAt: number | null;
}

/** What to write when a token is consumed: mark it used, only erase its data, or nothing. */
export type ConsumeWrite = 'mark_used_and_erase' | 'erase' | 'none';

/**
 * Whether a token can be used at `now`: a used token stays used (even once expired), an expired
 * one has its sealed data erased and cannot be used, and otherwise the caller wins the data.
 */
export function decideConsume(
  token: ConsumableToken | null,
  now: number,
): { result: ConsumeResult; write: ConsumeWrite } {
  if (!token) return { result: { kind: 'missing' }, write: 'none' };
  if (token.used) return { result: { kind: 'already_used' }, write: 'none' };
  if (token.sealed === null || token.expiresAt <= now) {
    return { result: { kind: 'expired' }, write: token.sealed === null ? 'none' : 'erase' };
  }
  return {
    result: {
      kind: 'consumed',
      sealed: token.sealed,
      // A CVC past its time is not handed out, though the sweep has not erased it yet.
      sealedCvc: token.cvcExpiresAt !== null && token.cvcExpiresAt <= now ? null : token.sealedCvc,
    },
    write: 'mark_used_and_erase',
  };
}

/** What the audit log records of a consume's result. */
export function consumeOutcome(result: ConsumeResult): AuditOutcome {
  switch (result.kind) {
    case 'consumed':
      return 'ok';
    case 'already_used':
      return 'already_used';
    case 'expired':
      return 'expired';
    case 'missing':
      return 'no_such_token';
  }
}

/** What an idempotency decision needs to know of the stored record. */
export interface IdempotencyRecord {
  paramsHash: string;
  /** Unix seconds when the key was (last) claimed. */
  created: number;
  /** Set while a request holds the claim; null once it saved a reply. */
  lockedAt: number | null;
  /** The saved reply, once there is one. */
  reply: SavedReply | null;
}

/**
 * What a request with `paramsHash` may do with the key's record: claim it (`proceed`: the adapter
 * writes a fresh claim, replacing any expired or abandoned one), replay the saved reply, refuse
 * other parameters, or wait for the request still in flight. A record is free once it expired
 * (24 hours), or when the request that claimed it died before saving a reply (a stale claim).
 */
export function decideIdempotency(
  record: IdempotencyRecord | null,
  paramsHash: string,
  clock: IdempotencyClock,
): IdempotencyBegin {
  if (!record || isClaimable(record, clock)) return { kind: 'proceed' };
  if (record.paramsHash !== paramsHash) return { kind: 'mismatch' };
  if (!record.reply) return { kind: 'in_flight' };
  return { kind: 'replay', reply: record.reply };
}

function isClaimable(record: IdempotencyRecord, clock: IdempotencyClock): boolean {
  if (record.created < clock.expiredBefore) return true;
  return record.reply === null && (record.lockedAt ?? 0) < clock.staleBefore;
}

/**
 * The one account `keys` belong to (and `newAccount` is, when given); throws a `TypeError` for
 * keys of several accounts or none: that is a bug in the caller, not a state of the store.
 */
export function keysAccount(keys: readonly ApiKeyRecord[], newAccount?: AccountRecord): string {
  const accountId = newAccount?.id ?? keys[0]?.accountId;
  if (accountId === undefined || keys.some((key) => key.accountId !== accountId)) {
    throw new TypeError('Vault.insertApiKeys: give keys of one account (the new account, if any).');
  }
  return accountId;
}
