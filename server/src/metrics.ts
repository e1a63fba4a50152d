import Fastify, { type FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestObserver } from './app.js';
import type { Vault, VaultObserver } from './vault/vault.js';

/** Prometheus metrics, and the observers that feed them. */
export interface TesseraMetrics {
  registry: Registry;
  /** Give it to the app: requests and tokens. */
  requests: RequestObserver;
  /** Give it to the vault when opening it: commits, retries, broken connections. */
  vault: VaultObserver;
  /** Adds the gauges that read the open vault (its size on disk, its connection pool). */
  watch(vault: Vault): void;
}

/** Seconds: from a fast SQLite commit to a slow Postgres round trip. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Prometheus metrics (prom-client) for the listener of their own, never the public port:
 * requests by route and status with their latency, tokens created by type, the vault's group
 * commits (batch size and latency), transaction retries, its connection pool and size on disk,
 * and the process's own figures. Routes are labelled by their pattern (`/v1/tokens/:token`),
 * never by the URL, so a token id or a scanner's URLs cannot grow the label set.
 */
export function createMetrics(): TesseraMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tessera_' });
  const registers = [registry];
  const requests = new Counter({
    name: 'tessera_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its reply, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const tokens = new Counter({
    name: 'tessera_tokens_created_total',
    help: 'Tokens stored, by type (idempotent replays not counted).',
    labelNames: ['type'] as const,
    registers,
  });
  const limited = new Counter({
    name: 'tessera_rate_limited_total',
    help: 'Requests answered 429, by the limit they hit: publishable (key and client IP), secret (key), card_testing (a cool-down after card errors).',
    labelNames: ['limit'] as const,
    registers,
  });
  const storeErrors = new Counter({
    name: 'tessera_rate_limit_store_errors_total',
    help: 'Rate-limit store (Redis) commands that failed or timed out; each let its request through unlimited (fail open).',
    registers,
  });
  const batchSize = new Histogram({
    name: 'tessera_vault_commit_batch_size',
    help: 'Token inserts committed together by one group commit.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers,
  });
  const commitSeconds = new Histogram({
    name: 'tessera_vault_commit_duration_seconds',
    help: 'Time one group commit took, from its start to its commit.',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: 'tessera_vault_retries_total',
    help: 'Transactions run again after a serialization failure (40001) or deadlock (40P01).',
    labelNames: ['sqlstate'] as const,
    registers,
  });
  const connectionErrors = new Counter({
    name: 'tessera_vault_connection_errors_total',
    help: 'Pooled database connections that broke while idle (the pool replaced them).',
    registers,
  });
  return {
    registry,
    requests: {
      requestFinished(method, route, statusCode, seconds) {
        requests.inc({ method, route, status_code: statusCode });
        requestSeconds.observe({ method, route }, seconds);
      },
      tokenCreated(type) {
        tokens.inc({ type });
      },
      limited(limit) {
        limited.inc({ limit });
      },
      storeError() {
        storeErrors.inc();
      },
    },
    vault: {
      batchCommitted(size, seconds) {
        batchSize.observe(size);
        commitSeconds.observe(seconds);
      },
      retried(code) {
        retries.inc({ sqlstate: code });
      },
      connectionError() {
        connectionErrors.inc();
      },
    },
    watch(vault) {
      new Gauge({
        name: 'tessera_vault_storage_bytes',
        help: 'Bytes the vault takes on disk (SQLite: the database file and its WAL; Postgres: its tables and their indexes).',
        registers,
        async collect() {
          this.set(await vault.storageBytes());
        },
      });
      if (vault.connectionStats() === null) return;
      new Gauge({
        name: 'tessera_vault_pool_connections',
        help: "The vault's connection pool: connections open (total), idle, the most it opens (max), and requests waiting for one (waiting).",
        labelNames: ['state'] as const,
        registers,
        collect() {
          const stats = vault.connectionStats();
          if (!stats) return;
          this.set({ state: 'total' }, stats.total);
          this.set({ state: 'idle' }, stats.idle);
          this.set({ state: 'waiting' }, stats.waiting);
          this.set({ state: 'max' }, stats.max);
        },
      });
    },
  };
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
