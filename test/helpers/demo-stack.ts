/**
 * The demo as tests run it: the built token server (`dist/cli.js serve --dev`, on 127.0.0.1) and
 * the demo merchant beside it (on localhost), two origins as in production.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type RunningDemo } from '../../demo/server.js';
import type { KeyPair } from '../../src/server/services/api-keys.js';
import { spawnServe, stopChild, type ServeProcess } from './cli-process.js';

/** A running token server and demo. */
export interface DemoStack {
  vault: ServeProcess;
  /** The test key pair `serve --dev` created. */
  keys: KeyPair;
  demo: RunningDemo;
  /** Stops both servers and removes the database folder. */
  stop(): Promise<void>;
}

/** Starts the token server and the demo; on failure, stops whatever had started. */
export async function startDemoStack(): Promise<DemoStack> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
  const cleanups: (() => unknown)[] = [
    () => {
      rmSync(dir, { recursive: true, force: true });
    },
  ];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const db = join(dir, 'tessera.db');
    const vault = await spawnServe(db, ['--dev'], {
      useDist: true,
      ready: /card\[cvc\]=123/,
      startTimeoutMs: 15_000,
      onSpawn: (child) => cleanups.push(() => stopChild(child)),
    });
    const keys = JSON.parse(readFileSync(`${db}.test-keys.json`, 'utf8')) as KeyPair;
    const demo = await startDemoServer({
      vaultUrl: vault.url,
      publishableKey: keys.publishable_key,
      secretKey: keys.secret_key,
      port: 0,
    });
    cleanups.push(() => demo.close());
    return { vault, keys, demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
