#!/usr/bin/env node
import { once } from 'node:events';
import { renameSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { auditListConfig, serveConfig, vaultConfig, type TesseraEnv } from './config.js';
import { ConfigError } from './config-error.js';
import { ApiKeyService } from './services/api-keys.js';
import { auditEntries, auditLine } from './services/audit.js';
import { parsePermissions, PERMISSIONS } from './services/permissions.js';
import { startServer } from './start.js';
import { openVault } from './vault/open-vault.js';

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
  keys revoke    Revoke one API key, on every node at once
  audit list     Print the audit log of token reads (JSON lines, oldest first)

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
  --frame-ancestors   Who may embed the fields: * (default) or origins, space separated
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
${VAULT_HELP}`,
  'keys create': `Usage: tessera keys create [options]

Create an API key pair for a new account (or --account) and print it as JSON.
The secret key is shown once: only its hash is stored.

  --live              Create live-mode keys (default: test mode)
  --account <acct_…>  Add the pair to an existing account
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
} as const;

function parse<T extends Options>(args: string[], options: T) {
  return parseArgs({ args, options: { ...VAULT_OPTIONS, ...options }, strict: true });
}

function environment(): TesseraEnv {
  return {
    TESSERA_DATABASE_URL: process.env.TESSERA_DATABASE_URL,
    TESSERA_MASTER_KEY: process.env.TESSERA_MASTER_KEY,
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
    'frame-ancestors': { type: 'string' },
    'script-file': { type: 'string' },
    'ready-file': { type: 'string' },
    'request-timeout': { type: 'string' },
    'headers-timeout': { type: 'string' },
    'keep-alive-timeout': { type: 'string' },
    'connection-timeout': { type: 'string' },
    'metrics-port': { type: 'string' },
    'metrics-host': { type: 'string' },
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

async function keys(action: string | undefined, args: string[]): Promise<void> {
  if (action === 'create') {
    const { values } = parse(args, { live: { type: 'boolean' }, account: { type: 'string' } });
    if (values.help) {
      console.log(HELP['keys create']);
      return;
    }
    const { vault, warnings } = await openVault(vaultConfig(values, environment()), {
      creatingLiveKeys: values.live ?? false,
    });
    for (const warning of warnings) console.error(`tessera: ${warning}`);
    try {
      const pair = await new ApiKeyService(vault).createKeyPair({
        livemode: values.live ?? false,
        ...(values.account === undefined ? {} : { accountId: values.account }),
      });
      console.log(JSON.stringify(pair, null, 2));
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
