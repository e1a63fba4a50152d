import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteVault } from '../src/vault/sqlite/sqlite-vault.js';
import {
  createKeysWithCli,
  killIfRunning,
  RAISED_LIMIT_ARGS,
  spawnServe,
  stopChild,
  type ServeOptions,
} from './helpers/cli-process.js';
import { call, createToken, visaCard } from './helpers/http.js';

/** Token-creating loops running at once while the server is killed. */
const LOOPS = 16;
/** The server is killed after this many acknowledged tokens or {@link LOAD_MS}, whichever first. */
const ACKNOWLEDGED_BEFORE_KILL = 1500;
const LOAD_MS = 1000;
const START_TIMEOUT_MS = 8000;

/** What a token-creating loop saw. */
interface LoadResult {
  /** Ids of tokens the server answered 200 for. */
  acknowledged: string[];
  /** Any other status seen before the crash (there should be none). */
  unexpected: string[];
  /** Why each loop's last request failed (the crash), by error code. */
  failures: string[];
}

/** Creates tokens until a request fails (the server was killed). */
async function createUntilFailure(url: string, key: string, result: LoadResult): Promise<void> {
  for (;;) {
    try {
      const reply = await createToken({ url }, visaCard(), { key });
      if (reply.status === 200 && typeof reply.body.id === 'string') {
        result.acknowledged.push(reply.body.id);
      } else {
        result.unexpected.push(`${reply.status} ${reply.text}`);
      }
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      result.failures.push(cause?.code ?? String(error));
      return;
    }
  }
}

/** Maps `items` through `task` with at most `limit` running at once. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('kill -9 under load', () => {
  it('keeps every acknowledged token and a sound database', { timeout: 20_000 }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
    const db = join(dir, 'tessera.db');
    const children: ChildProcess[] = [];
    t.after(() => {
      children.forEach(killIfRunning);
      rmSync(dir, { recursive: true, force: true });
    });
    const keys = await createKeysWithCli(db, [], { killAfterMs: START_TIMEOUT_MS });
    const serveOptions: ServeOptions = {
      startTimeoutMs: START_TIMEOUT_MS,
      stdout: 'ignore',
      onSpawn: (child) => children.push(child),
    };

    const first = await spawnServe(db, [...RAISED_LIMIT_ARGS], serveOptions);
    const result: LoadResult = { acknowledged: [], unexpected: [], failures: [] };
    const loops = Array.from({ length: LOOPS }, () =>
      createUntilFailure(first.url, keys.publishable_key, result),
    );
    const started = Date.now();
    while (
      result.acknowledged.length < ACKNOWLEDGED_BEFORE_KILL &&
      Date.now() - started < LOAD_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal((await stopChild(first.child, 'SIGKILL')).signal, 'SIGKILL');
    await Promise.all(loops);

    assert.deepEqual(result.unexpected, [], 'every request before the crash succeeded');
    assert.ok(result.acknowledged.length > 0, 'tokens were created before the crash');
    assert.equal(result.failures.length, LOOPS);
    assert.ok(
      result.failures.some((code) => code !== 'ECONNREFUSED'),
      `requests were in flight when the server died (${result.failures.join(', ')})`,
    );

    const counts = new Map<string, number>();
    for (const code of result.failures) counts.set(code, (counts.get(code) ?? 0) + 1);
    const cut = [...counts].map(([code, count]) => `${count} ${code}`).join(', ');
    t.diagnostic(`${result.acknowledged.length} tokens acknowledged; requests cut: ${cut}`);

    const second = await spawnServe(db, [...RAISED_LIMIT_ARGS], serveOptions);
    const missing: string[] = [];
    await eachLimited(result.acknowledged, LOOPS, async (id) => {
      const reply = await call(`${second.url}/v1/tokens/${id}`, {
        method: 'GET',
        key: keys.secret_key,
      });
      if (reply.status !== 200 || reply.body.id !== id) missing.push(`${id}: ${reply.status}`);
    });
    assert.deepEqual(missing, [], `${missing.length} of ${result.acknowledged.length} lost`);

    assert.deepEqual(await stopChild(second.child), { code: 0, signal: null });
    const vault = await openSqliteVault({ path: db });
    try {
      assert.equal(await vault.integrityCheck(), 'ok');
    } finally {
      await vault.close();
    }
  });
});
