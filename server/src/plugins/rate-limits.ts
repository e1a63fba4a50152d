import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { ApiError, errors } from '../errors.js';
import type { Caller } from '../services/token-service.js';

/** Requests allowed per window, by the key's mode. */
export interface ModeLimits {
  live: number;
  test: number;
}

/** Where the counters live: this process (null), or a Redis every node shares. */
export interface RateLimitStore {
  /** `redis://…` or `rediss://…`. */
  url: string;
  /** Every key this server writes starts with it (several deployments may share one Redis). */
  keyPrefix: string;
  /** The longest one Redis command may take (ms); past it the request goes on unlimited. */
  commandTimeoutMs: number;
}

/** The abuse limits (`tessera serve --rate-limit…`, `--card-error-…`, `--redis`). */
export interface RateLimits {
  /** The window of the request limits (ms). */
  windowMs: number;
  /** `POST /v1/tokens` per publishable key and client IP. */
  publishable: ModeLimits;
  /** Every request of one secret (or restricted) key, on every route together. */
  secret: ModeLimits;
  /** The card-testing cool-down: 402 `card_error` replies counted per client IP and per key. */
  cardErrors: {
    /** Card errors from one client IP within `windowMs` that trip its cool-down; 0: none. */
    perIp: number;
    /** Card errors for one API key within `windowMs` that trip its cool-down; 0: none. */
    perKey: number;
    windowMs: number;
    /** How long a tripped IP or key gets 429 on `POST /v1/tokens` (ms). */
    cooldownMs: number;
  };
  /** null: counters in this process's memory (each node counts on its own). */
  redis: RateLimitStore | null;
}

/** Which limit answered a 429. */
export type LimitName = 'publishable' | 'secret' | 'card_testing';

/** Hears about 429s and about a store that failed (the metrics). Must not throw. */
export interface RateLimitObserver {
  limited(limit: LimitName): void;
  /** A Redis command failed or timed out: that request was let through unlimited. */
  storeError(): void;
}

/** Stripe's per-account figures (about 100 requests/s live, 25 test), per window of 1 s. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  windowMs: 1000,
  publishable: { live: 100, test: 25 },
  secret: { live: 100, test: 25 },
  cardErrors: { perIp: 10, perKey: 100, windowMs: 10 * 60_000, cooldownMs: 10 * 60_000 },
  redis: null,
};

/** How often, at most, a failing store is logged (every failure is counted in the metrics). */
const STORE_WARNING_INTERVAL_MS = 30_000;
/** How long start-up waits for Redis before serving with it unreachable (failing open). */
const REDIS_CONNECT_TIMEOUT_MS = 2000;
/** Counters one node keeps in memory at most (least recently used first out). */
const LOCAL_ENTRIES = 100_000;

/**
 * The Redis client of the limits. A Redis that is down or hung must not hold requests: no
 * offline queue (a command while disconnected fails at once), no retry of a command whose
 * connection broke, and every command bounded by `commandTimeout`. ioredis reconnects by itself.
 */
async function redisClient(store: RateLimitStore): Promise<Redis> {
  // Loaded only when asked for: every other command and server starts without it.
  const { Redis } = await import('ioredis');
  return new Redis(store.url, {
    commandTimeout: store.commandTimeoutMs,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Commands of requests arriving together share one write.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
}

/** Resolves once `redis` is ready, or false after `ms`. */
function connected(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      resolve(false);
    }, ms);
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', ready);
  });
}

/** The client address a limit counts: IPv6 by its /64, as one host usually holds a whole one. */
function clientAddress(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('rate limit reached without authentication');
  return request.caller;
}

/**
 * Abuse limits, by @fastify/rate-limit, on the API routes (those with `config.auth`), after
 * authentication: `POST /v1/tokens` with a publishable key per key and client IP; every request
 * of a secret or restricted key per key, whatever the route; and a card-testing cool-down: an
 * IP or key whose token requests got `limit` 402 `card_error` replies within the window gets
 * 429 on `POST /v1/tokens` for the cool-down. Over a limit: 429 in Stripe's envelope with
 * `Retry-After`. Counters live in Redis when one is configured (shared by every node), else in
 * memory. A failing Redis fails open: the request goes on unlimited, a warning is logged at
 * most every 30 s, and the observer counts each failure.
 */
