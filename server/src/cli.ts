#!/usr/bin/env node
/**
 * `tessera`: every command's flags, help text and output. It stays one file over 400 lines
 * because each command is a short parse-open-print sequence and the help texts sit beside the
 * flags they describe; the work itself is in the services. (Splitting it by command group,
 * keys, audit and master-key, is the next step once it grows again.)
 */
import { once } from 'node:events';
import { renameSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  auditListConfig,
  rotateConfig,
  serveConfig,
  vaultConfig,
  type TesseraEnv,
} from './config.js';
import { ConfigError } from './config-error.js';
import { loadMasterKey } from './crypto/master-key.js';
import { Sealer } from './crypto/sealer.js';
import { ApiKeyService, type OriginChange } from './services/api-keys.js';
import { auditEntries, auditLine } from './services/audit.js';
import {
  keyringStatus,
  prepareRotation,
  reencrypt,
  retireMasterKey,
} from './services/key-rotation.js';
import { parsePermissions, PERMISSIONS } from './services/permissions.js';
import { startServer } from './start.js';
import { loadKeyring, openVault } from './vault/open-vault.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const VAULT_OPTIONS = {
  db: { type: 'string' },
  sync: { type: 'string' },
  'pool-size': { type: 'string' },
  'statement-timeout': { type: 'string' },
  'master-key-file': { type: 'string' },
  'allow-key-beside-db': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

const VAULT_HELP = `  --db <path|url>     A SQLite file, or a postgres:// URL shared by several nodes
                      (default: $TESSERA_DATABASE_URL, then ./tessera.db)
  --sync normal|full  SQLite synchronous level (default normal: survives a process crash)
  --pool-size <n>     Postgres: the most connections this node opens (default 10)
  --statement-timeout <secs>  Postgres: the longest a statement, or the wait for a
                      connection, may take (default 5)
  --master-key-file <path>  The master key (default: $TESSERA_MASTER_KEY; for SQLite then
                      <db>.key, created on first start; keep it out of the database's
                      folder; for Postgres, required: the same key on every node)
  --allow-key-beside-db     Use live keys with the key file in the database's folder
  -h, --help          Show this help`;

