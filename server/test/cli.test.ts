import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  writeFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { KeyPair, ListedKey, RestrictedKey } from '../src/services/api-keys.js';
import type { AuditLine } from '../src/services/audit.js';
import {
  createKeysWithCli,
  killIfRunning,
  runCli as runCliProcess,
  spawnServe,
  stopChild,
  type CliOptions,
  type CliResult,
  type ServeProcess,
} from './helpers/cli-process.js';
import { call, createToken, errorOf, visaCard } from './helpers/http.js';

/** Every child is killed after this long, whatever it is doing. */
const CHILD_TIMEOUT_MS = 10_000;

/** Options of a child of `t`: extra `env`, killed on timeout and in `t.after`. */
function childOptions(t: TestContext, env: Record<string, string> = {}): CliOptions {
  return {
    env,
    killAfterMs: CHILD_TIMEOUT_MS,
    onSpawn: (child) => {
      t.after(() => {
        killIfRunning(child);
      });
    },
  };
}

/** Runs `tessera <args>` from source to completion. */
function runCli(
  t: TestContext,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runCliProcess(args, childOptions(t, env));
}

/** Starts `tessera serve --db <db> <args>` and waits until it is ready (its ready file). */
function serve(t: TestContext, db: string, args: string[] = []): Promise<ServeProcess> {
  return spawnServe(db, args, { ...childOptions(t), startTimeoutMs: CHILD_TIMEOUT_MS });
}

/**
 * Waits (up to 2 s) until the server's stderr matches `pattern`: what it printed before its
 * ready file may still be in the pipe when the ready file is read.
 */
