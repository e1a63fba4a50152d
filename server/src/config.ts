/**
 * The one place that reads flags and the environment: every command's configuration is built
 * here, typed, before anything starts. Nothing else reads `process.env`. It stays one file over
 * 400 lines on purpose: one place shows every flag, its default and its bounds.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { safeName } from './redaction.js';
import {
  DEFAULT_CVC_TTL_SECONDS,
  DEFAULT_TIMEOUTS,
  DEFAULT_TOKEN_RETENTION_SECONDS,
  type Timeouts,
} from './app.js';
import type { MasterKeySource } from './crypto/master-key.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './plugins/rate-limits.js';
import {
  DEFAULT_POOL_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type PostgresOptions,
} from './vault/postgres/postgres-vault.js';
import type { SqliteOptions } from './vault/sqlite/sqlite-vault.js';

/** The SQLite adapter and its options (`--sync`). */
export interface SqliteDatabase extends Required<Omit<SqliteOptions, 'migrations' | 'observer'>> {
  kind: 'sqlite';
}

/** The Postgres adapter and its options (`--pool-size`, `--statement-timeout`). */
export interface PostgresDatabase extends Required<
  Pick<PostgresOptions, 'url' | 'poolSize' | 'statementTimeoutMs'>
> {
  kind: 'postgres';
}

/** Which adapter holds the vault, with that adapter's own options. */
export type DatabaseConfig = SqliteDatabase | PostgresDatabase;

/** What every command needs: the database and the master key. */
export interface VaultConfig {
  database: DatabaseConfig;
  masterKey: MasterKeySource;
  /**
   * A master key file in the database's own folder is refused once the vault holds live keys
   * (whoever copies the folder has both); this allows it anyway.
   */
  allowKeyBesideDatabase: boolean;
}

/** What `tessera serve` needs on top. */
export interface ServeConfig extends VaultConfig {
  host: string;
  port: number;
  logLevel: string;
  /** The proxies whose `X-Forwarded-For` gives `client_ip` (addresses or CIDR ranges); none: []. */
  trustProxy: string[];
  tokenTtlSeconds: number;
  /** How long a CVC is kept (`--cvc-ttl`), at most the token's lifetime. */
  cvcTtlSeconds: number;
  /** How long a token's row is kept after it expired (`--token-retention`, in days). */
  tokenRetentionSeconds: number;
  /** Create (first start) or reuse a test key pair kept beside the database, and print it. */
  dev: boolean;
  /** Where `dev` keeps the test key pair (mode 0600). */
  testKeysFile: string;
  /** The built frame served at `/v1/frame/`; default: the installed `tessera` package's. */
  frameDir: string | undefined;
  /**
   * Let pages on a key's allowed origins post to `/v1/tokens` themselves (`--cors`); off by
   * default: card data reaches the vault through the fields' frame only.
   */
  cors: boolean;
  /** The script-tag bundle served at `/v1/tessera.js`; default: the installed `tessera`'s. */
  scriptFile: string | undefined;
  /** Written (JSON: url, pid, test keys file) once the server accepts connections. */
  readyFile: string | undefined;
  /** How long a client may take, in milliseconds (`--request-timeout` and friends). */
  timeouts: Timeouts;
  /** Where Prometheus metrics are served (`--metrics-port`, `--metrics-host`); null: nowhere. */
  metrics: { host: string; port: number } | null;
  /** The abuse limits (`--rate-limit…`, `--card-error-…`, `--redis`), or `off`. */
  rateLimits: RateLimits | 'off';
}

/** Flags shared by every command. */
export interface VaultFlags {
  db?: string | undefined;
  sync?: string | undefined;
  'pool-size'?: string | undefined;
  'statement-timeout'?: string | undefined;
  'master-key-file'?: string | undefined;
  'allow-key-beside-db'?: boolean | undefined;
}

