/**
 * The demo as tests run it, started as `npm start` starts it: the built token server
 * (`serve --dev`, on 127.0.0.1) and the demo merchant beside it (on localhost), two origins as in
 * production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type RunningDemo } from '../../demo/server.js';
import { startTokenServer, type TestKeys, type TokenServer } from '../../demo/token-server.js';

/** A running token server and demo. */
export interface DemoStack {
  vault: TokenServer;
  /** The test key pair `serve --dev` created. */
  keys: TestKeys;
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
    const vault = await startTokenServer({
      db: join(dir, 'tessera.db'),
      port: 0,
      logLevel: 'warn',
    });
    cleanups.push(() => vault.stop());
    const demo = await startDemoServer({
      vaultUrl: vault.url,
      publishableKey: vault.keys.publishable_key,
      secretKey: vault.keys.secret_key,
      port: 0,
    });
    cleanups.push(() => demo.close());
    return { vault, keys: vault.keys, demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
