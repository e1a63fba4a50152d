/**
 * The audit log: every retrieve and every detokenize made with a valid API key, whatever its
 * outcome, with when, which key (masked), which token, from where and which request. Never any
 * card data. Entries are appended to the vault and never changed or deleted.
 */
import type { AuditEntry, AuditFilter, AuditOutcome, AuditRecord, Vault } from '../vault/vault.js';

/** What an entry says before its time and outcome are known. */
export type AuditDraft = Omit<AuditEntry, 'time' | 'outcome'>;

/** The entry a vault operation appends itself, deciding its outcome (`Vault.consumeToken`). */
export type PendingAuditEntry = Omit<AuditEntry, 'outcome'>;

/**
 * The audit entry of one request to a route that reads a token: written once, on its own or
 * by the vault operation that uses the token, and known to be written only once committed.
 */
export class RequestAudit {
  readonly #vault: Vault;
  readonly #now: () => Date;
  readonly #draft: AuditDraft;
  #written = false;

  constructor(vault: Vault, now: () => Date, draft: AuditDraft) {
    this.#vault = vault;
    this.#now = now;
    this.#draft = draft;
  }

  /** Whether the entry is committed. */
  get written(): boolean {
    return this.#written;
  }

  /** Appends the entry with `outcome`, in a transaction of its own. */
  async write(outcome: AuditOutcome): Promise<void> {
    await this.#vault.appendAudit({ ...this.#draft, time: this.#now().getTime(), outcome });
    this.#written = true;
  }

  /**
   * Runs `operation`, which appends the entry it is given in its own transaction (with the
   * outcome it decides there); the entry counts as written once the operation resolved.
   */
  async writeWith<T>(operation: (entry: PendingAuditEntry) => Promise<T>): Promise<T> {
    const result = await operation({ ...this.#draft, time: this.#now().getTime() });
    this.#written = true;
    return result;
  }
}

/** Starts the audit entries of requests. */
export class AuditLog {
  readonly #vault: Vault;
  readonly #now: () => Date;

  constructor(vault: Vault, now: () => Date = () => new Date()) {
    this.#vault = vault;
    this.#now = now;
  }

  /** The entry of one request, to be written when its outcome is known. */
  begin(draft: AuditDraft): RequestAudit {
    return new RequestAudit(this.#vault, this.#now, draft);
  }
}

/** An entry as `tessera audit list` prints it: one JSON object per line. */
export interface AuditLine {
  id: number;
  /** ISO 8601, UTC, milliseconds. */
  time: string;
  action: AuditRecord['action'];
  outcome: AuditOutcome;
  token: string;
  key: string;
  account: string;
  livemode: boolean;
  client_ip: string | null;
  request_id: string;
}

/** How `audit list` shows an entry. */
export function auditLine(record: AuditRecord): AuditLine {
  return {
    id: record.id,
    time: new Date(record.time).toISOString(),
    action: record.action,
    outcome: record.outcome,
    token: record.tokenId,
    key: record.key,
    account: record.accountId,
    livemode: record.livemode,
    client_ip: record.clientIp,
    request_id: record.requestId,
  };
}

/**
 * Every entry matching `filter` (its `limit` counts them all), oldest first, read from the
 * vault a page at a time so that a long log never sits in memory whole.
 */
export async function* auditEntries(
  vault: Vault,
  filter: Omit<AuditFilter, 'afterId'>,
  pageSize = 1000,
): AsyncGenerator<AuditRecord> {
  let left = filter.limit ?? Infinity;
  let afterId = 0;
  while (left > 0) {
    const page = await vault.listAudit({ ...filter, afterId, limit: Math.min(pageSize, left) });
    for (const record of page) yield record;
    const last = page.at(-1);
    if (last === undefined || page.length < Math.min(pageSize, left)) return;
    left -= page.length;
    afterId = last.id;
  }
}
