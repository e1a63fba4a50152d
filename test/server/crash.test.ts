import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { KeyPair } from '../../src/server/services/api-keys.js';
import { SqliteVault } from '../../src/server/vault/sqlite-vault.js';
import { call, createToken, visaCard } from '../helpers/test-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--import', 'tsx', 'src/cli.ts'];
/** Token-creating loops running at once while the server is killed. */
const LOOPS = 16;
/** The server is killed after this many acknowledged tokens or {@link LOAD_MS}, whichever first. */
const ACKNOWLEDGED_BEFORE_KILL = 1500;
const LOAD_MS = 1000;
const START_TIMEOUT_MS = 8000;

/** The environment of every child: no Tessera settings leak in from the caller's shell. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.TESSERA_MASTER_KEY;
  delete env.TESSERA_DATABASE_URL;
  return env;
}

/** Resolves with the exit code and signal of `child`. */
function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
}

/** Runs `tessera keys create` and returns the pair it prints. */
async function createKeys(db: string): Promise<KeyPair> {
  const child = spawn(process.execPath, [...CLI, 'keys', 'create', '--db', db], {
    cwd: ROOT,
    env: childEnv(),
    timeout: START_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const { code } = await exitOf(child);
  assert.equal(code, 0, `keys create failed: ${stderr}`);
  return JSON.parse(stdout) as KeyPair;
}

/** A `tessera serve` child process. */
interface ServeProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `tessera serve --port 0` on `db` and waits until it listens. */
function serve(db: string, children: ChildProcess[]): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [...CLI, 'serve', '--port', '0', '--db', db, '--log-level', 'warn'],
    { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.push(child);
  const exited = exitOf(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      reject(new Error(`serve did not start in ${START_TIMEOUT_MS} ms:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${String(code ?? signal)}) before listening:\n${stderr}`));
    });
  });
}

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
      for (const child of children) {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
          process.kill(child.pid, 'SIGKILL');
        }
      }
      rmSync(dir, { recursive: true, force: true });
    });
    const keys = await createKeys(db);

    const first = await serve(db, children);
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
    assert.ok(first.child.pid !== undefined);
    process.kill(first.child.pid, 'SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
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

    const second = await serve(db, children);
    const missing: string[] = [];
    await eachLimited(result.acknowledged, LOOPS, async (id) => {
      const reply = await call(`${second.url}/v1/tokens/${id}`, {
        method: 'GET',
        key: keys.secret_key,
      });
      if (reply.status !== 200 || reply.body.id !== id) missing.push(`${id}: ${reply.status}`);
    });
    assert.deepEqual(missing, [], `${missing.length} of ${result.acknowledged.length} lost`);

    assert.ok(second.child.pid !== undefined);
    process.kill(second.child.pid, 'SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
    const vault = new SqliteVault(db);
    try {
      assert.equal(vault.integrityCheck(), 'ok');
    } finally {
      await vault.close();
    }
  });
});
