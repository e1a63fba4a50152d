import type { FastifyPluginCallback } from 'fastify';
import { errors } from '../errors.js';
import type { Vault } from '../vault/vault.js';

/** What the health routes look at. */
export interface HealthRoutesOptions {
  vault: Vault;
  /** How long `/readyz` waits for the vault before it says 503 (default 2 s). */
  readinessTimeoutMs?: number;
}

const DEFAULT_READINESS_TIMEOUT_MS = 2000;

/** Resolves when `work` does, rejects when it rejects or takes longer than `ms`. */
function within(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${String(ms)} ms`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * `GET /healthz`: liveness, touching nothing (a node whose database is down is still alive,
 * and restarting it would not help; it is also the benchmark's baseline). `GET /readyz`:
 * readiness, 200 only when the vault answers, else 503 in Stripe's error shape, so that a load
 * balancer stops sending shoppers to a node that cannot store their tokens.
 */
export const healthRoutes: FastifyPluginCallback<HealthRoutesOptions> = (app, options, done) => {
  const timeoutMs = options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
  // Frameable (the API's CSP without `frame-ancestors 'none'`): it shows nothing but
  // {"status":"ok"}, and the element bench loads it as its bare cross-origin iframe.
  app.get('/healthz', (_request, reply) =>
    reply.header('Content-Security-Policy', "default-src 'none'").send({ status: 'ok' }),
  );
  app.get('/readyz', async (request) => {
    try {
      await within(options.vault.ping(), timeoutMs);
    } catch (error) {
      request.log.warn({ err: error }, 'not ready: the vault does not answer');
      throw errors.vaultUnavailable();
    }
    return { status: 'ok' };
  });
  done();
};
