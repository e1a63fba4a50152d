/**
 * Retrying a transaction the database gave up on. At `SERIALIZABLE` (the only level of
 * CockroachDB, an option on Postgres) a transaction that conflicts with another fails with
 * SQLSTATE 40001 and must be run again from the start; a deadlock (40P01) likewise. Nothing
 * was written by the failed attempt, so running it again is safe. Attempts are bounded and
 * spaced by a jittered exponential backoff, so conflicting nodes do not retry in step.
 */

/** serialization_failure and deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);

/** How often and how fast to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first backoff's upper bound, in milliseconds; it doubles per attempt. */
  baseDelayMs: number;
  /** No backoff is longer than this. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 2, maxDelayMs: 200 };

/** The SQLSTATE of a database error, or undefined. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` means "run the transaction again". */
export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not retryable, or runs out of
 * attempts (then the last error is thrown). `onRetry` hears the SQLSTATE of each retried failure.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  onRetry: (code: string) => void = () => undefined,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error) || tried >= policy.attempts) throw error;
      onRetry(sqlState(error) ?? '');
      const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tried - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * bound));
    }
  }
}