async function printed(server: ServeProcess, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!pattern.test(server.output.stderr)) {
    if (Date.now() > deadline) assert.fail(`the server never printed ${String(pattern)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fresh folder (removed in `t.after`) and the database path inside it. */
function tempDb(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'tessera.db');
}

/**
 * `--master-key-file` in a folder of its own (removed in `t.after`): live keys are refused
 * with the key file in the database's folder.
 */
function keyElsewhere(t: TestContext): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-key-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return ['--master-key-file', join(dir, 'master.key')];
}

/** `tessera keys create` on `db`; fails the test unless it succeeds. */
function createKeys(t: TestContext, db: string, args: string[] = []): Promise<KeyPair> {
  return createKeysWithCli(db, args, childOptions(t));
}

/**
 * Creates a token with the publishable key and reads it back with the secret key. Live mode
 * refuses Stripe's test numbers, so it gets another valid Visa number.
 */
async function assertPairWorks(url: string, pair: KeyPair): Promise<void> {
  const card = visaCard(pair.livemode ? { number: '4111111111111111' } : {});
  const created = await createToken({ url }, card, { key: pair.publishable_key });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.body.livemode, pair.livemode);
  const id = String(created.body.id);
  const retrieved = await call(`${url}/v1/tokens/${id}`, { method: 'GET', key: pair.secret_key });
  assert.equal(retrieved.status, 200, retrieved.text);
  assert.equal(retrieved.body.id, id);
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('tessera CLI', () => {
  it('prints usage for --help on every command', async (t) => {
    const cases: [string[], RegExp][] = [
      [[], /^Usage: tessera <command>/],
      [['--help'], /^Usage: tessera <command>/],
      [['-h'], /^Usage: tessera <command>/],
      [['help'], /^Usage: tessera <command>/],
      [['keys', '--help'], /^Usage: tessera <command>/],
      [
        ['serve', '--help'],
        /^Usage: tessera serve \[options\][\s\S]*--port[\s\S]*--rate-limit on\|off[\s\S]*--card-error-cooldown[\s\S]*--redis <url>[\s\S]*--db/,
      ],
      [['serve', '-h'], /^Usage: tessera serve/],
      [['keys', 'create', '--help'], /^Usage: tessera keys create[\s\S]*--live[\s\S]*--account/],
      [['keys', 'list', '--help'], /^Usage: tessera keys list[\s\S]*--db/],
      [['keys', 'revoke', '--help'], /^Usage: tessera keys revoke[\s\S]*--db/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(t, args)));
    results.forEach((result, index) => {
      const [args, usage] = cases[index] ?? [[], /./];
      const name = `tessera ${args.join(' ')}`;
      assert.equal(result.code, 0, `${name}: ${result.stderr}`);
      assert.match(result.stdout, usage, name);
      assert.equal(result.stderr, '', name);
    });
  });

  it('exits 2 with a clear message on an unknown command or flag', async (t) => {
    const db = tempDb(t);
    const cases: [string[], RegExp][] = [
      [['bogus'], /^tessera: Unknown command "bogus"[\s\S]*Usage: tessera <command>/],
      [['keys'], /^tessera: Unknown keys command\.[\s\S]*Usage:/],
      [['keys', 'rotate'], /^tessera: Unknown keys command "rotate"/],
      [['serve', '--bogus'], /^tessera: Unknown option '--bogus'/],
      [['keys', 'create', '--db', db, '--frobnicate'], /^tessera: Unknown option '--frobnicate'/],
      [['keys', 'list', '--db', db, '--live'], /^tessera: Unknown option '--live'/],
      [['serve', '--port', 'eighty'], /^tessera: --port must be a whole number/],
      [['serve', '--cvc-ttl', '0'], /^tessera: --cvc-ttl must be a whole number from 1 to 86400/],
      [['serve', '--db', db, '--sync', 'sometimes'], /^tessera: --sync must be normal or full/],
      [['serve', '--log-level', 'loud'], /^tessera: --log-level must be one of/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(t, args)));
    results.forEach((result, index) => {
      const [args, message] = cases[index] ?? [[], /./];
      const name = `tessera ${args.join(' ')}`;
      assert.equal(result.code, 2, `${name}: ${result.stderr}`);
      assert.match(result.stderr, message, name);
      assert.doesNotMatch(result.stderr, /\n\s+at /, `${name} prints no stack trace`);
    });
  });

  it('keys create-restricted and audit list: usage, and exit 2 on bad flags', async (t) => {
    const db = tempDb(t);
    const usages: [string[], RegExp][] = [
      [
        ['keys', 'create-restricted', '--help'],
        /^Usage: tessera keys create-restricted[\s\S]*--permission[\s\S]*token_detokenize/,
      ],
      [['audit', '--help'], /^Usage: tessera audit list[\s\S]*--since[\s\S]*--token/],
      [['audit', 'list', '-h'], /^Usage: tessera audit list[\s\S]*--limit[\s\S]*--db/],
    ];
    const refusals: [string[], RegExp][] = [
      [
        ['keys', 'create-restricted', '--db', db, '--permission', 'token_delete'],
        /^tessera: Unknown permission "token_delete": use token_read, token_write, token_detokenize/,
      ],
      [
        ['keys', 'create-restricted', '--db', db, '--live'],
        /^tessera: A restricted key needs at least one --permission/,
      ],
      [['audit'], /^tessera: Unknown audit command\./],
      [['audit', 'erase'], /^tessera: Unknown audit command "erase"/],
      [['audit', 'list', '--db', db, '--since', 'yesterday'], /^tessera: --since takes unix/],
      [['audit', 'list', '--db', db, '--since', '2026-02-30'], /^tessera: --since takes unix/],
      [['audit', 'list', '--db', db, '--since', '2026-12-01T10:00'], /^tessera: --since takes/],
      [['audit', 'list', '--db', db, '--limit', '0'], /^tessera: --limit must be a whole number/],
      [['audit', 'list', '--db', db, '--token', ''], /^tessera: --token takes a token id/],
      [['audit', 'list', '--db', db, '--key', 'sk_x'], /^tessera: Unknown option '--key'/],
    ];
    // Two batches, so that fewer children share the CPU at once.
    for (const [cases, code] of [
      [usages, 0],
      [refusals, 2],
    ] as const) {
      const results = await Promise.all(cases.map(([args]) => runCli(t, args)));
      results.forEach((result, index) => {
        const [args, pattern] = cases[index] ?? [[], /./];
        const name = `tessera ${args.join(' ')}`;
        assert.equal(result.code, code, `${name}: ${result.stderr}`);
        assert.match(code === 0 ? result.stdout : result.stderr, pattern, name);
        assert.doesNotMatch(result.stderr, /\n\s+at /, `${name} prints no stack trace`);
      });
    }
    assert.equal(existsSync(db), false, 'a refused command created the database');
  });

  it('keys create prints a pair that works against serve on the same database', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    const pair = await createKeys(t, db, key);
    assert.match(pair.account, /^acct_\w+$/);
    assert.equal(pair.livemode, false);
    assert.match(pair.publishable_key, /^pk_test_\w{24,}$/);
    assert.match(pair.secret_key, /^sk_test_\w{24,}$/);

    const live = await createKeys(t, db, [
      '--live',
      '--allowed-origin',
      'https://shop.example',
      '--account',
      pair.account,
      ...key,
    ]);
    assert.equal(live.account, pair.account);
    assert.equal(live.livemode, true);
    assert.match(live.publishable_key, /^pk_live_\w{24,}$/);
    assert.match(live.secret_key, /^sk_live_\w{24,}$/);

    const server = await serve(t, db, key);
    await assertPairWorks(server.url, pair);
    await assertPairWorks(server.url, live);
    // Pairs of one account share its tokens only within one mode.
    const created = await createToken(server, visaCard(), { key: pair.publishable_key });
    const crossMode = await call(`${server.url}/v1/tokens/${String(created.body.id)}`, {
      method: 'GET',
      key: live.secret_key,
    });
    assert.equal(crossMode.status, 404, crossMode.text);
    assert.deepEqual(await stopChild(server.child), { code: 0, signal: null });
  });

  it('keys create --live makes a new live-mode account', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    const first = await createKeys(t, db, key);
    const live = await createKeys(t, db, [
      '--live',
      '--allowed-origin',
      'https://shop.example',
      ...key,
    ]);
    assert.notEqual(live.account, first.account);
    assert.equal(live.livemode, true);
    assert.match(live.publishable_key, /^pk_live_/);
    assert.match(live.secret_key, /^sk_live_/);
  });

  it('keys create --account fails for an unknown account', async (t) => {
    const db = tempDb(t);
    await createKeys(t, db);
    const result = await runCli(t, ['keys', 'create', '--db', db, '--account', 'acct_nope']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /No such account: acct_nope/);
    assert.equal(result.stdout, '');
    const list = await runCli(t, ['keys', 'list', '--db', db]);
    assert.equal((JSON.parse(list.stdout) as ListedKey[]).length, 2, 'no key was added');
  });

  it('keys create binds a publishable key to origins, and keys update changes them', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    const live = await createKeys(t, db, [
      '--live',
      '--allowed-origin',
      'https://shop.example',
      '--allowed-origin',
      'HTTPS://Checkout.Shop.Example:8443/',
      ...key,
    ]);
    assert.deepEqual(live.allowed_origins, [
      'https://shop.example',
      'https://checkout.shop.example:8443',
    ]);
    // A test key without any: every origin, and the command says so.
    const open = await runCli(t, ['keys', 'create', '--db', db, ...key]);
    assert.equal(open.code, 0, open.stderr);
    assert.deepEqual((JSON.parse(open.stdout) as KeyPair).allowed_origins, []);
    assert.match(open.stderr, /allows every origin/);
    // A live key without one is refused, and nothing is stored.
    const refused = await runCli(t, ['keys', 'create', '--live', '--db', db, ...key]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /live publishable key needs the origins/);
    assert.equal(refused.stdout, '');

    const updated = await runCli(t, [
      'keys',
      'update',
      live.publishable_key,
      '--add-origin',
      'https://new.example',
      '--remove-origin',
      'https://shop.example',
      '--db',
      db,
      ...key,
    ]);
    assert.equal(updated.code, 0, updated.stderr);
    assert.deepEqual((JSON.parse(updated.stdout) as ListedKey).allowed_origins, [
      'https://checkout.shop.example:8443',
      'https://new.example',
    ]);
    const both = await runCli(t, [
      'keys',
      'update',
      live.publishable_key,
      '--any-origin',
      '--add-origin',
      'https://x.example',
      '--db',
      db,
      ...key,
    ]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /one of them/);
    const listed = JSON.parse(
      (await runCli(t, ['keys', 'list', '--db', db, ...key])).stdout,
    ) as ListedKey[];
    assert.equal(listed.length, 4, 'a refused key was stored');
    assert.deepEqual(listed.find((k) => k.key === live.publishable_key)?.allowed_origins, [
      'https://checkout.shop.example:8443',
      'https://new.example',
    ]);
    assert.equal(listed.find((k) => k.type === 'secret')?.allowed_origins, undefined);
  });

  it('keys revoke refuses one key at once (the other of its pair keeps working)', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    const pair = await createKeys(t, db, key);
    const server = await serve(t, db, key);
    const card = visaCard();
    const warm = await createToken(server, card, { key: pair.publishable_key });
    assert.equal(warm.status, 200, warm.text);

    // The secret key from standard input: it never appears in the process list.
    const revoked = await runCliProcess(['keys', 'revoke', '-', '--db', db, ...key], {
      ...childOptions(t),
      input: `${pair.secret_key}\n`,
    });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.ok(!revoked.stdout.includes(pair.secret_key), 'secret key printed');
    const shown = JSON.parse(revoked.stdout) as ListedKey & { revoked: boolean };
    assert.equal(shown.type, 'secret');
    assert.equal(shown.revoked, true);
    assert.match(shown.key, /^sk_test_\*+\w{4}$/);
    const retrieve = await call(`${server.url}/v1/tokens/${String(warm.body.id)}`, {
      method: 'GET',
      key: pair.secret_key,
    });
    assert.equal(retrieve.status, 401, retrieve.text);
    // The publishable key, cached by the running server: refused from the next request on.
    assert.equal((await createToken(server, card, { key: pair.publishable_key })).status, 200);
    const cli = await runCli(t, ['keys', 'revoke', pair.publishable_key, '--db', db, ...key]);
    assert.equal(cli.code, 0, cli.stderr);
    const refused = await createToken(server, card, { key: pair.publishable_key });
    assert.equal(refused.status, 401, refused.text);
    assert.equal(errorOf(refused).code, 'api_key_expired');

    const listed = await runCli(t, ['keys', 'list', '--db', db, ...key]);
    assert.deepEqual(JSON.parse(listed.stdout), []);
    const cases: [string[], RegExp][] = [
      [[pair.publishable_key], /^tessera: No such API key: pk_test_\*+\w{4}\n/],
      [[pair.secret_key], /^tessera: No such API key: sk_test_\*+\w{4}\n/],
      [['tok_123'], /^tessera: Not an API key/],
      [[], /^tessera: keys revoke takes one key/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(t, ['keys', 'revoke', ...args, '--db', db, ...key]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.ok(!result.stderr.includes(pair.secret_key), 'secret key echoed');
    }
  });

  it('keys create-restricted makes a key that holds its permissions only; audit list shows its reads', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    const pair = await createKeys(t, db, key);
    const created = await runCli(t, [
      'keys',
      'create-restricted',
      '--db',
      db,
      '--account',
      pair.account,
      '--permission',
      'token_detokenize',
      '--permission',
      'rak_token_read',
      ...key,
    ]);
    assert.equal(created.code, 0, created.stderr);
    const restricted = JSON.parse(created.stdout) as RestrictedKey;
    assert.deepEqual(
      { ...restricted, restricted_key: '' },
      {
        account: pair.account,
        livemode: false,
        restricted_key: '',
        permissions: ['token_read', 'token_detokenize'],
      },
    );
    assert.match(restricted.restricted_key, /^rk_test_\w{24,}$/);
    const listed = JSON.parse(
      (await runCli(t, ['keys', 'list', '--db', db, ...key])).stdout,
    ) as ListedKey[];
    const shown = listed.find((entry) => entry.type === 'restricted');
    assert.ok(shown, 'keys list shows no restricted key');
    assert.match(shown.key, /^rk_test_\*+\w{4}$/);
    assert.ok(shown.key.endsWith(restricted.restricted_key.slice(-4)));
    assert.deepEqual(shown.permissions, ['token_read', 'token_detokenize']);
    assert.equal(JSON.stringify(listed).includes(restricted.restricted_key), false);

    const server = await serve(t, db, key);
    const rk = restricted.restricted_key;
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const token = await createToken(server, visaCard(), { key: pair.publishable_key });
      ids.push(String(token.body.id));
    }
    const [first = '', second = ''] = ids;
    const path = (id: string) => `${server.url}/v1/tokens/${id}`;
    assert.equal((await call(path(first), { method: 'GET', key: rk })).status, 200);
    const used = await call(`${path(first)}/detokenize`, { method: 'POST', key: rk });
    assert.equal(used.status, 200, used.text);
    const again = await call(`${path(first)}/detokenize`, { method: 'POST', key: rk });
    assert.equal(again.status, 400);
    const refused = await createToken(server, visaCard(), { key: rk });
    assert.equal(refused.status, 403, refused.text);
    assert.equal((await call(path(second), { method: 'GET', key: pair.secret_key })).status, 200);
    assert.deepEqual(await stopChild(server.child), { code: 0, signal: null });

    const audit = async (...args: string[]) => {
      const result = await runCli(t, ['audit', 'list', '--db', db, ...key, ...args]);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as AuditLine);
    };
    const all = await audit();
    assert.deepEqual(
      all.map((line) => [line.token, line.action, line.outcome, line.key.slice(0, 8)]),
      [
        [first, 'retrieve', 'ok', 'rk_test_'],
        [first, 'detokenize', 'ok', 'rk_test_'],
        [first, 'detokenize', 'already_used', 'rk_test_'],
        [second, 'retrieve', 'ok', 'sk_test_'],
      ],
    );
    for (const line of all) {
      assert.equal(line.account, pair.account);
      assert.equal(line.client_ip, '127.0.0.1');
      assert.match(line.request_id, /^req_/);
      assert.match(line.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const text = JSON.stringify(all);
    for (const secret of ['4242424242424242', rk, pair.secret_key]) {
      assert.equal(text.includes(secret), false, 'card data or a full key in audit list');
    }
    const third = all[2]?.time ?? '';
    const future = String(Math.floor(Date.now() / 1000) + 3600);
    const filtered = await Promise.all([
      audit('--token', second),
      audit('--limit', '2'),
      audit('--since', third),
      audit('--since', future),
      audit('--since', '2000-01-01', '--token', first, '--limit', '5'),
    ]);
    assert.deepEqual(filtered, [all.slice(3), all.slice(0, 2), all.slice(2), [], all.slice(0, 3)]);

    const revoked = await runCli(t, ['keys', 'revoke', rk, '--db', db, ...key]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((JSON.parse(revoked.stdout) as ListedKey).type, 'restricted');
    const left = await runCli(t, ['keys', 'list', '--db', db, ...key]);
    assert.deepEqual(
      (JSON.parse(left.stdout) as ListedKey[]).map((entry) => entry.type),
      ['publishable', 'secret'],
    );
  });

  it('keys list masks secret keys', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    const test = await createKeys(t, db, key);
    const live = await createKeys(t, db, [
      '--live',
      '--allowed-origin',
      'https://shop.example',
      '--account',
      test.account,
      ...key,
    ]);
    const result = await runCli(t, ['keys', 'list', '--db', db, ...key]);
    assert.equal(result.code, 0, result.stderr);
    for (const pair of [test, live]) {
      assert.ok(!result.stdout.includes(pair.secret_key), 'full secret key printed');
      assert.ok(!result.stdout.includes(pair.secret_key.slice(8, -4)), 'secret key body printed');
    }
    const listed = JSON.parse(result.stdout) as ListedKey[];
    assert.equal(listed.length, 4);
    for (const pair of [test, live]) {
      const mine = listed.filter((key) => key.livemode === pair.livemode);
      const publishable = mine.find((key) => key.type === 'publishable');
      const secret = mine.find((key) => key.type === 'secret');
      assert.equal(publishable?.key, pair.publishable_key);
      assert.equal(publishable.account, test.account);
      assert.match(secret?.key ?? '', /^sk_(test|live)_\*+\w{4}$/);
      assert.ok(secret?.key.endsWith(pair.secret_key.slice(-4)));
    }
  });

  it('serve --dev prints the same key pair on every start and keeps it in a 0600 file', async (t) => {
    const db = tempDb(t);
    const keysOf = (stderr: string) => ({
      publishable: /publishable key:\s+(pk_test_\w+)/.exec(stderr)?.[1],
      secret: /secret key:\s+(sk_test_\w+)/.exec(stderr)?.[1],
    });
    const first = await serve(t, db, ['--dev']);
    await printed(first, /card\[cvc\]=123/);
    const shown = keysOf(first.output.stderr);
    assert.match(shown.publishable ?? '', /^pk_test_/, first.output.stderr);
    assert.match(shown.secret ?? '', /^sk_test_/, first.output.stderr);
    assert.deepEqual(await stopChild(first.child), { code: 0, signal: null });

    const second = await serve(t, db, ['--dev']);
    await printed(second, /card\[cvc\]=123/);
    assert.deepEqual(keysOf(second.output.stderr), shown);
    assert.deepEqual(second.testKeys?.publishable_key, shown.publishable);
    const file = `${db}.test-keys.json`;
    assert.equal(modeOf(file).toString(8), '600');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as KeyPair;
    assert.equal(saved.publishable_key, shown.publishable);
    assert.equal(saved.secret_key, shown.secret);
    await assertPairWorks(second.url, saved);
    assert.deepEqual(await stopChild(second.child), { code: 0, signal: null });
  });

  it('warns about a key file in the database folder, and refuses it once the vault holds live keys', async (t) => {
    const db = tempDb(t);
    // Test keys: a warning, and the command works.
    const test = await runCli(t, ['keys', 'create', '--db', db]);
    assert.equal(test.code, 0, test.stderr);
    assert.match(test.stderr, /master key file is in the database's folder/);
    // Live keys: refused, nothing written, and the way out named.
    const refused = await runCli(t, [
      'keys',
      'create',
      '--live',
      '--allowed-origin',
      'https://shop.example',
      '--db',
      db,
    ]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /--master-key-file/);
    assert.match(refused.stderr, /--allow-key-beside-db/);
    assert.equal(refused.stdout, '');
    const listed = await runCli(t, ['keys', 'list', '--db', db]);
    assert.equal((JSON.parse(listed.stdout) as ListedKey[]).length, 2, 'a live key was stored');
    // Overridden, the live keys are created, and serve refuses the vault unless overridden too.
    const allowed = await runCli(t, [
      'keys',
      'create',
      '--live',
      '--allowed-origin',
      'https://shop.example',
      '--db',
      db,
      '--allow-key-beside-db',
    ]);
    assert.equal(allowed.code, 0, allowed.stderr);
    const serving = await runCli(t, ['serve', '--port', '0', '--db', db]);
    assert.equal(serving.code, 2);
    assert.match(serving.stderr, /holds live keys/);
    const server = await serve(t, db, ['--allow-key-beside-db']);
    assert.match(server.url, /^http:/);
    assert.deepEqual(await stopChild(server.child), { code: 0, signal: null });
  });

  it('refuses a database, WAL or shared-memory file that others can write', async (t) => {
    const db = tempDb(t);
    const key = keyElsewhere(t);
    await createKeys(t, db, key);
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      writeFileSync(file, '', { flag: 'a' });
      chmodSync(file, 0o666);
      const result = await runCli(t, ['keys', 'list', '--db', db, ...key]);
      assert.equal(result.code, 2, `${file}: ${result.stderr}`);
      assert.ok(result.stderr.includes(`${file} is writable by other users`), result.stderr);
      assert.ok(result.stderr.includes(`chmod 600 ${file}`), result.stderr);
      chmodSync(file, 0o600);
    }
    assert.equal((await runCli(t, ['keys', 'list', '--db', db, ...key])).code, 0);
  });

  it('creates the master key file with mode 0600 and refuses one others can read', async (t) => {
    const db = tempDb(t);
    await createKeys(t, db);
    const keyFile = `${db}.key`;
    assert.equal(modeOf(keyFile).toString(8), '600');

    chmodSync(keyFile, 0o644);
    const result = await runCli(t, ['serve', '--port', '0', '--db', db]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /readable by other users/);
    assert.ok(result.stderr.includes(`Run: chmod 600 ${keyFile}`), result.stderr);
    assert.doesNotMatch(result.stderr, /listening/);
  });

  it('fails closed when TESSERA_MASTER_KEY does not match the database', async (t) => {
    const db = tempDb(t);
    const pair = await createKeys(t, db);
    const otherKey = { TESSERA_MASTER_KEY: randomBytes(32).toString('hex') };
    for (const args of [
      ['serve', '--port', '0', '--db', db],
      ['keys', 'list', '--db', db],
    ]) {
      const result = await runCli(t, args, otherKey);
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        /master key \(id \w+\) is not the one this database was created with/,
      );
      assert.doesNotMatch(result.stderr, /listening/);
      assert.equal(result.stdout, '');
    }
    // The database is untouched: the file key still opens it.
    const server = await serve(t, db);
    await assertPairWorks(server.url, pair);
    assert.deepEqual(await stopChild(server.child), { code: 0, signal: null });
  });

  it('stops serve with exit code 0 on SIGTERM and SIGINT', async (t) => {
    const db = tempDb(t);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await serve(t, db);
      const health = await call(`${server.url}/healthz`, { method: 'GET' });
      assert.equal(health.status, 200);
      assert.deepEqual(await stopChild(server.child, signal), { code: 0, signal: null }, signal);
    }
  });

  it('handles SIGTERM from the moment it prints that it listens', async (t) => {
    const db = tempDb(t);
    await createKeys(t, db);
    // Several starts, each stopped the instant the "listening" line arrives.
    const exits = await Promise.all(
      Array.from({ length: 4 }, async () => stopChild((await serve(t, db)).child)),
    );
    assert.deepEqual(
      exits,
      Array.from({ length: 4 }, () => ({ code: 0, signal: null })),
    );
  });

  it('serves Prometheus metrics on their own port only: requests, tokens, commits, size', async (t) => {
    const db = tempDb(t);
    const pair = await createKeys(t, db);
    const server = await serve(t, db, ['--metrics-port', '0']);
    assert.ok(server.metricsUrl, 'the ready file names no metrics listener');
    assert.match(server.metricsUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(server.metricsUrl, server.url);
    const metrics = await fetch(`${server.metricsUrl}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /text\/plain/);
    const size = /^tessera_vault_storage_bytes (\d+)$/m.exec(await metrics.text())?.[1];
    assert.ok(Number(size) > 0, `no vault size in the metrics: ${String(size)}`);

    await Promise.all(
      [1, 2, 3].map(() => createToken(server, visaCard(), { key: pair.publishable_key })),
    );
    await call(`${server.url}/v1/tokens/tok_nothere`, { method: 'GET', key: pair.secret_key });
    await fetch(`${server.url}/no/such/page?4242424242424242`);
    const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
    const value = (series: string) =>
      Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    assert.equal(
      value('tessera_http_requests_total{method="POST",route="/v1/tokens",status_code="200"}'),
      3,
    );
    assert.equal(
      value(
        'tessera_http_requests_total{method="GET",route="/v1/tokens/:token",status_code="404"}',
      ),
      1,
    );
    assert.equal(
      value('tessera_http_requests_total{method="GET",route="unmatched",status_code="404"}'),
      1,
    );
    assert.equal(value('tessera_tokens_created_total{type="card"}'), 3);
    assert.equal(value('tessera_vault_commit_batch_size_sum'), 3);
    assert.ok(value('tessera_vault_commit_duration_seconds_count') >= 1);
    assert.equal(
      value('tessera_http_request_duration_seconds_count{method="POST",route="/v1/tokens"}'),
      3,
    );
    assert.equal(text.includes('tok_nothere'), false, 'a URL became a label');
    assert.equal(text.includes('4242424242424242'), false, 'a URL became a label');
    assert.equal(text.includes('tessera_vault_pool_connections'), false, 'SQLite has no pool');
    assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
    assert.deepEqual(await stopChild(server.child), { code: 0, signal: null });
  });

  it('says what is wrong with a Postgres database it cannot use, without its password', async (t) => {
    const url = 'postgresql://tessera:hunter2@127.0.0.1:1/tessera';
    const withKey = { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') };
    const results = await Promise.all([
      runCli(t, ['serve', '--port', '0', '--db', url], withKey),
      runCli(t, ['keys', 'create', '--db', url], withKey),
      runCli(t, ['keys', 'list'], { ...withKey, TESSERA_DATABASE_URL: url }),
    ]);
    for (const result of results) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        /^tessera: Cannot open the Postgres vault at postgresql:\/\/tessera:\*\*\*\*@127\.0\.0\.1:1\/tessera: connect ECONNREFUSED/,
      );
      assert.equal(result.stderr.includes('hunter2'), false, 'the password was printed');
    }
    const refusals: [string[], Record<string, string>, RegExp][] = [
      [['--db', url], {}, /needs its master key given: TESSERA_MASTER_KEY or --master-key-file/],
      [['--db', url, '--sync', 'full'], withKey, /--sync applies to SQLite/],
      [['--db', url, '--pool-size', '0'], withKey, /--pool-size must be a whole number from 1/],
      [['--pool-size', '4'], withKey, /--pool-size applies to a Postgres database/],
      [['--statement-timeout', '4'], withKey, /--statement-timeout applies to a Postgres/],
    ];
    for (const [args, env, message] of refusals) {
      const result = await runCli(t, ['keys', 'list', ...args], env);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    }
  });
});