const HELP = {
  main: `Usage: tessera <command> [options]

Commands:
  serve          Start the token server
  keys create    Create an API key pair (prints JSON)
  keys create-restricted  Create a restricted key with the permissions given (prints JSON)
  keys list      List API keys (secret and restricted keys masked)
  keys update    Change the origins a publishable key's fields may be embedded in
  keys revoke    Revoke one API key, on every node at once
  audit list     Print the audit log of token reads (JSON lines, oldest first)
  master-key rotate   Rotate to a new master key while the nodes serve
  master-key status   The master keys, data keys and records per data key (JSON)
  master-key retire   Retire a master key once nothing needs it

Run "tessera <command> --help" for a command's options.
The master key comes from $TESSERA_MASTER_KEY, or a 0600 key file (--master-key-file; for
development with SQLite, <db>.key beside the database).`,
  serve: `Usage: tessera serve [options]

Start the token server.

  --host <host>       Interface to listen on (default 127.0.0.1)
  --port <port>       Port (default 4242; 0 picks a free one)
  --log-level <level> fatal|error|warn|info|debug|trace|silent (default info)
  --trust-proxy <addresses>   The proxies in front (e.g. 10.0.0.5,10.1.0.0/16 or
                      loopback): client_ip comes from their X-Forwarded-For only
  --token-ttl <secs>  How long a token stays usable (default 3600)
  --cvc-ttl <secs>    How long a CVC is kept, at most the token's lifetime; then it is
                      erased though the token stays usable (default 600)
  --token-retention <days>  How long a token's row stays after it expired or was
                      used, for GET /v1/tokens/:id (default 30; 0: deleted at once)
  --dev               Create (first start) or reuse a test key pair and print it
  --cors              Let pages on a publishable key's allowed origins post to
                      /v1/tokens themselves (off by default: only the fields' frame
                      sends card data to the vault)
  --frame-dir <dir>   The built frame (default: the installed tessera package's)
  --script-file <js>  The script-tag bundle served at /v1/tessera.js
                      (default: the installed tessera package's)
  --ready-file <path> Once listening, write {"url","pid","test_keys_file"} as JSON
                      there (for supervisors and scripts; replaced atomically)
  --request-timeout <secs>    A whole request, headers and body (default 15)
  --headers-timeout <secs>    The request headers (default 10)
  --keep-alive-timeout <secs> An idle keep-alive connection (default 10; behind a load
                              balancer, set it above the balancer's idle timeout)
  --connection-timeout <secs> A connection with no traffic at all (default 60)
  --metrics-port <port>       Serve Prometheus metrics at /metrics on this port (off by
                              default; never the public port)
  --metrics-host <host>       Interface of the metrics listener (default 127.0.0.1)

Rate limits (over one: 429, code rate_limit, with Retry-After):
  --rate-limit on|off         Every limit below (default on; off is for benchmarks)
  --rate-limit-window <secs>  The window of the request limits (default 1)
  --publishable-limit <n>     POST /v1/tokens per live publishable key and client IP,
                              per window (default 100)
  --publishable-limit-test <n>  The same for test keys (default 25)
  --secret-limit <n>          Requests per live secret or restricted key, every route
                              together, per window (default 100)
  --secret-limit-test <n>     The same for test keys (default 25)
  --card-error-limit <n>      Card errors (402) one client IP may get within
                              --card-error-window before its token requests are refused
                              for --card-error-cooldown (default 10; 0: no limit)
  --card-error-key-limit <n>  The same per API key, from any IP (default 100; 0: no limit)
  --card-error-window <secs>  The window card errors are counted in (default 600)
  --card-error-cooldown <secs>  How long a tripped IP or key is refused (default 600)
  --redis <url>               Keep the counters in Redis, shared by every node
                              (default: $TESSERA_REDIS_URL; neither: in this process).
                              A Redis that fails lets requests through unlimited (logged)
  --redis-prefix <prefix>     Prefix of every Redis key (default tessera:rate-limit:)
  --redis-timeout <ms>        The longest one Redis command may take (default 250)

${VAULT_HELP}`,
  'keys create': `Usage: tessera keys create [options]

Create an API key pair for a new account (or --account) and print it as JSON.
The secret key is shown once: only its hash is stored.

  --live              Create live-mode keys (default: test mode)
  --account <acct_…>  Add the pair to an existing account
  --allowed-origin <origin>  An origin whose pages may embed the publishable key's
                      fields, e.g. https://shop.example (repeatable; a live key needs
                      at least one and takes https: only; a test key without any
                      allows every origin)
${VAULT_HELP}`,
  'keys create-restricted': `Usage: tessera keys create-restricted --permission <name> … [options]

Create a restricted key (rk_test_… or rk_live_…) for a new account (or --account)
holding only the permissions given, and print it as JSON. It is shown once: only
its hash is stored. Like a secret key, it is refused from a browser.

  --permission <name> Repeatable: ${PERMISSIONS.join(', ')} (Stripe's
                      names, such as rak_token_read, work too)
                      token_read        GET /v1/tokens/:id
                      token_write       POST /v1/tokens from a server; implies token_read
                      token_detokenize  POST /v1/tokens/:id/detokenize (card numbers);
                                        implies nothing else, and nothing implies it
  --live              Create a live-mode key (default: test mode)
  --account <acct_…>  Add the key to an existing account
${VAULT_HELP}`,
  'keys list': `Usage: tessera keys list [options]

List every API key as JSON (secret and restricted keys masked).

${VAULT_HELP}`,
  'keys update': `Usage: tessera keys update <pk_…> [--allowed-origin <origin>…]
                           [--add-origin <origin>…] [--remove-origin <origin>…]

Change the origins whose pages may embed a publishable key's fields and ask for its
tokens, and print the key. Every node applies the new list within a minute (its key
cache).

  --allowed-origin <origin>  The new list, replacing the old one (repeatable)
  --add-origin <origin>      Add an origin to the list (repeatable)
  --remove-origin <origin>   Take an origin off the list (repeatable)
  --any-origin        Test keys only: allow every origin (an empty list)
${VAULT_HELP}`,
  'audit list': `Usage: tessera audit list [options]

Print the audit log, one JSON object per line, oldest first: every GET /v1/tokens/:id
and every detokenize made with a valid API key, with its outcome.

  --since <time>      Entries from this time on: unix seconds, or ISO 8601
                      (2026-12-01, 2026-12-01T09:30:00Z)
  --token <tok_…>     Entries of this token only
  --limit <n>         At most n entries
${VAULT_HELP}`,
  'keys revoke': `Usage: tessera keys revoke <pk_…|sk_…|rk_…|-> [options]

Revoke one API key: every node refuses it from its next request on, a node that
has it cached included. The other key of its pair keeps working. With -, the key
is read from standard input (a secret key then stays out of ps and shell history).

${VAULT_HELP}`,
  'master-key rotate': `Usage: tessera master-key rotate --new-key-file <path> [options]
       tessera master-key rotate [options]

With a new master key: wraps every data key and the fingerprint key under it as
well, makes a new data key wrapped under both keys, then re-encrypts every sealed
record under the new data key, a batch per transaction, printing one JSON line per
batch. The nodes keep serving throughout. Safe to stop or kill at any point: run
the same command again and it carries on from what the records say.
Without a new master key (run with the new key as the current one, after every node
was restarted with it): re-encrypts whatever is still under an older data key.
The current master key comes from the usual place (TESSERA_MASTER_KEY or
--master-key-file); a key is never given on the command line.

  --new-key-file <path>   The new master key: an existing 0600 file (32 bytes as
                          64 hex digits or base64)
  --new-key-env <NAME>    The new master key, from environment variable NAME
  --batch-size <n>        Tokens per transaction (default 500)
  --batch-pause <ms>      Wait between batches, to leave the database to the nodes
                          (default 0)
${VAULT_HELP}`,
  'master-key status': `Usage: tessera master-key status [options]

Print the master keys, the data keys (which master keys wrap each, how many sealed
records each holds) and how many records a rotation has left, as JSON.

${VAULT_HELP}`,
  'master-key retire': `Usage: tessera master-key retire --key-id <id> [options]

Retire master key <id> (see master-key status), run with a master key that stays:
deletes its wrappings and the older data keys it wrapped. Refuses while a record is
still sealed under one of those data keys; a node started with the retired key then
exits with code 2.

  --key-id <id>       The master key to retire
${VAULT_HELP}`,
} as const;

