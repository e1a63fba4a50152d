import Fastify, { type FastifyInstance } from 'fastify';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Vault } from './vault/vault.js';

/**
 * Prometheus metrics (prom-client) on a listener of their own, never on the public port: the
 * vault's size on disk (every stored token is a disk quota, so the disk is watched) and the
 * process's own figures.
 */
export function metricsRegistry(vault: Vault): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tessera_' });
  new Gauge({
    name: 'tessera_vault_storage_bytes',
    help: 'Bytes the vault takes on disk (SQLite: the database file and its WAL).',
    registers: [registry],
    async collect() {
      this.set(await vault.storageBytes());
    },
  });
  return registry;
}

/** `GET /metrics` in Prometheus's text format, on `host:port`; resolves once listening. */
export async function startMetricsListener(
  registry: Registry,
  host: string,
  port: number,
): Promise<{ server: FastifyInstance; url: string }> {
  const server = Fastify({ logger: false });
  server.get('/metrics', async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  const url = await server.listen({ host, port });
  return { server, url };
}
