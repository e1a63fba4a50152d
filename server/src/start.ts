import { readFileSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { installedBrowserBuild } from './browser-build.js';
import { createMetrics, startMetricsListener } from './metrics.js';
import type { ServeConfig } from './config.js';
import { ApiKeyService, type KeyPair } from './services/api-keys.js';
import { openVault } from './vault/open-vault.js';
import type { Vault } from './vault/vault.js';

/** A running server. */
export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port`. */
  url: string;
  /** The metrics listener (`http://host:port`), when one was asked for. */
  metricsUrl: string | null;
  /** The test key pair, when started with `dev`. */
  testKeys: KeyPair | null;
  /** Stops accepting connections, finishes in-flight requests, closes the vault. */
  close(): Promise<void>;
}

function isKeyPair(value: unknown): value is KeyPair {
  const pair = value as Partial<KeyPair> | null;
  return (
    typeof pair?.account === 'string' &&
    typeof pair.publishable_key === 'string' &&
    typeof pair.secret_key === 'string' &&
    pair.livemode === false
  );
}

/** The dev key pair kept in `file` (mode 0600), created on first start. */
async function devKeyPair(vault: Vault, file: string): Promise<KeyPair> {
  try {
    const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isKeyPair(saved) && (await vault.findApiKey(saved.publishable_key))) return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pair = await new ApiKeyService(vault).createKeyPair({ livemode: false });
  writeFileSync(file, JSON.stringify(pair, null, 2) + '\n', { mode: 0o600 });
  return pair;
}

/** Opens the vault, builds the app and listens. The caller owns signals and exit codes. */
export async function startServer(
  config: ServeConfig,
  logDestination?: { write(line: string): unknown },
): Promise<RunningServer> {
  const metrics = config.metrics ? createMetrics() : null;
  const { vault, sealer, warnings } = await openVault(
    config,
    metrics ? { observer: metrics.vault } : {},
  );
  try {
    const testKeys = config.dev ? await devKeyPair(vault, config.testKeysFile) : null;
    const installed = installedBrowserBuild();
    const app = await buildApp({
      vault,
      sealer,
      tokenTtlSeconds: config.tokenTtlSeconds,
      cvcTtlSeconds: config.cvcTtlSeconds,
      tokenRetentionSeconds: config.tokenRetentionSeconds,
      logLevel: config.logLevel,
      logDestination,
      trustProxy: config.trustProxy,
      timeouts: config.timeouts,
      frameDir: config.frameDir ?? installed.frameDir,
      cors: config.cors,
      frameSourceMaps: config.dev,
      scriptFile: config.scriptFile ?? installed.scriptFile,
      rateLimits: config.rateLimits,
      ...(metrics ? { observer: metrics.requests } : {}),
    });
    app.log.info(await vault.describe(), 'vault opened');
    for (const warning of warnings) app.log.warn(warning);
    for (const key of await vault.listApiKeys()) {
      if (key.kind === 'publishable' && key.livemode && key.allowedOrigins.length === 0) {
        app.log.warn(
          `The live key ${key.display} allows no origin, so no page can show its fields (it was created before keys carried origins): run tessera keys update ${key.display} --add-origin https://your-shop.example`,
        );
      }
    }
    await app.listen({ host: config.host, port: config.port });
    let listener: Awaited<ReturnType<typeof startMetricsListener>> | null = null;
    try {
      if (config.metrics && metrics) {
        metrics.watch(vault);
        listener = await startMetricsListener(
          metrics.registry,
          config.metrics.host,
          config.metrics.port,
        );
      }
    } catch (error) {
      await app.close();
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      app,
      url: `http://${host}:${port}`,
      testKeys,
      metricsUrl: listener?.url ?? null,
      async close() {
        await app.close();
        await listener?.server.close();
        await vault.close();
      },
    };
  } catch (error) {
    await vault.close();
    throw error;
  }
}
