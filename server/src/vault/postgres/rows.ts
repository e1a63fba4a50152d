/**
 * The Postgres tables' rows as `pg` returns them (BIGINT as a string, BOOLEAN as a boolean,
 * BYTEA as a Buffer), and the vault's records made of them.
 */
import type { ApiKeyRecord, AuditRecord, TokenRecord } from '../vault.js';

export interface ApiKeyRow {
  lookup: string;
  account_id: string;
  livemode: boolean;
  kind: ApiKeyRecord['kind'];
  display: string;
  /** A JSON array of origins. */
  allowed_origins: string;
  created: string;
  /** JSON array of a restricted key's permissions; null for the other kinds. */
  permissions: string | null;
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
    ...(row.permissions === null ? {} : { permissions: JSON.parse(row.permissions) as string[] }),
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

export interface AuditRow {
  id: string;
  time_ms: string;
  action: AuditRecord['action'];
  token_id: string;
  key: string;
  account_id: string;
  livemode: boolean;
  client_ip: string | null;
  request_id: string;
  outcome: AuditRecord['outcome'];
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    id: Number(row.id),
    time: Number(row.time_ms),
    action: row.action,
    tokenId: row.token_id,
    key: row.key,
    accountId: row.account_id,
    livemode: row.livemode,
    clientIp: row.client_ip,
    requestId: row.request_id,
    outcome: row.outcome,
  };
}
