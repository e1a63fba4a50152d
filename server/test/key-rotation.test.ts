/**
 * Master-key rotation end to end, with real `tessera` processes: tokens made before, during
 * (a node creating and detokenizing in a loop while `master-key rotate` runs) and after a
 * rotation all open, once each, on nodes of either key; fingerprints do not change; the rotate
 * process SIGKILLed after its key step and after some batches finishes when run again;
 * `retire` refuses too early and works after, and a node on the retired key then exits 2.
 * SQLite and Postgres alike; plus a schema-3 database (keys derived from the master key)
 * upgraded with its tokens.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { Sealer } from '../src/crypto/sealer.js';
import { masterKeyId } from '../src/crypto/keyring.js';
import { ApiKeyService, type KeyPair } from '../src/services/api-keys.js';
import { SQLITE_MIGRATIONS } from '../src/vault/sqlite/migrations.js';
import { openSqliteVault } from '../src/vault/sqlite/sqlite-vault.js';
import {
  childEnv,
  cliArgs,
  createKeysWithCli,
  killIfRunning,
  RAISED_LIMIT_ARGS,
  ROOT,
  runCli,
  spawnServe,
  stopChild,
  type ServeProcess,
} from './helpers/cli-process.js';
import { call, createToken, errorOf, visaCard, type ApiReply } from './helpers/http.js';
import { withCheckDigit } from './helpers/luhn.js';
import { createTestDatabase } from './helpers/postgres.js';
import { RAISED_RATE_LIMITS } from './helpers/test-server.js';

const CHILD_TIMEOUT_MS = 30_000;

/** A master key as TESSERA_MASTER_KEY takes it, and its id. */
function masterKey(): { env: Record<string, string>; text: string; id: string } {
  const key = randomBytes(32);
  const text = key.toString('base64');
  return { env: { TESSERA_MASTER_KEY: text }, text, id: masterKeyId(key) };
}

/** A distinct valid Visa number per `i`. */
function cardNumber(i: number): string {
  return withCheckDigit(`4000${String(100_000_000 + i).padStart(11, '0')}`);
}

interface RotateRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: Record<string, unknown>[];
  stderr: string;
}

/**
 * Runs `tessera master-key <args>`; with `killWhen`, SIGKILLs it as soon as a progress line
 * satisfies it (`lines` are those it printed before the kill landed).
 */
function masterKeyCommand(
  args: string[],
  env: Record<string, string>,
  killWhen?: (line: Record<string, unknown>, index: number) => boolean,
): Promise<RotateRun> {
  const child = spawn(process.execPath, [...cliArgs(), 'master-key', ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: CHILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const lines: Record<string, unknown>[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const complete = stdout.split('\n');
    stdout = complete.pop() ?? '';
    for (const text of complete) {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      if (killWhen?.(line, lines.length - 1)) child.kill('SIGKILL');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      resolve({ code, signal, lines, stderr });
    });
  });
}

function detokenize(node: { url: string }, id: string, key: string): Promise<ApiReply> {
  return call(`${node.url}/v1/tokens/${id}/detokenize`, { method: 'POST', key });
}

function retrieve(node: { url: string }, id: string, key: string): Promise<ApiReply> {
  return call(`${node.url}/v1/tokens/${id}`, { method: 'GET', key });
}

interface MadeToken {
  id: string;
  number: string;
  cvc: string;
  fingerprint: string;
}

async function makeCardToken(node: { url: string }, keys: KeyPair, i: number): Promise<MadeToken> {
  const number = cardNumber(i);
  const cvc = String(100 + (i % 900));
  const made = await createToken(node, visaCard({ number, cvc }), { key: keys.publishable_key });
  assert.equal(made.status, 200, made.text);
  const id = String(made.body.id);
  const shown = await retrieve(node, id, keys.secret_key);
  const { fingerprint } = shown.body.card as { fingerprint: string };
  return { id, number, cvc, fingerprint };
}

