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
import { failureCounts, killUnderLoad, unretrievable } from './helpers/token-load.js';

/** Token-creating loops running at once while the server is killed. */
const LOOPS = 16;
/** The server is killed after this many acknowledged tokens or {@link LOAD_MS}, whichever first. */
const ACKNOWLEDGED_BEFORE_KILL = 1500;
const LOAD_MS = 1000;
const START_TIMEOUT_MS = 8000;

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
    const { result, exit } = await killUnderLoad(first, keys.publishable_key, {
      loops: LOOPS,
      acknowledged: ACKNOWLEDGED_BEFORE_KILL,
      ms: LOAD_MS,
    });
    assert.equal(exit.signal, 'SIGKILL');

    assert.deepEqual(result.unexpected, [], 'every request before the crash succeeded');
    assert.ok(result.acknowledged.length > 0, 'tokens were created before the crash');
    assert.equal(result.failures.length, LOOPS);
    assert.ok(
      result.failures.some((code) => code !== 'ECONNREFUSED'),
      `requests were in flight when the server died (${result.failures.join(', ')})`,
    );

    t.diagnostic(
      `${result.acknowledged.length} tokens acknowledged; requests cut: ${failureCounts(result)}`,
    );

    const second = await spawnServe(db, [...RAISED_LIMIT_ARGS], serveOptions);
    const missing = await unretrievable(second.url, keys.secret_key, result.acknowledged, LOOPS);
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