function parse<T extends Options>(args: string[], options: T) {
  return parseArgs({ args, options: { ...VAULT_OPTIONS, ...options }, strict: true });
}

function environment(): TesseraEnv {
  return {
    TESSERA_DATABASE_URL: process.env.TESSERA_DATABASE_URL,
    TESSERA_MASTER_KEY: process.env.TESSERA_MASTER_KEY,
    TESSERA_REDIS_URL: process.env.TESSERA_REDIS_URL,
  };
}

/** What `--ready-file` holds once the server accepts connections. */
interface ReadyFile {
  url: string;
  /** The metrics listener's URL; null without `--metrics-port`. */
  metrics_url: string | null;
  pid: number;
  /** Where `--dev` keeps the test key pair; null without `--dev`. */
  test_keys_file: string | null;
}

/** Writes the ready file in one step (a reader never sees half of it). */
function writeReadyFile(path: string, ready: ReadyFile): void {
  const partial = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(partial, JSON.stringify(ready) + '\n', { mode: 0o600 });
  renameSync(partial, path);
}

async function serve(args: string[]): Promise<void> {
  const { values } = parse(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    'log-level': { type: 'string' },
    'trust-proxy': { type: 'string' },
    'token-ttl': { type: 'string' },
    'cvc-ttl': { type: 'string' },
    'token-retention': { type: 'string' },
    dev: { type: 'boolean' },
    'frame-dir': { type: 'string' },
    cors: { type: 'boolean' },
    'script-file': { type: 'string' },
    'ready-file': { type: 'string' },
    'request-timeout': { type: 'string' },
    'headers-timeout': { type: 'string' },
    'keep-alive-timeout': { type: 'string' },
    'connection-timeout': { type: 'string' },
    'metrics-port': { type: 'string' },
    'metrics-host': { type: 'string' },
    'rate-limit': { type: 'string' },
    'rate-limit-window': { type: 'string' },
    'publishable-limit': { type: 'string' },
    'publishable-limit-test': { type: 'string' },
    'secret-limit': { type: 'string' },
    'secret-limit-test': { type: 'string' },
    'card-error-limit': { type: 'string' },
    'card-error-key-limit': { type: 'string' },
    'card-error-window': { type: 'string' },
    'card-error-cooldown': { type: 'string' },
    redis: { type: 'string' },
    'redis-prefix': { type: 'string' },
    'redis-timeout': { type: 'string' },
  });
  if (values.help) {
    console.log(HELP.serve);
    return;
  }
  const config = serveConfig(values, environment());
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.error(`Tessera token server listening on ${server.url}`);
  if (server.metricsUrl) console.error(`Metrics at ${server.metricsUrl}/metrics`);
  if (server.testKeys) {
    console.error(`Test keys (kept in ${config.testKeysFile}):
  publishable key: ${server.testKeys.publishable_key}
  secret key:      ${server.testKeys.secret_key}
Try:
  curl ${server.url}/v1/tokens -u ${server.testKeys.publishable_key}: \\
    -d "card[number]=4242424242424242" -d "card[exp_month]=12" -d "card[exp_year]=${new Date().getUTCFullYear() + 2}" -d "card[cvc]=123"`);
  }
  // Announced last, once the signal handlers are in place and everything is printed: from
  // here a SIGTERM drains gracefully.
  if (config.readyFile) {
    writeReadyFile(config.readyFile, {
      url: server.url,
      metrics_url: server.metricsUrl,
      pid: process.pid,
      test_keys_file: server.testKeys ? config.testKeysFile : null,
    });
  }
}

