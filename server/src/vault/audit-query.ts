/** The audit log's queries, the same in both adapters but for how parameters are written. */
import type { AuditEntry, AuditFilter } from './vault.js';

/** The most entries one `listAudit` call returns when its filter sets no limit. */
export const AUDIT_PAGE_SIZE = 1000;

/** Columns of an appended entry, in the order {@link auditValues} gives their values. */
export const AUDIT_COLUMNS =
  'time_ms, action, token_id, key, account_id, livemode, client_ip, request_id, outcome';

/** The values of an entry for {@link AUDIT_COLUMNS}; booleans as the adapter stores them. */
export function auditValues<B>(
  entry: AuditEntry,
  boolean: (value: boolean) => B,
): [number, string, string, string, string, B, string | null, string, string] {
  return [
    entry.time,
    entry.action,
    entry.tokenId,
    entry.key,
    entry.accountId,
    boolean(entry.livemode),
    entry.clientIp,
    entry.requestId,
    entry.outcome,
  ];
}

/**
 * `SELECT` of the entries matching `filter`, oldest first; `placeholder(n)` writes the n-th
 * parameter (`?` for SQLite, `$n` for Postgres). Only the conditions given are in the SQL, so
 * each query can use its index (time, or token).
 */
export function auditListQuery(
  filter: AuditFilter,
  placeholder: (index: number) => string,
): { sql: string; values: (string | number)[] } {
  const values: (string | number)[] = [];
  const parameter = (value: string | number) => {
    values.push(value);
    return placeholder(values.length);
  };
  const conditions = [`id > ${parameter(filter.afterId ?? 0)}`];
  if (filter.since !== undefined) conditions.push(`time_ms >= ${parameter(filter.since)}`);
  if (filter.tokenId !== undefined) conditions.push(`token_id = ${parameter(filter.tokenId)}`);
  const limit = parameter(filter.limit ?? AUDIT_PAGE_SIZE);
  return {
    sql: `SELECT id, ${AUDIT_COLUMNS} FROM audit_log WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT ${limit}`,
    values,
  };
}