/** Flags of `tessera serve`. */
export interface ServeFlags extends VaultFlags {
  host?: string | undefined;
  port?: string | undefined;
  'log-level'?: string | undefined;
  'trust-proxy'?: string | undefined;
  'token-ttl'?: string | undefined;
  'cvc-ttl'?: string | undefined;
  'token-retention'?: string | undefined;
  dev?: boolean | undefined;
  'frame-dir'?: string | undefined;
  cors?: boolean | undefined;
  'script-file'?: string | undefined;
  'ready-file'?: string | undefined;
  'request-timeout'?: string | undefined;
  'headers-timeout'?: string | undefined;
  'keep-alive-timeout'?: string | undefined;
  'connection-timeout'?: string | undefined;
  'metrics-port'?: string | undefined;
  'metrics-host'?: string | undefined;
  'rate-limit'?: string | undefined;
  'rate-limit-window'?: string | undefined;
  'publishable-limit'?: string | undefined;
  'publishable-limit-test'?: string | undefined;
  'secret-limit'?: string | undefined;
  'secret-limit-test'?: string | undefined;
  'card-error-limit'?: string | undefined;
  'card-error-key-limit'?: string | undefined;
  'card-error-window'?: string | undefined;
  'card-error-cooldown'?: string | undefined;
  redis?: string | undefined;
  'redis-prefix'?: string | undefined;
  'redis-timeout'?: string | undefined;
}

/** Flags of `tessera audit list`. */
export interface AuditListFlags extends VaultFlags {
  since?: string | undefined;
  token?: string | undefined;
  limit?: string | undefined;
}

/** What `tessera audit list` needs on top: which entries to print. */
export interface AuditListConfig extends VaultConfig {
  filter: {
    /** Entries at or after this time, in unix milliseconds. */
    since?: number;
    tokenId?: string;
    /** At most this many entries. */
    limit?: number;
  };
}

/** The environment variables Tessera reads; nothing else reads `process.env`. */
export interface TesseraEnv {
  TESSERA_DATABASE_URL?: string | undefined;
  TESSERA_MASTER_KEY?: string | undefined;
  /** The Redis of the rate limits (`--redis`): in the environment, its password stays out of `ps`. */
  TESSERA_REDIS_URL?: string | undefined;
}

const DEFAULT_DATABASE = './tessera.db';
const DEFAULT_PORT = 4242;
const DEFAULT_ROTATE_BATCH_SIZE = 500;
const DEFAULT_TOKEN_TTL_SECONDS = 60 * 60;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integerFlag(name: string, value: string, min: number, max: number): number {
  const parsed = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}.`);
  }
  return parsed;
}

/** `--name`'s whole number from `min` to `max`, or `fallback` when it was not given. */
function optionalInteger(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  return value === undefined ? fallback : integerFlag(name, value, min, max);
}

/** `postgres://` and `postgresql://` URLs name a Postgres database; anything else a SQLite file. */
const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

function sqliteDatabase(location: string, flags: VaultFlags): SqliteDatabase {
  for (const flag of ['pool-size', 'statement-timeout'] as const) {
    if (flags[flag] !== undefined) {
      throw new ConfigError(`--${flag} applies to a Postgres database (--db postgres://…).`);
    }
  }
  const sync = (flags.sync ?? 'normal').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') {
    throw new ConfigError('--sync must be normal or full.');
  }
  return { kind: 'sqlite', path: resolve(location), synchronous: sync };
}

function postgresDatabase(url: string, flags: VaultFlags): PostgresDatabase {
  if (flags.sync !== undefined) {
    throw new ConfigError(
      "--sync applies to SQLite; a Postgres commit is as durable as the server's synchronous_commit.",
    );
  }
  try {
    new URL(url);
  } catch {
    throw new ConfigError(
      'The Postgres URL cannot be parsed: postgres://user:password@host:5432/database',
    );
  }
  return {
    kind: 'postgres',
    url,
    poolSize: optionalInteger('pool-size', flags['pool-size'], DEFAULT_POOL_SIZE, 1, 1000),
    statementTimeoutMs:
      optionalInteger(
        'statement-timeout',
        flags['statement-timeout'],
        DEFAULT_STATEMENT_TIMEOUT_MS / 1000,
        1,
        600,
      ) * 1000,
  };
}

/**
 * The database and master key: `--db`, then `TESSERA_DATABASE_URL`, then `./tessera.db`; the key
 * from `TESSERA_MASTER_KEY`, or `--master-key-file`, or (SQLite only, for development)
 * `<database>.key`. A Postgres database has no file to keep a key beside: every node of it
 * needs the same key, given explicitly.
 */