/** What `keys update`'s flags ask for: one of a new list, every origin, or additions and removals. */
function originChange(values: {
  'allowed-origin'?: string[] | undefined;
  'add-origin'?: string[] | undefined;
  'remove-origin'?: string[] | undefined;
  'any-origin'?: boolean | undefined;
}): OriginChange {
  const set = values['allowed-origin'];
  const add = values['add-origin'] ?? [];
  const remove = values['remove-origin'] ?? [];
  const any = values['any-origin'] ?? false;
  const kinds = [set !== undefined, any, add.length + remove.length > 0].filter(Boolean).length;
  if (kinds !== 1) {
    throw new ConfigError(
      `keys update takes --allowed-origin, --any-origin, or --add-origin/--remove-origin: one of them.\n\n${HELP['keys update']}`,
    );
  }
  if (any) return { set: [] };
  return set === undefined ? { add, remove } : { set };
}

async function keys(action: string | undefined, args: string[]): Promise<void> {
  if (action === 'create') {
    const { values } = parse(args, {
      live: { type: 'boolean' },
      account: { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
    });
    if (values.help) {
      console.log(HELP['keys create']);
      return;
    }
    const allowedOrigins = values['allowed-origin'] ?? [];
    const { vault, warnings } = await openVault(vaultConfig(values, environment()), {
      creatingLiveKeys: values.live ?? false,
    });
    for (const warning of warnings) console.error(`tessera: ${warning}`);
    try {
      const pair = await new ApiKeyService(vault).createKeyPair({
        livemode: values.live ?? false,
        ...(values.account === undefined ? {} : { accountId: values.account }),
        allowedOrigins,
      });
      console.log(JSON.stringify(pair, null, 2));
      if (pair.allowed_origins.length === 0) {
        console.error(
          'tessera: this test key allows every origin: any page may embed its fields. Bind it with tessera keys update <pk_…> --allowed-origin https://shop.example',
        );
      }
    } finally {
      await vault.close();
    }
    return;
  }
  if (action === 'create-restricted') {
    const { values } = parse(args, {
      live: { type: 'boolean' },
      account: { type: 'string' },
      permission: { type: 'string', multiple: true },
    });
    if (values.help) {
      console.log(HELP['keys create-restricted']);
      return;
    }
    const permissions = parsePermissions(values.permission ?? []);
    const { vault, warnings } = await openVault(vaultConfig(values, environment()), {
      creatingLiveKeys: values.live ?? false,
    });
    for (const warning of warnings) console.error(`tessera: ${warning}`);
    try {
      const key = await new ApiKeyService(vault).createRestrictedKey({
        livemode: values.live ?? false,
        permissions,
        ...(values.account === undefined ? {} : { accountId: values.account }),
      });
      console.log(JSON.stringify(key, null, 2));
    } finally {
      await vault.close();
    }
    return;
  }
  if (action === 'list') {
    const { values } = parse(args, {});
    if (values.help) {
      console.log(HELP['keys list']);
      return;
    }
    const { vault } = await openVault(vaultConfig(values, environment()));
    try {
      console.log(JSON.stringify(await new ApiKeyService(vault).list(), null, 2));
    } finally {
      await vault.close();
    }
    return;
  }
  if (action === 'update') {
    const { values, positionals } = parseArgs({
      args,
      options: {
        ...VAULT_OPTIONS,
        'allowed-origin': { type: 'string', multiple: true },
        'add-origin': { type: 'string', multiple: true },
        'remove-origin': { type: 'string', multiple: true },
        'any-origin': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      console.log(HELP['keys update']);
      return;
    }
    const [key, ...extra] = positionals;
    if (key === undefined || extra.length > 0) {
      throw new ConfigError(`keys update takes one publishable key.\n\n${HELP['keys update']}`);
    }
    const change = originChange(values);
    const { vault } = await openVault(vaultConfig(values, environment()));
    try {
      const updated = await new ApiKeyService(vault).updateAllowedOrigins(key, change);
      console.log(JSON.stringify(updated, null, 2));
    } finally {
      await vault.close();
    }
    return;
  }
  if (action === 'revoke') {
    const { values, positionals } = parseArgs({
      args,
      options: VAULT_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      console.log(HELP['keys revoke']);
      return;
    }
    const [given, ...extra] = positionals;
    if (given === undefined || extra.length > 0) {
      throw new ConfigError(`keys revoke takes one key.\n\n${HELP['keys revoke']}`);
    }
    const key = given === '-' ? (await text(process.stdin)).trim() : given;
    const { vault } = await openVault(vaultConfig(values, environment()));
    try {
      const revoked = await new ApiKeyService(vault).revoke(key);
      console.log(JSON.stringify({ ...revoked, revoked: true }, null, 2));
    } finally {
      await vault.close();
    }
    return;
  }
  throw new ConfigError(`Unknown keys command${action ? ` "${action}"` : ''}.\n\n${HELP.main}`);
}

/** Prints one JSON line on standard output (the progress of a rotation). */
function printLine(line: object): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function masterKey(action: string | undefined, args: string[]): Promise<void> {
  if (action === 'rotate') {
    const { values } = parse(args, {
      'new-key-file': { type: 'string' },
      'new-key-env': { type: 'string' },
      'batch-size': { type: 'string' },
      'batch-pause': { type: 'string' },
    });
    if (values.help) {
      console.log(HELP['master-key rotate']);
      return;
    }
    const config = rotateConfig(values, environment(), (name) => process.env[name]);
    const next = config.newMasterKey ? loadMasterKey(config.newMasterKey) : null;
    const { vault } = await openVault(config);
    try {
      const current = loadMasterKey(config.masterKey);
      if (next) {
        const prepared = await prepareRotation(vault, current, next);
        printLine({
          step: 'keys',
          data_key: prepared.dataKeyId,
          created: prepared.created,
          wrapped: prepared.wrapped,
        });
      }
      // The keyring as step 1 left it: the new data key is the current one.
      const sealer = new Sealer(await loadKeyring(vault, current));
      const totals = await reencrypt(vault, sealer, {
        batchSize: config.batchSize,
        pauseMs: config.batchPauseMs,
        onBatch: (progress) => {
          printLine({ step: 'records', ...progress });
        },
      });
      const status = await keyringStatus(vault, current);
      printLine({
        step: 'done',
        data_key: sealer.keyId,
        ...totals,
        records_left: status.records_left,
      });
    } finally {
      await vault.close();
    }
    return;
  }
  if (action === 'status') {
    const { values } = parse(args, {});
    if (values.help) {
      console.log(HELP['master-key status']);
      return;
    }
    const config = vaultConfig(values, environment());
    const { vault } = await openVault(config);
    try {
      const status = await keyringStatus(vault, loadMasterKey(config.masterKey));
      console.log(JSON.stringify(status, null, 2));
    } finally {
      await vault.close();
    }
    return;
  }
  if (action === 'retire') {
    const { values } = parse(args, { 'key-id': { type: 'string' } });
    if (values.help) {
      console.log(HELP['master-key retire']);
      return;
    }
    const retired = values['key-id'];
    if (retired === undefined || !/^[0-9a-f]{16}$/.test(retired)) {
      throw new ConfigError(
        `master-key retire takes --key-id <id>: 16 hex digits, as master-key status prints them.\n\n${HELP['master-key retire']}`,
      );
    }
    const config = vaultConfig(values, environment());
    const { vault } = await openVault(config);
    try {
      const result = await retireMasterKey(vault, loadMasterKey(config.masterKey), retired);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await vault.close();
    }
    return;
  }
  throw new ConfigError(
    `Unknown master-key command${action ? ` "${action}"` : ''}.\n\n${HELP.main}`,
  );
}

async function audit(action: string | undefined, args: string[]): Promise<void> {
  if (action !== 'list') {
    throw new ConfigError(`Unknown audit command${action ? ` "${action}"` : ''}.\n\n${HELP.main}`);
  }
  const { values } = parse(args, {
    since: { type: 'string' },
    token: { type: 'string' },
    limit: { type: 'string' },
  });
  if (values.help) {
    console.log(HELP['audit list']);
    return;
  }
  const config = auditListConfig(values, environment());
  const { vault } = await openVault(config);
  try {
    for await (const record of auditEntries(vault, config.filter)) {
      // A long log is written as fast as the reader takes it, not gathered in memory.
      if (!process.stdout.write(`${JSON.stringify(auditLine(record))}\n`)) {
        await once(process.stdout, 'drain');
      }
    }
  } finally {
    await vault.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'keys':
      if (rest[0] === '--help' || rest[0] === '-h') {
        console.log(HELP.main);
        return;
      }
      return keys(rest[0], rest.slice(1));
    case 'master-key':
      if (rest[0] === '--help' || rest[0] === '-h') {
        console.log(HELP.main);
        return;
      }
      return masterKey(rest[0], rest.slice(1));
    case 'audit':
      if (rest[0] === '--help' || rest[0] === '-h') {
        console.log(HELP['audit list']);
        return;
      }
      return audit(rest[0], rest.slice(1));
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP.main);
      return;
    default:
      throw new ConfigError(`Unknown command "${command}".\n\n${HELP.main}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(known ? `tessera: ${(error as Error).message}` : error);
  process.exit(known ? 2 : 1);
});
