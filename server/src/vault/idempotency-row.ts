/** The idempotency table's row, the same in both adapters but for how integers come back. */
import type { IdempotencyRecord } from './policy.js';

/** An idempotency row: integers as numbers (better-sqlite3) or strings (`pg`'s BIGINT). */
export interface IdempotencyRow {
  params_hash: string;
  created: number | string;
  status_code: number | null;
  body: string | null;
  locked_at: number | string | null;
  token_id: string | null;
}

/** What the policy decides on: the row, with a saved reply only once it is complete. */
export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return {
    paramsHash: row.params_hash,
    created: Number(row.created),
    lockedAt: row.locked_at === null ? null : Number(row.locked_at),
    reply:
      row.status_code === null || row.body === null
        ? null
        : {
            statusCode: row.status_code,
            body: row.body,
            ...(row.token_id === null ? {} : { tokenId: row.token_id }),
          },
  };
}