export function vaultConfig(flags: VaultFlags, env: TesseraEnv): VaultConfig {
  const location = flags.db ?? env.TESSERA_DATABASE_URL ?? DEFAULT_DATABASE;
  const database = POSTGRES_URL.test(location)
    ? postgresDatabase(location, flags)
    : sqliteDatabase(location, flags);
  if (env.TESSERA_MASTER_KEY && flags['master-key-file'] !== undefined) {
    throw new ConfigError('Give the master key once: TESSERA_MASTER_KEY or --master-key-file.');
  }
  let masterKey: MasterKeySource;
  if (env.TESSERA_MASTER_KEY) masterKey = { kind: 'env', value: env.TESSERA_MASTER_KEY };
  else if (flags['master-key-file'] !== undefined) {
    masterKey = { kind: 'file', path: resolve(flags['master-key-file']) };
  } else if (database.kind === 'sqlite') {
    masterKey = { kind: 'file', path: `${database.path}.key` };
  } else {
    throw new ConfigError(
      'A Postgres vault needs its master key given: TESSERA_MASTER_KEY or --master-key-file, the same key on every node.',
    );
  }
  return { database, masterKey, allowKeyBesideDatabase: flags['allow-key-beside-db'] ?? false };
}

/** Flags of `tessera master-key rotate`. */
export interface RotateFlags extends VaultFlags {
  'new-key-file'?: string | undefined;
  'new-key-env'?: string | undefined;
  'batch-size'?: string | undefined;
  'batch-pause'?: string | undefined;
}

/** What `tessera master-key rotate` needs on top of the vault and its current master key. */
export interface RotateConfig extends VaultConfig {
  /** The master key to rotate to; null: finish re-encrypting under the current data key. */
  newMasterKey: MasterKeySource | null;
  /** Tokens re-encrypted per transaction (`--batch-size`). */
  batchSize: number;
  /** A wait between batches, in milliseconds (`--batch-pause`). */
  batchPauseMs: number;
}

/**
 * The configuration of `tessera master-key rotate`: the new key from a file that must exist
 * (`--new-key-file`) or from the environment variable `--new-key-env` names (read through
 * `variable`), never from the command line.
 */
export function rotateConfig(
  flags: RotateFlags,
  env: TesseraEnv,
  variable: (name: string) => string | undefined,
): RotateConfig {
  const base = vaultConfig(flags, env);
  const file = flags['new-key-file'];
  const name = flags['new-key-env'];
  if (file !== undefined && name !== undefined) {
    throw new ConfigError('Give the new master key once: --new-key-file or --new-key-env.');
  }
  let newMasterKey: MasterKeySource | null = null;
  if (file !== undefined) newMasterKey = { kind: 'file', path: resolve(file), create: false };
  if (name !== undefined) {
    const value = variable(name);
    if (!value) throw new ConfigError(`--new-key-env names ${name}, which is not set.`);
    newMasterKey = { kind: 'env', value };
  }
  return {
    ...base,
    newMasterKey,
    batchSize: optionalInteger(
      'batch-size',
      flags['batch-size'],
      DEFAULT_ROTATE_BATCH_SIZE,
      1,
      10_000,
    ),
    batchPauseMs: optionalInteger('batch-pause', flags['batch-pause'], 0, 0, 60_000),
  };
}

/** Where `serve --dev` keeps its test key pair: beside a SQLite file, or in the working folder. */
function testKeysFile(database: DatabaseConfig): string {
  return database.kind === 'sqlite'
    ? `${database.path}.test-keys.json`
    : resolve('tessera-postgres.test-keys.json');
}

/**
 * `--trust-proxy`: the addresses (or CIDR ranges, or proxy-addr's `loopback`, `linklocal`,
 * `uniquelocal`) of the proxies in front, comma separated. Only their `X-Forwarded-For` is
 * believed; a client's own header is not.
 */
function trustedProxies(value: string | undefined): string[] {
  if (value === undefined) return [];
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', bits, ...more] = entry.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const prefix = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= 128);
    if (!named && (isIP(address) === 0 || !prefix || more.length > 0)) {
      throw new ConfigError(
        `--trust-proxy takes the addresses of your proxies, such as 10.0.0.5,10.1.0.0/16 or loopback; got ${JSON.stringify(entry)}.`,
      );
    }
  }
  return entries;
}

