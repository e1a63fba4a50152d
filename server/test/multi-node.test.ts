/**
 * Two `tessera serve` processes on one Postgres database behave as one vault: a token made on
 * one is used on the other, once; one idempotency key sent to both makes one token; a node
 * killed with SIGKILL under load loses no token whose 200 a client received, and restarts;
 * SIGTERM drains. Everything here is decided in the database, not in a node's memory.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { KeyPair } from '../src/services/api-keys.js';
import {
  createKeysWithCli,
  killIfRunning,
  RAISED_LIMIT_ARGS,
  runCli,
  spawnServe,
  stopChild,
  type ServeProcess,
} from './helpers/cli-process.js';
import { call, createToken, errorOf, visaCard, type ApiReply } from './helpers/http.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';

const CHILD_TIMEOUT_MS = 20_000;
const database = await createTestDatabase();
const skip = 'skip' in database ? database.skip : undefined;
after(async () => {
  if (!('skip' in database)) await database.drop();
});

/** Every node of the cluster is started with the same master key, as the README asks. */
const env = { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') };

describe('two nodes on one Postgres database', { skip: skip ?? false }, () => {
  if ('skip' in database) return;
  const db: TestDatabase = database;
  const children: ServeProcess[] = [];
  let keys: KeyPair;
  let a: ServeProcess;
  let b: ServeProcess;

  async function node(extraEnv: Record<string, string> = env): Promise<ServeProcess> {
    const started = await spawnServe(db.url, [...RAISED_LIMIT_ARGS], {
      env: extraEnv,
      startTimeoutMs: CHILD_TIMEOUT_MS,
    });
    children.push(started);
    return started;
  }

  async function tokenCount(): Promise<number> {
    const rows = await db.query<{ count: string }>('SELECT count(*) AS count FROM tokens');
    return Number(rows[0]?.count);
  }

  before(async () => {
    keys = await createKeysWithCli(db.url, [], { env, killAfterMs: CHILD_TIMEOUT_MS });
    [a, b] = await Promise.all([node(), node()]);
  });
  after(() => {
    for (const child of children) killIfRunning(child.child);
  });

  it('lists the keys the CLI created, and both nodes take them', async () => {
    const listed = await runCli(['keys', 'list', '--db', db.url], {
      env,
      killAfterMs: CHILD_TIMEOUT_MS,
    });
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(keys.publishable_key));
    for (const server of [a, b]) {
      const reply = await createToken(server, visaCard(), { key: keys.publishable_key });
      assert.equal(reply.status, 200, reply.text);
      assert.equal((await call(`${server.url}/readyz`, { method: 'GET' })).status, 200);
    }
  });

  it('uses a token made on one node once, on the other', async () => {
    const made = await createToken(a, visaCard(), { key: keys.publishable_key });
    assert.equal(made.status, 200, made.text);
    const id = String(made.body.id);
    const seen = await call(`${b.url}/v1/tokens/${id}`, { method: 'GET', key: keys.secret_key });
    assert.equal(seen.status, 200, seen.text);
    assert.equal((seen.body.card as { last4: string }).last4, '4242');
    const uses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(`${(i % 2 === 0 ? a : b).url}/v1/tokens/${id}/detokenize`, {
          method: 'POST',
          key: keys.secret_key,
        }),
      ),
    );
    assert.deepEqual(
      uses.map((use) => use.status).sort(),
      [200, ...Array<number>(9).fill(400)],
      uses.map((use) => use.text).join('\n'),
    );
    const winner = uses.find((use) => use.status === 200);
    assert.equal((winner?.body.card as { number: string }).number, '4242424242424242');
    for (const use of uses.filter((reply) => reply.status === 400)) {
      assert.equal(errorOf(use).code, 'token_already_used');
    }
  });

  it('makes one token for one idempotency key sent to both nodes at once', async () => {
    const before = await tokenCount();
    const headers = { 'Idempotency-Key': `order-${randomBytes(4).toString('hex')}` };
    const send = (i: number): Promise<ApiReply> =>
      createToken(i % 2 === 0 ? a : b, visaCard(), { key: keys.secret_key, headers });
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i)));
    const made = replies.filter((reply) => reply.status === 200);
    assert.ok(made.length >= 1, replies.map((reply) => reply.text).join('\n'));
    assert.equal(new Set(made.map((reply) => reply.body.id)).size, 1, 'two tokens were made');
    for (const reply of replies.filter((r) => r.status !== 200)) {
      assert.equal(reply.status, 409, reply.text);
      assert.equal(errorOf(reply).code, 'idempotency_key_in_use');
    }
    assert.equal(await tokenCount(), before + 1);
    // Once settled, either node replays the same token.
    for (const i of [0, 1]) {
      const replay = await send(i);
      assert.equal(replay.status, 200);
      assert.equal(replay.body.id, made[0]?.body.id);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    }
  });

  it('reports its pool, commits and size as metrics', async () => {
    const watched = await spawnServe(
      db.url,
      ['--metrics-port', '0', '--pool-size', '3', ...RAISED_LIMIT_ARGS],
      {
        env,
        startTimeoutMs: CHILD_TIMEOUT_MS,
      },
    );
    children.push(watched);
    await Promise.all(
      [1, 2, 3, 4].map(() => createToken(watched, visaCard(), { key: keys.publishable_key })),
    );
    const text = await (await fetch(`${String(watched.metricsUrl)}/metrics`)).text();
    const value = (series: string) =>
      Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    assert.equal(value('tessera_vault_pool_connections{state="max"}'), 3);
    assert.ok(value('tessera_vault_pool_connections{state="total"}') >= 1, text);
    // The scrape's own storage query may be waiting for a connection as the pool is read.
    assert.ok(value('tessera_vault_pool_connections{state="waiting"}') <= 1, text);
    assert.equal(value('tessera_vault_commit_batch_size_sum'), 4);
    assert.equal(value('tessera_tokens_created_total{type="card"}'), 4);
    assert.ok(value('tessera_vault_storage_bytes') > 0);
    assert.deepEqual(await stopChild(watched.child), { code: 0, signal: null });
  });

  it('stops a revoked key on every node at once, though both have it cached', async () => {
    const pair = await createKeysWithCli(db.url, [], { env, killAfterMs: CHILD_TIMEOUT_MS });
    for (const server of [a, b]) {
      const warm = await createToken(server, visaCard(), { key: pair.publishable_key });
      assert.equal(warm.status, 200, warm.text);
    }
    const revoked = await runCli(['keys', 'revoke', pair.publishable_key, '--db', db.url], {
      env,
      killAfterMs: CHILD_TIMEOUT_MS,
    });
    assert.equal(revoked.code, 0, revoked.stderr);
    for (const server of [a, b]) {
      const refused = await createToken(server, visaCard(), { key: pair.publishable_key });
      assert.equal(refused.status, 401, refused.text);
      assert.equal(errorOf(refused).code, 'api_key_expired');
    }
  });

  it('refuses to start a node with a master key other than the database was created with', async () => {
    const wrong = await runCli(['serve', '--port', '0', '--db', db.url], {
      env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
      killAfterMs: CHILD_TIMEOUT_MS,
    });
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(wrong.stderr, /not the one this database was created with/);
  });

  it('drains on SIGTERM: every request it took is answered, and its tokens are stored', async (t) => {
    const draining = await node();
    const pending = Array.from({ length: 60 }, () =>
      createToken(draining, visaCard(), { key: keys.publishable_key }).catch(
        (error: unknown) => error as Error,
      ),
    );
    // Let the first replies arrive, so that the rest are in flight when the signal comes.
    await Promise.race(pending);
    const exit = stopChild(draining.child, 'SIGTERM', CHILD_TIMEOUT_MS);
    const replies = await Promise.all(pending);
    assert.deepEqual(await exit, { code: 0, signal: null });
    const answered = replies.filter((reply): reply is ApiReply => !(reply instanceof Error));
    assert.ok(answered.length > 0);
    t.diagnostic(
      `${String(answered.filter((r) => r.status === 200).length)} stored, ${String(answered.filter((r) => r.status !== 200).length)} turned away, ${String(replies.length - answered.length)} not connected`,
    );
    for (const reply of answered) {
      if (reply.status !== 200) {
        // A request that arrived once closing began is turned away whole, never half done.
        assert.equal(reply.status, 503, reply.text);
        continue;
      }
      const seen = await call(`${a.url}/v1/tokens/${String(reply.body.id)}`, {
        method: 'GET',
        key: keys.secret_key,
      });
      assert.equal(seen.status, 200, `acknowledged ${String(reply.body.id)} is missing`);
    }
  });

  it('loses no acknowledged token when a node is killed under load, and restarts cleanly', async (t) => {
    const victim = await node();
    const acknowledged: string[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          const reply = await createToken(victim, visaCard(), { key: keys.publishable_key });
          if (reply.status === 200) acknowledged.push(String(reply.body.id));
        } catch {
          return; // the node is gone
        }
      }
    };
    const workers = Array.from({ length: 32 }, () => worker());
    const deadline = Date.now() + CHILD_TIMEOUT_MS;
    while (acknowledged.length < 300 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    victim.child.kill('SIGKILL');
    running = false;
    await Promise.all(workers);
    assert.ok(acknowledged.length >= 300, `only ${String(acknowledged.length)} tokens under load`);
    assert.deepEqual(await stopChild(victim.child), { code: null, signal: 'SIGKILL' });

    const missing: string[] = [];
    for (const id of acknowledged) {
      const seen = await call(`${b.url}/v1/tokens/${id}`, { method: 'GET', key: keys.secret_key });
      if (seen.status !== 200) missing.push(id);
    }
    assert.deepEqual(missing, [], `${String(missing.length)} of ${String(acknowledged.length)}`);
    t.diagnostic(`${String(acknowledged.length)} acknowledged tokens, all found on the other node`);

    const restarted = await node();
    assert.equal((await call(`${restarted.url}/readyz`, { method: 'GET' })).status, 200);
    const after = await createToken(restarted, visaCard(), { key: keys.publishable_key });
    assert.equal(after.status, 200, after.text);
    assert.deepEqual(await stopChild(restarted.child), { code: 0, signal: null });
  });
});
