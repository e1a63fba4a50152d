import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Sealer } from './crypto/sealer.js';
import { newId } from './ids.js';
import { AccessLog, loggerOptions } from './logging.js';
import { authPlugin } from './plugins/auth.js';
import { rateLimitPlugin, type RateLimitObserver, type RateLimits } from './plugins/rate-limits.js';
import {
  BODY_LIMIT_BYTES,
  clientError,
  frameworkError,
  parseQuery,
  wirePlugin,
} from './plugins/wire.js';
import { frameRoutes } from './routes/frame.js';
import { healthRoutes } from './routes/health.js';
import { scriptRoutes } from './routes/script.js';
import { tokenRoutes } from './routes/tokens.js';
import { PublishableKeyCache } from './services/api-keys.js';
import { AuditLog } from './services/audit.js';
import { IdempotencyService } from './services/idempotency.js';
import { TokenService } from './services/token-service.js';
import type { TokenType, Vault } from './vault/vault.js';

/** What the app needs; everything else is built from it. */
export interface AppOptions {
  vault: Vault;
  sealer: Sealer;
  /** Seconds a token stays usable. */
  tokenTtlSeconds: number;
  /** Seconds a CVC is kept, at most the token's lifetime (default 10 minutes). */
  cvcTtlSeconds?: number;
  /** Seconds an expired or used token's row is kept before it is deleted (default 30 days). */
  tokenRetentionSeconds?: number;
  /** How often expired tokens' sealed data is erased and old idempotency records purged. */
  sweepIntervalMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** The built frame to serve at `/v1/frame/` (none: the frame routes answer 404). */
  frameDir?: string;
  /**
   * Let pages on a key's allowed origins post to `/v1/tokens` themselves (CORS). Off by
   * default: card data reaches the vault through the fields' frame only.
   */
  cors?: boolean;
  /** Serve the frame scripts' source maps (`serve --dev`). */
  frameSourceMaps?: boolean;
  /** The script-tag bundle to serve at `/v1/tessera.js` (none: that URL answers 404). */
  scriptFile?: string;
  /** Hears about every finished request and stored token (the metrics); none: no hook. */
  observer?: RequestObserver;
  /** The abuse limits (`tessera serve`'s defaults: `DEFAULT_RATE_LIMITS`), or `off`. */
  rateLimits: RateLimits | 'off';
}

/** What the app reports as it serves, for the metrics listener. Must not throw. */
export interface RequestObserver extends RateLimitObserver {
  /** A reply was sent: the route's pattern (or `unmatched`), its status and duration. */
  requestFinished(method: string, route: string, statusCode: number, seconds: number): void;
  /** A token was stored. */
  tokenCreated(type: TokenType): void;
}

/** Options of the Fastify instance itself. */
export interface ServerOptions {
  /** Log level, or false for no logs. */
  logLevel: string | false;
  /** Where log lines go (stdout by default); card-number-like digit runs are redacted. */
  logDestination?: { write(line: string): unknown };
  /** The proxies in front whose `X-Forwarded-For` gives `client_ip` (addresses or ranges). */
  trustProxy?: string[];
  /** How long a client may take (milliseconds); default {@link DEFAULT_TIMEOUTS}. */
  timeouts?: Partial<Timeouts>;
}

/**
 * How long a client may hold a connection without finishing what it does (milliseconds):
 * slow clients are an attack on connections and file descriptors, so each has a bound.
 */
export interface Timeouts {
  /** Receiving a whole request: headers and body. */
  request: number;
  /** Receiving the headers. */
  headers: number;
  /** An idle keep-alive connection between requests. */
  keepAlive: number;
  /** A connection with no traffic at all, in either direction (a client not reading). */
  connection: number;
  /** How often the first two are checked (Node checks them on an interval, not per request). */
  checkInterval: number;
}

/** The defaults of `tessera serve` (`--request-timeout` and friends change them). */
export const DEFAULT_TIMEOUTS: Timeouts = {
  request: 15_000,
  headers: 10_000,
  keepAlive: 10_000,
  connection: 60_000,
  checkInterval: 1000,
};

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
/** How long a CVC is kept: PCI DSS forbids keeping it once it has served its authorization. */
export const DEFAULT_CVC_TTL_SECONDS = 10 * 60;
/** How long a token's row stays after it expired: `GET /v1/tokens/:id` answers until then. */
export const DEFAULT_TOKEN_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** What one sweep did. */
export interface SweepResult {
  /** Expired tokens whose sealed data was erased. */
  erased: number;
  /** CVCs erased after `cvcTtlSeconds`, of tokens still usable. */
  cvcsErased: number;
  /** Idempotency records older than 24 hours, deleted. */
  purged: number;
  /** Token rows past their retention, deleted. */
  deleted: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs the periodic sweep now (the server runs it every minute). */
    sweep(): Promise<SweepResult>;
  }
}

