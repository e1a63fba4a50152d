import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app.js';
import type { Sealer } from '../../src/server/crypto/sealer.js';
import { ApiKeyService, type KeyPair } from '../../src/server/services/api-keys.js';
import { openVault } from '../../src/server/vault/open-vault.js';
import type { Vault } from '../../src/server/vault/vault.js';

/** A real token server listening on 127.0.0.1 with a fresh SQLite file and keys. */
export interface TestServer {
  url: string;
  /** Test-mode keys of the main account. */
  test: KeyPair;
  /** Live-mode keys of the main account. */
  live: KeyPair;
  /** Test-mode keys of another account. */
  other: KeyPair;
  vault: Vault;
  sealer: Sealer;
  /** Folder holding the database, WAL and key file. */
  dir: string;
  dbPath: string;
  /** Every log line the server wrote. */
  logs: string[];
  /** Moves the server's clock (seconds); starts at 0. */
  advanceClock(seconds: number): void;
  /** Stops the server and removes its files. */
  close(): Promise<void>;
}

/** Options for {@link startTestServer}. */
export interface TestServerOptions {
  tokenTtlSeconds?: number;
}

/**
 * Starts a token server for a suite: call it in `before` and `close()` it in `after`.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  const dbPath = join(dir, 'tessera.db');
  const { vault, sealer } = await openVault({
    database: { kind: 'sqlite', path: dbPath },
    masterKey: { kind: 'file', path: `${dbPath}.key` },
    synchronous: 'NORMAL',
  });
  const keys = new ApiKeyService(vault);
  const test = await keys.createKeyPair({ livemode: false });
  const live = await keys.createKeyPair({ livemode: true, accountId: test.account });
  const other = await keys.createKeyPair({ livemode: false });
  const logs: string[] = [];
  let offsetMs = 0;
  const app = await buildApp({
    vault,
    sealer,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    now: () => new Date(Date.now() + offsetMs),
    logLevel: 'info',
    logDestination: { write: (line: string) => logs.push(line) },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    async close() {
      await app.close();
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    },
    url,
    test,
    live,
    other,
    vault,
    sealer,
    dir,
    dbPath,
    logs,
    advanceClock: (seconds) => {
      offsetMs += seconds * 1000;
    },
  };
}

/** How many tokens are stored in the server's database (read through its own read-only handle). */
export async function tokenCount(server: Pick<TestServer, 'dbPath'>): Promise<number> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A parsed reply. */
export interface ApiReply {
  status: number;
  headers: Headers;
  /** Parsed JSON body. */
  body: Record<string, unknown> & { error?: Record<string, unknown> };
  text: string;
}

/** Options of one API call. */
export interface CallOptions {
  /** Sent as `Authorization: Bearer <key>`. */
  key?: string;
  headers?: Record<string, string>;
}

/** Sends a request and parses its JSON reply. */
export async function call(
  url: string,
  init: { method: string; body?: string } & CallOptions,
): Promise<ApiReply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== undefined) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
  const response = await fetch(url, { method: init.method, headers, body: init.body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as ApiReply['body'],
    text,
  };
}

/** Form-encodes nested parameters with bracket keys, as Stripe's clients do. */
export function form(params: Record<string, unknown>, prefix = ''): string {
  return Object.entries(params)
    .flatMap(([key, value]) => {
      const name = prefix ? `${prefix}[${key}]` : key;
      if (value !== null && typeof value === 'object') {
        return [form(value as Record<string, unknown>, name)];
      }
      return [`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`];
    })
    .filter((part) => part !== '')
    .join('&');
}

/** `POST /v1/tokens` with form parameters. */
export function createToken(
  server: Pick<TestServer, 'url'>,
  params: Record<string, unknown>,
  options: CallOptions = {},
): Promise<ApiReply> {
  return call(`${server.url}/v1/tokens`, { method: 'POST', body: form(params), ...options });
}

/** A card that tokenizes: Stripe's Visa test number, next year, CVC 123. */
export function visaCard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    card: {
      number: '4242424242424242',
      exp_month: '12',
      exp_year: String(new Date().getUTCFullYear() + 2),
      cvc: '123',
      ...overrides,
    },
  };
}

/** The `error` object of a Stripe error envelope; fails the test when the reply has none. */
export function errorOf(reply: ApiReply): Record<string, unknown> {
  const { error } = reply.body;
  if (!error) throw new Error(`expected an error envelope, got: ${reply.text}`);
  return error;
}