export const rateLimitPlugin = fp<{ limits: RateLimits; observer?: RateLimitObserver }>(
  async (app, { limits, observer }) => {
    const redis = limits.redis ? await redisClient(limits.redis) : null;
    let lastWarning = 0;
    let unlogged = 0;
    let failing = false;
    /** Logs a failing store at most every 30 s, with how many requests went unlimited since. */
    const warn = (error: unknown) => {
      failing = true;
      const now = Date.now();
      if (now - lastWarning < STORE_WARNING_INTERVAL_MS) return;
      app.log.warn(
        { err: error, unlimitedRequests: unlogged },
        'rate-limit store (Redis) failing: requests go through without rate limits or card-testing cool-downs until it answers',
      );
      lastWarning = now;
      unlogged = 0;
    };
    /** A request went on unlimited because the store failed. */
    const storeFailed = (error: unknown) => {
      observer?.storeError();
      unlogged++;
      warn(error);
    };
    const storeAnswered = () => {
      if (!failing) return;
      failing = false;
      app.log.info('rate-limit store (Redis) answers again: limits enforced');
    };
    if (redis) {
      // Connection errors come as events (ioredis prints them when nobody listens).
      redis.on('error', warn);
      redis.on('ready', storeAnswered);
    }

    await app.register(rateLimit, {
      global: false,
      hook: 'preValidation',
      // Errors reach the hooks below, which let the request through and count them.
      skipOnError: false,
      cache: LOCAL_ENTRIES,
      ...(redis && limits.redis ? { redis, nameSpace: limits.redis.keyPrefix } : {}),
      // Stripe sends no rate-limit headers with a reply that is not limited.
      addHeadersOnExceeding: {
        'x-ratelimit-limit': false,
        'x-ratelimit-remaining': false,
        'x-ratelimit-reset': false,
      },
    });

    const limited = (limit: LimitName) => () => {
      observer?.limited(limit);
      return errors.rateLimited();
    };
    const byMode = (modes: ModeLimits) => (request: FastifyRequest) =>
      callerOf(request).livemode ? modes.live : modes.test;
    // In memory, each limiter keeps its own counters (typed for `rateLimit`, not `createRateLimit`).
    const local = { cache: LOCAL_ENTRIES };
    const common = { ...local, timeWindow: limits.windowMs };
    const publishableLimit = app.rateLimit({
      ...common,
      max: byMode(limits.publishable),
      keyGenerator: (request) => `pk:${callerOf(request).keyLookup}:${clientAddress(request)}`,
      errorResponseBuilder: limited('publishable'),
    });
    // The key's lookup value (a hash, for secret keys): no secret is written to Redis.
    const secretLimit = app.rateLimit({
      ...common,
      max: byMode(limits.secret),
      keyGenerator: (request) => `key:${callerOf(request).keyLookup}`,
      errorResponseBuilder: limited('secret'),
    });

    /**
     * The card errors of one IP or key (a counter over the window) and its cool-down (tripped
     * once, by the error over the limit; `max: 0` makes any count "exceeded" until it expires).
     */
    const cooldown = (
      scope: 'ip' | 'key',
      limit: number,
      keyOf: (request: FastifyRequest) => string,
    ) => ({
      enabled: limit > 0,
      errors: app.createRateLimit({
        ...local,
        max: limit - 1,
        timeWindow: limits.cardErrors.windowMs,
        keyGenerator: (request) => `card-errors:${scope}:${keyOf(request)}`,
      }),
      tripped: app.createRateLimit({
        ...local,
        max: 0,
        timeWindow: limits.cardErrors.cooldownMs,
        keyGenerator: (request) => `cooldown:${scope}:${keyOf(request)}`,
      }),
    });
    const ipCooldown = cooldown('ip', limits.cardErrors.perIp, clientAddress);
    const keyCooldown = cooldown(
      'key',
      limits.cardErrors.perKey,
      (request) => callerOf(request).keyLookup,
    );
    /**
     * The cool-downs a token request counts against. A secret key's requests come from the
     * merchant's backend, whose one IP serves every shopper: only its key counts.
     */
    const cooldownsOf = (request: FastifyRequest) =>
      (callerOf(request).kind === 'publishable' ? [ipCooldown, keyCooldown] : [keyCooldown]).filter(
        (entry) => entry.enabled,
      );
    const isTokenCreation = (request: FastifyRequest) =>
      request.method === 'POST' && request.routeOptions.url === '/v1/tokens';

    /** The longest cool-down left for this request (seconds), or 0. */
    const cooldownLeft = async (request: FastifyRequest): Promise<number> => {
      const states = await Promise.all(
        cooldownsOf(request).map((entry) => entry.tripped(request, { increment: false })),
      );
      return Math.max(
        0,
        ...states.map((state) => (!state.isAllowed && state.isExceeded ? state.ttlInSeconds : 0)),
      );
    };

    app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.routeOptions.config.auth) return;
      const caller = callerOf(request);
      try {
        if (isTokenCreation(request)) {
          const seconds = await cooldownLeft(request);
          if (seconds > 0) {
            observer?.limited('card_testing');
            reply.header('Retry-After', String(seconds));
            throw errors.rateLimited();
          }
        }
        const limit = caller.kind === 'publishable' ? publishableLimit : secretLimit;
        await limit.call(app, request, reply);
        storeAnswered();
      } catch (error) {
        if (error instanceof ApiError) throw error;
        storeFailed(error);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode !== 402 || !request.caller || !isTokenCreation(request)) return payload;
      try {
        // Awaited before the reply goes out: the client's next request sees this error counted.
        for (const entry of cooldownsOf(request)) {
          const counted = await entry.errors(request);
          if (!counted.isAllowed && counted.isExceeded) await entry.tripped(request);
        }
      } catch (error) {
        storeFailed(error);
      }
      return payload;
    });

    app.addHook('onReady', async () => {
      if (redis && !(await connected(redis, REDIS_CONNECT_TIMEOUT_MS))) {
        warn(new Error(`Redis at ${redactedUrl(limits.redis?.url ?? '')} did not answer`));
      }
    });
    app.addHook('onClose', async () => {
      // QUIT waits for the replies still due; a hung Redis gets cut off instead.
      if (redis) {
        await redis.quit().catch(() => {
          redis.disconnect();
        });
      }
    });
  },
  { name: 'tessera-rate-limits', dependencies: ['tessera-auth'] },
);

/** A Redis URL as it may be logged: its password replaced by `****`. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}