/** A timeout flag in whole seconds (1 s to 1 hour), as milliseconds; `fallback` when absent. */
function timeoutFlag(name: string, value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : integerFlag(name, value, 1, 3600) * 1000;
}

const RATE_LIMIT_FLAGS = [
  'rate-limit-window',
  'publishable-limit',
  'publishable-limit-test',
  'secret-limit',
  'secret-limit-test',
  'card-error-limit',
  'card-error-key-limit',
  'card-error-window',
  'card-error-cooldown',
  'redis',
  'redis-prefix',
  'redis-timeout',
] as const;
const DEFAULT_REDIS_PREFIX = 'tessera:rate-limit:';
const DEFAULT_REDIS_TIMEOUT_MS = 250;
/** The most requests per window a limit may allow (far above what one node can serve). */
const MAX_LIMIT = 10_000_000;

/**
 * The abuse limits: `--rate-limit on|off` (default on), the per-window request limits, the
 * card-testing cool-down, and where the counters live (`--redis`, then `$TESSERA_REDIS_URL`;
 * neither: this process).
 */
function rateLimits(flags: ServeFlags, env: TesseraEnv): RateLimits | 'off' {
  const mode = flags['rate-limit'] ?? 'on';
  if (mode !== 'on' && mode !== 'off') throw new ConfigError('--rate-limit must be on or off.');
  if (mode === 'off') {
    const given = RATE_LIMIT_FLAGS.find((flag) => flags[flag] !== undefined);
    if (given) throw new ConfigError(`--${given} has no effect with --rate-limit off.`);
    return 'off';
  }
  const defaults = DEFAULT_RATE_LIMITS;
  const count = (name: (typeof RATE_LIMIT_FLAGS)[number], fallback: number, min = 1) =>
    optionalInteger(name, flags[name], fallback, min, MAX_LIMIT);
  const seconds = (name: (typeof RATE_LIMIT_FLAGS)[number], fallbackMs: number) =>
    optionalInteger(name, flags[name], fallbackMs / 1000, 1, 24 * 60 * 60) * 1000;
  const url = flags.redis ?? env.TESSERA_REDIS_URL;
  if (url !== undefined && !/^rediss?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError(
      '--redis takes a URL such as redis://127.0.0.1:6379 (or rediss:// for TLS).',
    );
  }
  if (url === undefined && (flags['redis-prefix'] ?? flags['redis-timeout']) !== undefined) {
    throw new ConfigError(
      '--redis-prefix and --redis-timeout apply with --redis (or TESSERA_REDIS_URL).',
    );
  }
  const prefix = flags['redis-prefix'] ?? DEFAULT_REDIS_PREFIX;
  if (!/^[\x21-\x7e]{1,100}$/.test(prefix)) {
    throw new ConfigError('--redis-prefix takes 1 to 100 printable characters, no spaces.');
  }
  return {
    windowMs: seconds('rate-limit-window', defaults.windowMs),
    publishable: {
      live: count('publishable-limit', defaults.publishable.live),
      test: count('publishable-limit-test', defaults.publishable.test),
    },
    secret: {
      live: count('secret-limit', defaults.secret.live),
      test: count('secret-limit-test', defaults.secret.test),
    },
    cardErrors: {
      perIp: count('card-error-limit', defaults.cardErrors.perIp, 0),
      perKey: count('card-error-key-limit', defaults.cardErrors.perKey, 0),
      windowMs: seconds('card-error-window', defaults.cardErrors.windowMs),
      cooldownMs: seconds('card-error-cooldown', defaults.cardErrors.cooldownMs),
    },
    redis:
      url === undefined
        ? null
        : {
            url,
            keyPrefix: prefix,
            commandTimeoutMs: optionalInteger(
              'redis-timeout',
              flags['redis-timeout'],
              DEFAULT_REDIS_TIMEOUT_MS,
              1,
              10_000,
            ),
          },
  };
}

