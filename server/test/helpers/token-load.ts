/**
 * Token load against a server that is about to be killed, for the crash test and the crash
 * benchmark: loops that create card tokens until a request fails, and the check that every
 * token they were told about can be retrieved afterwards.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { stopChild, type Exit } from '../../../scripts/serve-process.js';
import { call, createToken, visaCard } from './http.js';

/** What the token-creating loops saw. */
export interface LoadResult {
  /** Ids of tokens the server answered 200 for. */
  acknowledged: string[];
  /** Any other status seen before the crash (there should be none). */
  unexpected: string[];
  /** Why each loop's last request failed (the crash), by error code. */
  failures: string[];
}

/** An empty {@link LoadResult}. */
export function newLoadResult(): LoadResult {
  return { acknowledged: [], unexpected: [], failures: [] };
}

/** Creates tokens with `key` until a request fails (the server was killed). */
export async function createUntilFailure(
  url: string,
  key: string,
  result: LoadResult,
): Promise<void> {
  for (;;) {
    try {
      const reply = await createToken({ url }, visaCard(), { key });
      if (reply.status === 200 && typeof reply.body.id === 'string') {
        result.acknowledged.push(reply.body.id);
      } else {
        result.unexpected.push(`${String(reply.status)} ${reply.text}`);
      }
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      result.failures.push(cause?.code ?? String(error));
      return;
    }
  }
}

/** When {@link killUnderLoad} kills the server. */
export interface KillPoint {
  /** Token-creating loops running at once. */
  loops: number;
  /** Kill once this many tokens were acknowledged… */
  acknowledged: number;
  /** …or after this many ms of load, whichever comes first. */
  ms: number;
}

/**
 * Runs `at.loops` token-creating loops against `server` with `key`, SIGKILLs it at `at`, waits
 * for every loop to see the crash, and resolves with what they saw, how the server exited and
 * how long the load ran before the kill.
 */
export async function killUnderLoad(
  server: { url: string; child: ChildProcess },
  key: string,
  at: KillPoint,
): Promise<{ result: LoadResult; exit: Exit; loadMs: number }> {
  const result = newLoadResult();
  const loops = Array.from({ length: at.loops }, () => createUntilFailure(server.url, key, result));
  const started = Date.now();
  while (result.acknowledged.length < at.acknowledged && Date.now() - started < at.ms) {
    await delay(10);
  }
  const loadMs = Date.now() - started;
  const exit = await stopChild(server.child, 'SIGKILL');
  await Promise.all(loops);
  return { result, exit, loadMs };
}

/** The loops' failures counted by error code, e.g. `12 ECONNRESET, 4 ECONNREFUSED`. */
export function failureCounts(result: LoadResult): string {
  const counts = new Map<string, number>();
  for (const code of result.failures) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, count]) => `${String(count)} ${code}`).join(', ');
}

/** Maps `items` through `task` with at most `limit` running at once. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/**
 * Retrieves each of `ids` from the server at `url` with `secretKey` (`limit` requests at once)
 * and resolves with those that did not come back, as `id: status`.
 */
export async function unretrievable(
  url: string,
  secretKey: string,
  ids: readonly string[],
  limit: number,
): Promise<string[]> {
  const missing: string[] = [];
  await eachLimited(ids, limit, async (id) => {
    const reply = await call(`${url}/v1/tokens/${id}`, { method: 'GET', key: secretKey });
    if (reply.status !== 200 || reply.body.id !== id)
      missing.push(`${id}: ${String(reply.status)}`);
  });
  return missing;
}
