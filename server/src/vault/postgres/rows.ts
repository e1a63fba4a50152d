/**
 * The Postgres tables' rows as `pg` returns them (BIGINT as a string, BOOLEAN as a boolean,
 * BYTEA as a Buffer), and the vault's records made of them.
 */
import type { ApiKeyRecord, TokenRecord } from '../vault.js';

export interface ApiKeyRow {
  lookup: string;
  account_id: string;
  livemode: boolean;
  kind: 'publishable' | 'secret';
  display: string;
  /** A JSON array of origins. */
  allowed_origins: string;
  created: string;
}

export interface TokenRow {
  id: string;
  account_id: string;
  livemode: boolean;
  type: TokenRecord['type'];
  created: string;
  expires_at: string;
  used: boolean;
  public_json: string;
  sealed: Buffer | null;
  sealed_cvc: Buffer | null;
  cvc_expires_at: string | null;
}

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    lookup: row.lookup,
    accountId: row.account_id,
    livemode: row.livemode,
    kind: row.kind,
    display: row.display,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    created: Number(row.created),
  };
}

export function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    livemode: row.livemode,
    type: row.type,
    created: Number(row.created),
    expiresAt: Number(row.expires_at),
    used: row.used,
    publicJson: row.public_json,
    sealed: row.sealed,
    sealedCvc: row.sealed_cvc,
    cvcExpiresAt: row.cvc_expires_at === null ? null : Number(row.cvc_expires_at),
  };
}
