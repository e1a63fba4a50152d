/** The SQLite tables' rows as better-sqlite3 returns them, and the vault's records made of them. */
import type { ApiKeyRecord, AuditRecord, TokenRecord } from '../vault.js';

export interface ApiKeyRow {
  lookup: string;
  account_id: string;
  livemode: number;
  kind: ApiKeyRecord['kind'];
  display: string;
  /** A JSON array of origins. */
  allowed_origins: string;
  created: number;
  /** JSON array of a restricted key's permissions; null for the other kinds. */
  permissions: string | null;
}

export interface TokenRow {
  id: string;
  account_id: string;
  livemode: number;
  type: TokenRecord['type'];
  created: number;
  expires_at: number;
  used: number;
  public_json: string;
  sealed: Buffer | null;
  sealed_cvc: Buffer | null;
  cvc_expires_at: number | null;
}

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    lookup: row.lookup,
    accountId: row.account_id,
    livemode: row.livemode === 1,
    kind: row.kind,
    display: row.display,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    created: row.created,
    ...(row.permissions === null ? {} : { permissions: JSON.parse(row.permissions) as string[] }),
  };
}

export function toToken(row: TokenRow): TokenRecord {
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
    sealedCvc: row.sealed_cvc,
    cvcExpiresAt: row.cvc_expires_at,
  };
}

export interface AuditRow {
  id: number;
  time_ms: number;
  action: AuditRecord['action'];
  token_id: string;
  key: string;
  account_id: string;
  livemode: number;
  client_ip: string | null;
  request_id: string;
  outcome: AuditRecord['outcome'];
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    time: row.time_ms,
    action: row.action,
    tokenId: row.token_id,
    key: row.key,
    accountId: row.account_id,
    livemode: row.livemode === 1,
    clientIp: row.client_ip,
    requestId: row.request_id,
    outcome: row.outcome,
  };
}