/** Detokenizes `token` on `node`: its number and CVC come back, once. */
async function assertOpensOnce(node: { url: string }, keys: KeyPair, token: MadeToken) {
  const used = await detokenize(node, token.id, keys.secret_key);
  assert.equal(used.status, 200, used.text);
  const card = used.body.card as { number: string; cvc?: string };
  assert.equal(card.number, token.number);
  assert.equal(card.cvc, token.cvc);
  const again = await detokenize(node, token.id, keys.secret_key);
  assert.equal(again.status, 400, again.text);
  assert.equal(errorOf(again).code, 'token_already_used');
}

interface Store {
  name: string;
  skip?: string;
  /** A new empty store: its `--db` and how to read every stored byte of it. */
  create(): Promise<{ db: string; bytes(): Promise<Buffer>; drop(): Promise<void> }>;
}

const postgres = await createTestDatabase();
after(async () => {
  if (!('skip' in postgres)) await postgres.drop();
});

const STORES: Store[] = [
  {
    name: 'SQLite',
    create() {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-rotation-'));
      const db = join(dir, 'tessera.db');
      return Promise.resolve({
        db,
        // Every byte SQLite wrote: the database, its WAL and shared-memory index.
        bytes: () =>
          Promise.resolve(
            Buffer.concat(
              ['', '-wal', '-shm']
                .map((suffix) => `${db}${suffix}`)
                .filter((path) => existsSync(path))
                .map((path) => readFileSync(path)),
            ),
          ),
        drop: () => {
          rmSync(dir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  },
  {
    name: 'Postgres',
    ...('skip' in postgres ? { skip: postgres.skip } : {}),
    async create() {
      if ('skip' in postgres) throw new Error(postgres.skip);
      const url = await postgres.freshSchema();
      return {
        db: url,
        async bytes() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const tokens = await client.query<{ blob: Buffer | null; text: string }>(
              `SELECT sealed AS blob, public_json AS text FROM tokens
               UNION ALL SELECT sealed_cvc, '' FROM tokens
               UNION ALL SELECT wrapped, key_id FROM data_keys`,
            );
            return Buffer.concat(
              tokens.rows.flatMap((row) => [row.blob ?? Buffer.alloc(0), Buffer.from(row.text)]),
            );
          } finally {
            await client.end();
          }
        },
        drop: () => Promise.resolve(),
      };
    },
  },
];

for (const store of STORES) {
  describe(`master-key rotation on ${store.name}`, { skip: store.skip ?? false }, () => {
    const oldKey = masterKey();
    const newKey = masterKey();
    const children: ServeProcess[] = [];
    let vault: Awaited<ReturnType<Store['create']>>;
    let dir: string;
    let newKeyFile: string;
    let keys: KeyPair;
    let nodeA: ServeProcess;
    let nodeB: ServeProcess;
    const beforeTokens: MadeToken[] = [];
    const duringTokens: MadeToken[] = [];
    let firstDataKey: string;

    async function node(env: Record<string, string>): Promise<ServeProcess> {
      const started = await spawnServe(vault.db, [...RAISED_LIMIT_ARGS], {
        env,
        startTimeoutMs: CHILD_TIMEOUT_MS,
      });
      children.push(started);
      return started;
    }

    async function status(env: Record<string, string>) {
      const run = await runCli(['master-key', 'status', '--db', vault.db], { env });
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout) as {
        master_key: string;
        current_data_key: string;
        data_keys: { id: string; records: number; master_keys: string[] }[];
        records_left: number;
      };
    }

    before(async () => {
      vault = await store.create();
      dir = mkdtempSync(join(tmpdir(), 'tessera-rotation-keys-'));
      newKeyFile = join(dir, 'new.key');
      writeFileSync(newKeyFile, newKey.text + '\n', { mode: 0o600 });
      keys = await createKeysWithCli(vault.db, [], { env: oldKey.env });
      nodeA = await node(oldKey.env);
      for (let i = 0; i < 36; i++) beforeTokens.push(await makeCardToken(nodeA, keys, i));
      firstDataKey = (await status(oldKey.env)).current_data_key;
    });
    after(async () => {
      for (const child of children) killIfRunning(child.child);
      await vault.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('rotates while a node creates and detokenizes tokens; killed after its key step and after some batches, a run again finishes', async () => {
      const loopState = { stop: false };
      const failures: string[] = [];
      let used = 0;
      const loop = (async () => {
        for (let i = 1000; !loopState.stop; i++) {
          const token = await makeCardToken(nodeA, keys, i);
          // Every other one is used at once; the rest wait for the nodes of the new key.
          if (i % 2 === 0) {
            const reply = await detokenize(nodeA, token.id, keys.secret_key);
            const card = reply.body.card as { number?: string } | undefined;
            if (reply.status !== 200 || card?.number !== token.number) failures.push(reply.text);
            used++;
          } else {
            duringTokens.push(token);
          }
        }
      })().catch((error: unknown) => failures.push(String(error)));
      const rotate = ['rotate', '--db', vault.db, '--new-key-file', newKeyFile];
      const slow = ['--batch-size', '3', '--batch-pause', '100'];
      try {
        const first = await masterKeyCommand(
          [...rotate, ...slow],
          oldKey.env,
          (line) => line.step === 'keys',
        );
        assert.equal(first.signal, 'SIGKILL', first.stderr);
        assert.equal(first.lines.at(0)?.created, true);
        const newDataKey = String(first.lines.at(0)?.data_key);
        const halfway = await status(oldKey.env);
        assert.equal(halfway.current_data_key, newDataKey);
        assert.ok(halfway.records_left > 0, 'the records under the first data key are left');

        const early = await masterKeyCommand(
          ['retire', '--db', vault.db, '--key-id', oldKey.id],
          newKey.env,
        );
        assert.equal(early.code, 2, early.stderr);
        assert.match(early.stderr, /sealed records still use data keys of master key/);

        const second = await masterKeyCommand(
          [...rotate, ...slow],
          oldKey.env,
          (line) => line.step === 'records' && line.batch === 3,
        );
        assert.equal(second.signal, 'SIGKILL', second.stderr);
        assert.equal(second.lines.at(0)?.created, false, 'the key step was done already');
        assert.equal(second.lines.at(0)?.data_key, newDataKey);
        const underNew = (shown: Awaited<ReturnType<typeof status>>) =>
          shown.data_keys.find((k) => k.id === newDataKey)?.records ?? 0;
        const reported = second.lines.filter((line) => line.step === 'records');
        assert.ok(reported.length >= 3, 'the second run committed batches before the kill');
        assert.ok(
          underNew(await status(oldKey.env)) > underNew(halfway),
          'the killed run left its batches committed',
        );

        const third = await masterKeyCommand([...rotate, '--batch-size', '3'], oldKey.env);
        assert.equal(third.code, 0, third.stderr);
        const done = third.lines.at(-1);
        assert.equal(done?.step, 'done');
        assert.equal(done.data_key, newDataKey);
      } finally {
        loopState.stop = true;
        await loop;
      }
      assert.deepEqual(failures, []);
      assert.ok(used > 0 && duringTokens.length > 0, 'the node served during the rotation');
    });

    it('opens tokens made before and during the rotation once each, on a node of either key', async () => {
      nodeB = await node(newKey.env);
      for (const [i, token] of beforeTokens.slice(0, 12).entries()) {
        await assertOpensOnce(i % 2 === 0 ? nodeA : nodeB, keys, token);
      }
      for (const token of duringTokens.slice(0, 4)) await assertOpensOnce(nodeA, keys, token);
    });

    it('keeps fingerprints: the same card tokenized after the rotation, on the new key', async () => {
      const again = await makeCardToken(nodeB, keys, 5);
      assert.equal(again.fingerprint, beforeTokens[5]?.fingerprint);
      const shown = await retrieve(nodeB, String(beforeTokens[13]?.id), keys.secret_key);
      const card = shown.body.card as { fingerprint: string };
      assert.equal(card.fingerprint, beforeTokens[13]?.fingerprint);
      duringTokens.push(again);
    });

    it('after the rolling restart, a last pass leaves nothing and the old key retires', async () => {
      await stopChild(nodeA.child);
      const last = await masterKeyCommand(['rotate', '--db', vault.db], newKey.env);
      assert.equal(last.code, 0, last.stderr);
      assert.equal(last.lines.at(-1)?.records_left, 0);
      const before = await status(newKey.env);
      assert.equal(before.records_left, 0);
      assert.equal(before.data_keys.find((k) => k.id === firstDataKey)?.records, 0);

      const retired = await runCli(
        ['master-key', 'retire', '--db', vault.db, '--key-id', oldKey.id],
        {
          env: newKey.env,
        },
      );
      assert.equal(retired.code, 0, retired.stderr);
      assert.deepEqual(
        (JSON.parse(retired.stdout) as { deleted_data_keys: string[] }).deleted_data_keys,
        [firstDataKey],
      );
      const after = await status(newKey.env);
      assert.deepEqual(
        after.data_keys.map((k) => [k.id, k.master_keys]),
        [[before.current_data_key, [newKey.id]]],
      );

      for (const args of [
        ['keys', 'list', '--db', vault.db],
        ['serve', '--port', '0', '--db', vault.db],
      ]) {
        const refused = await runCli(args, { env: oldKey.env, killAfterMs: CHILD_TIMEOUT_MS });
        assert.equal(refused.code, 2, refused.stderr);
        assert.match(refused.stderr, /opens none of its data keys/);
        assert.doesNotMatch(refused.stderr, /listening/);
      }
    });

    it('a node started after the retirement opens everything left, once', async () => {
      await stopChild(nodeB.child);
      const nodeC = await node(newKey.env);
      for (const token of [...beforeTokens.slice(12), ...duringTokens.slice(4)]) {
        await assertOpensOnce(nodeC, keys, token);
      }
    });

    it('still stores no card number or CVC in the clear', async () => {
      const bytes = await vault.bytes();
      assert.ok(bytes.includes('tok_'), 'the scan reads the tokens');
      for (const token of [...beforeTokens, ...duringTokens]) {
        assert.equal(bytes.includes(token.number), false, token.number);
      }
    });
  });
}

describe('tessera master-key on bad input', () => {
  it('exits 2 with a clear message and changes nothing', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-rotation-cli-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const db = join(dir, 'tessera.db');
    const key = masterKey();
    const sameKeyFile = join(dir, 'same.key');
    writeFileSync(sameKeyFile, key.text, { mode: 0o600 });
    await createKeysWithCli(db, [], { env: key.env });
    const before = await runCli(['master-key', 'status', '--db', db], { env: key.env });
    const cases: [string[], RegExp][] = [
      [['bogus'], /^tessera: Unknown master-key command "bogus"/],
      [['retire', '--db', db], /^tessera: master-key retire takes --key-id <id>: 16 hex digits/],
      [['retire', '--db', db, '--key-id', key.id], /is the one this command runs with/],
      [['retire', '--db', db, '--key-id', masterKey().id], /No key is wrapped under master key/],
      [
        ['rotate', '--db', db, '--new-key-file', sameKeyFile, '--new-key-env', 'X'],
        /^tessera: Give the new master key once/,
      ],
      [['rotate', '--db', db, '--new-key-env', 'TESSERA_NOPE'], /TESSERA_NOPE, which is not set/],
      [['rotate', '--db', db, '--new-key-file', join(dir, 'none.key')], /does not exist/],
      [['rotate', '--db', db, '--new-key-file', sameKeyFile], /new master key is the current one/],
      [['rotate', '--db', db, '--batch-size', '0'], /--batch-size must be a whole number/],
    ];
    // A few at a time: each is a Node process compiling the CLI.
    const results = [];
    for (let i = 0; i < cases.length; i += 4) {
      results.push(
        ...(await Promise.all(
          cases
            .slice(i, i + 4)
            .map(([args]) =>
              runCli(['master-key', ...args], { env: key.env, killAfterMs: CHILD_TIMEOUT_MS }),
            ),
        )),
      );
    }
    results.forEach((result, index) => {
      const [args, message] = cases[index] ?? [[], /./];
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
    const help = await runCli(['master-key', 'rotate', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tessera master-key rotate --new-key-file <path>/);
    const after = await runCli(['master-key', 'status', '--db', db], { env: key.env });
    assert.equal(after.stdout, before.stdout);
  });
});

describe('a node that cannot open a token', () => {
  it('answers 500 and leaves the token to a node that can', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-rotation-node-'));
    const vault = await openSqliteVault({ path: join(dir, 'tessera.db') });
    t.after(async () => {
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const pair = await new ApiKeyService(vault).createKeyPair({ livemode: false });
    // Two nodes of one vault, whose keys have nothing in common (one on a retired key, say).
    const [able, unable] = await Promise.all(
      [1, 2].map(async (fill) => {
        const app = await buildApp({
          vault,
          sealer: new Sealer(Buffer.alloc(32, fill)),
          tokenTtlSeconds: 3600,
          logLevel: false,
          rateLimits: RAISED_RATE_LIMITS,
        });
        t.after(() => app.close());
        return { url: await app.listen({ host: '127.0.0.1', port: 0 }) };
      }),
    );
    assert.ok(able && unable);
    const token = await makeCardToken(able, pair, 7);
    const refused = await detokenize(unable, token.id, pair.secret_key);
    assert.equal(refused.status, 500, refused.text);
    assert.equal(errorOf(refused).type, 'api_error');
    await assertOpensOnce(able, pair, token);
  });
});

describe('a database from before envelope keys (schema 5), with tokens, upgraded', () => {
  it('keeps its records and fingerprints: the derived keys become its first data key', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-v5-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const path = join(dir, 'tessera.db');
    const key = masterKey();
    // What Tessera did before envelope keys: schema 5, the keys derived from the master key.
    const v3 = await openSqliteVault({ path, migrations: SQLITE_MIGRATIONS.slice(0, 5) });
    await v3.setMetaIfAbsent('master_key_id', key.id);
    const pair = await new ApiKeyService(v3).createKeyPair({ livemode: false });
    const app = await buildApp({
      vault: v3,
      sealer: new Sealer(Buffer.from(key.text, 'base64')),
      tokenTtlSeconds: 3600,
      logLevel: false,
      rateLimits: RAISED_RATE_LIMITS,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const made = [0, 1, 2].map(() => ({}) as MadeToken);
    for (const [i] of made.entries()) made[i] = await makeCardToken({ url }, pair, 500 + i);
    await app.close();
    await v3.close();

    const wrong = masterKey();
    const refused = await runCli(['keys', 'list', '--db', path], { env: wrong.env });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not the one this database was created with/);

    const upgraded = await spawnServe(path, [...RAISED_LIMIT_ARGS], {
      env: key.env,
      startTimeoutMs: CHILD_TIMEOUT_MS,
    });
    t.after(() => {
      killIfRunning(upgraded.child);
    });
    const db = new Database(path, { readonly: true });
    const version = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as {
      v: number;
    };
    db.close();
    assert.equal(version.v, SQLITE_MIGRATIONS.length);
    const again = await makeCardToken(upgraded, pair, 501);
    assert.equal(again.fingerprint, made[1]?.fingerprint);
    for (const token of made) await assertOpensOnce(upgraded, pair, token);
    const status = await runCli(['master-key', 'status', '--db', path], { env: key.env });
    const shown = JSON.parse(status.stdout) as { current_data_key: string; data_keys: unknown[] };
    assert.equal(shown.current_data_key, key.id, 'the first data key has the old key id');
    await stopChild(upgraded.child);
  });
});