const tesseraApp: FastifyPluginAsync<AppOptions> = async (instance, options) => {
  const now = options.now ?? (() => new Date());
  const keys = new PublishableKeyCache(options.vault);
  const tokens = new TokenService({
    keys,
    vault: options.vault,
    sealer: options.sealer,
    tokenTtlSeconds: options.tokenTtlSeconds,
    cvcTtlSeconds: options.cvcTtlSeconds ?? DEFAULT_CVC_TTL_SECONDS,
    now,
    ...(options.observer
      ? { onCreated: options.observer.tokenCreated.bind(options.observer) }
      : {}),
  });
  const idempotency = new IdempotencyService(options.vault, options.sealer, now);

  const observer = options.observer;
  if (observer) {
    instance.addHook('onResponse', (request, reply, done) => {
      observer.requestFinished(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
  await instance.register(wirePlugin);
  const cors = options.cors ?? false;
  await instance.register(authPlugin, { keys, cors, audit: new AuditLog(options.vault, now) });
  if (options.rateLimits !== 'off') {
    await instance.register(rateLimitPlugin, {
      limits: options.rateLimits,
      ...(options.observer ? { observer: options.observer } : {}),
    });
  }
  await instance.register(healthRoutes, { vault: options.vault });
  await instance.register(tokenRoutes, { tokens, idempotency, cors });
  if (options.frameDir) {
    await instance.register(frameRoutes, {
      frameDir: options.frameDir,
      keys,
      sourceMaps: options.frameSourceMaps ?? false,
    });
  }
  if (options.scriptFile) {
    await instance.register(scriptRoutes, { scriptFile: options.scriptFile });
  }

  const retention = options.tokenRetentionSeconds ?? DEFAULT_TOKEN_RETENTION_SECONDS;
  const sweep = async (): Promise<SweepResult> => {
    const seconds = Math.floor(now().getTime() / 1000);
    const erased = await tokens.eraseExpired();
    const cvcsErased = await tokens.eraseExpiredCvcs();
    const purged = await options.vault.purgeIdempotency(seconds - 24 * 60 * 60);
    const deleted = await options.vault.deleteExpiredTokens(seconds - retention);
    // A rotation made a new data key: seal with it from now on (see `tessera master-key`).
    await options.sealer.refresh();
    if (erased + cvcsErased + purged + deleted > 0) {
      instance.log.info({ erased, cvcsErased, purged, deleted }, 'swept expired data');
    }
    return { erased, cvcsErased, purged, deleted };
  };
  instance.decorate('sweep', sweep);
  let timer: NodeJS.Timeout | undefined;
  instance.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => {
      sweep().catch((error: unknown) => {
        instance.log.error({ err: error }, 'sweep failed');
      });
    }, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    timer.unref();
  });
  instance.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
};

/**
 * The token server as a Fastify plugin: wire conventions, auth, rate limits, CORS and the
 * routes. Not encapsulated (fastify-plugin), so its `sweep` decorator is the caller's too.
 */
export const app = fp(tesseraApp, { name: 'tessera-app' });

/** Builds a ready-to-listen Fastify instance running {@link app}. */
export async function buildApp(options: AppOptions & ServerOptions): Promise<FastifyInstance> {
  const { logLevel, logDestination, trustProxy, timeouts: given, ...appOptions } = options;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...given };
  const instance = Fastify({
    logger: logLevel === false ? false : loggerOptions(logLevel, logDestination ?? process.stdout),
    logController: new AccessLog(),
    genReqId: () => newId('req'),
    requestIdHeader: false,
    trustProxy: trustProxy && trustProxy.length > 0 ? trustProxy : false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: timeouts.request,
    keepAliveTimeout: timeouts.keepAlive,
    connectionTimeout: timeouts.connection,
    http: {
      headersTimeout: Math.min(timeouts.headers, timeouts.request),
      connectionsCheckingInterval: timeouts.checkInterval,
    },
    routerOptions: { querystringParser: parseQuery },
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allErrors: false,
      },
    },
  });
  await instance.register(app, appOptions);
  return instance;
}