/** The configuration of `tessera serve`. */
export function serveConfig(flags: ServeFlags, env: TesseraEnv): ServeConfig {
  const base = vaultConfig(flags, env);
  const logLevel = flags['log-level'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  return {
    ...base,
    host: flags.host ?? '127.0.0.1',
    port: optionalInteger('port', flags.port, DEFAULT_PORT, 0, 65535),
    logLevel,
    trustProxy: trustedProxies(flags['trust-proxy']),
    tokenTtlSeconds: optionalInteger(
      'token-ttl',
      flags['token-ttl'],
      DEFAULT_TOKEN_TTL_SECONDS,
      60,
      30 * 24 * 60 * 60,
    ),
    cvcTtlSeconds: optionalInteger(
      'cvc-ttl',
      flags['cvc-ttl'],
      DEFAULT_CVC_TTL_SECONDS,
      1,
      24 * 60 * 60,
    ),
    tokenRetentionSeconds:
      optionalInteger(
        'token-retention',
        flags['token-retention'],
        DEFAULT_TOKEN_RETENTION_SECONDS / (24 * 60 * 60),
        0,
        3650,
      ) *
      24 *
      60 *
      60,
    dev: flags.dev ?? false,
    testKeysFile: testKeysFile(base.database),
    frameDir: flags['frame-dir'] === undefined ? undefined : resolve(flags['frame-dir']),
    cors: flags.cors ?? false,
    scriptFile: flags['script-file'] === undefined ? undefined : resolve(flags['script-file']),
    readyFile: flags['ready-file'] === undefined ? undefined : resolve(flags['ready-file']),
    rateLimits: rateLimits(flags, env),
    metrics:
      flags['metrics-port'] === undefined
        ? null
        : {
            host: flags['metrics-host'] ?? '127.0.0.1',
            port: integerFlag('metrics-port', flags['metrics-port'], 0, 65535),
          },
    timeouts: {
      ...DEFAULT_TIMEOUTS,
      request: timeoutFlag('request-timeout', flags['request-timeout'], DEFAULT_TIMEOUTS.request),
      headers: timeoutFlag('headers-timeout', flags['headers-timeout'], DEFAULT_TIMEOUTS.headers),
      keepAlive: timeoutFlag(
        'keep-alive-timeout',
        flags['keep-alive-timeout'],
        DEFAULT_TIMEOUTS.keepAlive,
      ),
      connection: timeoutFlag(
        'connection-timeout',
        flags['connection-timeout'],
        DEFAULT_TIMEOUTS.connection,
      ),
    },
  };
}

/** `YYYY-MM-DD`, optionally with a time of day that says its offset (`Z` or `±hh:mm`). */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** `--since`: unix seconds, or an ISO 8601 date or time; in unix milliseconds. */
function sinceFlag(value: string): number {
  if (/^[0-9]{1,11}$/.test(value)) return Number(value) * 1000;
  const parts = ISO_8601.exec(value);
  const time = parts ? Date.parse(value) : NaN;
  const [year, month, day] = (parts?.slice(1, 4) ?? []).map(Number);
  // Date.parse takes 2026-02-31 for March 3rd: the day must exist in its month.
  const dayExists =
    year !== undefined &&
    month !== undefined &&
    day !== undefined &&
    new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
  if (Number.isNaN(time) || !dayExists) {
    throw new ConfigError(
      `--since takes unix seconds or an ISO 8601 date or time with its offset, such as 2026-12-01 or 2026-12-01T09:30:00Z; got ${JSON.stringify(safeName(value))}.`,
    );
  }
  return time;
}

/** The configuration of `tessera audit list`. */
export function auditListConfig(flags: AuditListFlags, env: TesseraEnv): AuditListConfig {
  const filter: AuditListConfig['filter'] = {};
  if (flags.since !== undefined) filter.since = sinceFlag(flags.since);
  if (flags.token !== undefined) {
    if (!/^[\x21-\x7e]{1,255}$/.test(flags.token)) {
      throw new ConfigError('--token takes a token id, such as tok_1N3T00LkdIwHu7ixt44h1F8k.');
    }
    filter.tokenId = flags.token;
  }
  if (flags.limit !== undefined) filter.limit = integerFlag('limit', flags.limit, 1, 1_000_000_000);
  return { ...vaultConfig(flags, env), filter };
}
