/**
 * Abuse limits: a publishable key per client IP on `POST /v1/tokens`, a secret key on every
 * route, and the card-testing cool-down, each on this process's memory and on the real Redis
 * (a key prefix of each test's own); a Redis that goes away or hangs fails open; and two
 * `tessera serve` processes sharing one Redis limit a burst split across them as one.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { serveConfig, type ServeFlags, type TesseraEnv } from '../src/config.js';
import { createMetrics } from '../src/metrics.js';
import { redactedUrl, type RateLimits } from '../src/plugins/rate-limits.js';
import { createKeysWithCli, killIfRunning, spawnServe, stopChild } from './helpers/cli-process.js';
import { call, createToken, errorOf, visaCard, type ApiReply } from './helpers/http.js';
import { createTestDatabase } from './helpers/postgres.js';
import { connectTestRedis, startRedisProxy, type TestRedis } from './helpers/redis.js';
import {
  RAISED_RATE_LIMITS,
  startTestServer,
  tokenCount,
  type TestServer,
} from './helpers/test-server.js';

const redis = await connectTestRedis();
const redisSkip = 'skip' in redis ? redis.skip : false;
after(async () => {
  if (!('skip' in redis)) await redis.close();
});

/** Windows long enough that none passes during a test, unless the test waits for it. */
const MINUTE_MS = 60_000;
const RATE_LIMIT_MESSAGE =
  'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.';
/** A number that fails the Luhn check: 402 `incorrect_number`. */
const BAD_CARD = visaCard({ number: '4242424242424241' });

/** The raised limits with `changes` on top, in memory or in the test Redis. */
function limits(
  store: 'memory' | 'redis',
  changes: Partial<Omit<RateLimits, 'cardErrors'>> & {
    cardErrors?: Partial<RateLimits['cardErrors']>;
  },
): RateLimits {
  return {
    ...RAISED_RATE_LIMITS,
    windowMs: MINUTE_MS,
    ...changes,
    cardErrors: { ...RAISED_RATE_LIMITS.cardErrors, ...changes.cardErrors },
    redis: store === 'redis' ? testStore(testRedis().url) : null,
  };
}

/** Counters in the test Redis (or a proxy in front of it) under a new prefix. */
function testStore(url: string, commandTimeoutMs = 250): RateLimits['redis'] {
  return { url, keyPrefix: testRedis().prefix(), commandTimeoutMs };
}

function testRedis(): TestRedis {
  if ('skip' in redis) throw new Error(redis.skip);
  return redis;
}

async function serverWith(t: TestContext, rateLimits: RateLimits): Promise<TestServer> {
  const server = await startTestServer({ rateLimits, trustProxy: ['127.0.0.1'] });
  t.after(() => server.close());
  return server;
}

/** `POST /v1/tokens` as a shopper at `ip` (through the trusted proxy on 127.0.0.1). */
function tokenFrom(server: TestServer, ip: string, key: string, params = visaCard()) {
  return createToken(server, params, { key, headers: { 'x-forwarded-for': ip } });
}

function assertRateLimited(reply: ApiReply): void {
  assert.equal(reply.status, 429, reply.text);
  assert.deepEqual(errorOf(reply), {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message: RATE_LIMIT_MESSAGE,
    doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
  });
  const retryAfter = Number(reply.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${String(retryAfter)}`);
  assert.match(reply.headers.get('request-id') ?? '', /^req_/);
  assert.equal(reply.headers.get('cache-control'), 'no-cache, no-store');
  assert.equal(reply.headers.get('stripe-should-retry'), 'true');
  assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
}

for (const store of ['memory', 'redis'] as const) {
  describe(
    `rate limits (${store})`,
    { skip: store === 'redis' && redisSkip, timeout: 60_000 },
    () => {
      it('answers 429 in Stripe envelope with Retry-After past a key and IP limit, storing nothing', async (t) => {
        const server = await serverWith(t, limits(store, { publishable: { live: 3, test: 3 } }));
        const pk = server.test.publishable_key;
        for (let i = 0; i < 3; i++) {
          const reply = await tokenFrom(server, '203.0.113.1', pk);
          assert.equal(reply.status, 200, reply.text);
          assert.equal(
            reply.headers.get('x-ratelimit-remaining'),
            null,
            'no limit headers on a 200',
          );
        }
        const limited = await tokenFrom(server, '203.0.113.1', pk);
        assertRateLimited(limited);
        assert.equal(limited.headers.get('x-ratelimit-limit'), '3');
        assert.equal(await tokenCount(server), 3);
        // Health and readiness are not limited.
        assert.equal((await call(`${server.url}/healthz`, { method: 'GET' })).status, 200);
        assert.equal((await call(`${server.url}/readyz`, { method: 'GET' })).status, 200);
      });

      it('counts each publishable key and client IP apart', async (t) => {
        const server = await serverWith(t, limits(store, { publishable: { live: 2, test: 2 } }));
        const pk = server.test.publishable_key;
        const otherPk = server.other.publishable_key;
        for (let i = 0; i < 2; i++) await tokenFrom(server, '203.0.113.1', pk);
        assertRateLimited(await tokenFrom(server, '203.0.113.1', pk));
        assert.equal((await tokenFrom(server, '203.0.113.2', pk)).status, 200, 'another IP');
        assert.equal((await tokenFrom(server, '203.0.113.1', otherPk)).status, 200, 'another key');
        // IPv6 addresses count by their /64: one host usually holds the whole prefix.
        for (let i = 0; i < 2; i++) await tokenFrom(server, '2001:db8::1', pk);
        assertRateLimited(await tokenFrom(server, '2001:db8::ffff', pk));
        assert.equal((await tokenFrom(server, '2001:db8:0:1::1', pk)).status, 200);
      });

      it('limits a secret key across every route, apart from other keys', async (t) => {
        const server = await serverWith(
          t,
          limits(store, { secret: { live: 4, test: 4 }, publishable: { live: 2, test: 2 } }),
        );
        const made = await tokenFrom(server, '203.0.113.1', server.test.publishable_key);
        const id = String(made.body.id);
        const sk = server.test.secret_key;
        const get = () => call(`${server.url}/v1/tokens/${id}`, { method: 'GET', key: sk });
        assert.equal((await get()).status, 200);
        assert.equal((await createToken(server, visaCard(), { key: sk })).status, 200);
        assert.equal((await get()).status, 200);
        const used = await call(`${server.url}/v1/tokens/${id}/detokenize`, {
          method: 'POST',
          key: sk,
        });
        assert.equal(used.status, 200, used.text);
        const limited = await get();
        assertRateLimited(limited);
        assertRateLimited(
          await call(`${server.url}/v1/tokens/${id}/detokenize`, { method: 'POST', key: sk }),
        );
        assertRateLimited(await createToken(server, visaCard(), { key: sk }));
        // A refused read is still a read attempt: the audit log says it was limited.
        const entries = await server.vault.listAudit({ tokenId: id });
        const requestId = limited.headers.get('request-id');
        assert.deepEqual(
          entries.filter((entry) => entry.requestId === requestId).map((entry) => entry.outcome),
          ['rate_limited'],
        );
        const otherSk = server.other.secret_key;
        const other = await call(`${server.url}/v1/tokens/${id}`, { method: 'GET', key: otherSk });
        assert.equal(other.status, 404, 'another key is not limited (and sees no such token)');
        assert.equal(
          (await tokenFrom(server, '203.0.113.1', server.test.publishable_key)).status,
          200,
          'the publishable key is counted apart',
        );
      });

      it('cools down an IP after card errors: even a valid card gets 429 until it passes', async (t) => {
        const cooldownMs = 1000;
        const server = await serverWith(
          t,
          limits(store, { cardErrors: { perIp: 3, windowMs: MINUTE_MS, cooldownMs } }),
        );
        const pk = server.test.publishable_key;
        for (let i = 0; i < 3; i++) {
          assert.equal((await tokenFrom(server, '203.0.113.7', pk, BAD_CARD)).status, 402);
        }
        const refused = await tokenFrom(server, '203.0.113.7', pk);
        assertRateLimited(refused);
        assertRateLimited(await tokenFrom(server, '203.0.113.7', server.other.publishable_key));
        assert.equal((await tokenFrom(server, '203.0.113.8', pk)).status, 200, 'another IP');
        await delay(cooldownMs + 200);
        assert.equal((await tokenFrom(server, '203.0.113.7', pk)).status, 200, 'cooled down');
        // The errors are still in their window: one more trips the cool-down again.
        assert.equal((await tokenFrom(server, '203.0.113.7', pk, BAD_CARD)).status, 402);
        assertRateLimited(await tokenFrom(server, '203.0.113.7', pk));
      });

      it('cools down a key whose card errors come from many IPs; a backend IP is not cooled', async (t) => {
        const server = await serverWith(
          t,
          limits(store, { cardErrors: { perIp: 2, perKey: 3, windowMs: MINUTE_MS } }),
        );
        const pk = server.test.publishable_key;
        for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
          assert.equal((await tokenFrom(server, ip, pk, BAD_CARD)).status, 402);
        }
        assertRateLimited(await tokenFrom(server, '198.51.100.4', pk));
        assert.equal(
          (await tokenFrom(server, '198.51.100.4', server.other.publishable_key)).status,
          200,
          'another key',
        );
        // A secret key's card errors count against the key, never the backend's one IP.
        const sk = server.other.secret_key;
        for (let i = 0; i < 2; i++) {
          assert.equal((await tokenFrom(server, '192.0.2.10', sk, BAD_CARD)).status, 402);
        }
        assert.equal((await tokenFrom(server, '192.0.2.10', sk)).status, 200);
        assert.equal(
          (await tokenFrom(server, '192.0.2.10', server.other.publishable_key)).status,
          200,
        );
      });
    },
  );
}

describe('a Redis that fails', { skip: redisSkip, timeout: 60_000 }, () => {
  it('lets tokens through unlimited, warns once, counts each failure, recovers', async (t) => {
    const proxy = await startRedisProxy(testRedis().url);
    t.after(() => proxy.stop());
    const metrics = createMetrics();
    const rateLimits: RateLimits = {
      ...limits('redis', { publishable: { live: 2, test: 2 } }),
      redis: testStore(proxy.url, 100),
    };
    const server = await startTestServer({
      rateLimits,
      trustProxy: ['127.0.0.1'],
      observer: metrics.requests,
    });
    t.after(() => server.close());
    const pk = server.test.publishable_key;
    for (let i = 0; i < 2; i++) await tokenFrom(server, '203.0.113.1', pk);
    assertRateLimited(await tokenFrom(server, '203.0.113.1', pk));

    await proxy.stop();
    for (let i = 0; i < 5; i++) {
      const reply = await tokenFrom(server, '203.0.113.1', pk);
      assert.equal(reply.status, 200, `fail open: ${reply.text}`);
    }
    const warnings = server.logs.filter((line) =>
      line.includes('rate-limit store (Redis) failing'),
    );
    assert.ok(warnings.length >= 1 && warnings.length <= 2, `${String(warnings.length)} warnings`);
    const text = await metrics.registry.metrics();
    const errors = Number(/^tessera_rate_limit_store_errors_total (\d+)$/m.exec(text)?.[1]);
    assert.ok(errors >= 5, `store errors counted: ${String(errors)}`);
    assert.match(text, /^tessera_rate_limited_total\{limit="publishable"\} 1$/m);

    // Redis back (the proxy again, same port): ioredis reconnects and the limits hold again.
    await proxy.restart();
    let reply: ApiReply;
    const deadline = Date.now() + 10_000;
    do {
      await delay(100);
      reply = await tokenFrom(server, '203.0.113.1', pk);
    } while (reply.status === 200 && Date.now() < deadline);
    assertRateLimited(reply);
    assert.ok(server.logs.some((line) => line.includes('answers again')));
  });

  it('does not hang a request when Redis stops answering', { timeout: 15_000 }, async (t) => {
    const proxy = await startRedisProxy(testRedis().url);
    t.after(() => proxy.stop());
    const metrics = createMetrics();
    const server = await startTestServer({
      rateLimits: {
        ...limits('redis', { cardErrors: { perIp: 2 } }),
        redis: testStore(proxy.url, 100),
      },
      trustProxy: ['127.0.0.1'],
      observer: metrics.requests,
    });
    t.after(() => server.close());
    const pk = server.test.publishable_key;
    assert.equal((await tokenFrom(server, '203.0.113.1', pk)).status, 200);
    proxy.stall();
    const before = await tokenCount(server);
    const replies = await Promise.all([1, 2, 3].map(() => tokenFrom(server, '203.0.113.1', pk)));
    assert.deepEqual(
      replies.map((reply) => reply.status),
      [200, 200, 200],
    );
    // Card errors cannot be counted either: they are answered, and trip nothing.
    for (let i = 0; i < 3; i++) {
      assert.equal((await tokenFrom(server, '203.0.113.1', pk, BAD_CARD)).status, 402);
    }
    assert.equal((await tokenFrom(server, '203.0.113.1', pk)).status, 200);
    assert.equal(await tokenCount(server), before + 4);
    const text = await metrics.registry.metrics();
    assert.ok(Number(/^tessera_rate_limit_store_errors_total (\d+)$/m.exec(text)?.[1]) >= 4);
  });
});

describe(
  'two nodes sharing one Redis and one database',
  { skip: redisSkip, timeout: 90_000 },
  () => {
    const children: ChildProcess[] = [];
    after(() => {
      children.forEach(killIfRunning);
    });

    it('limits a burst split across both nodes as one', { timeout: 60_000 }, async (t) => {
      const database = await createTestDatabase();
      if ('skip' in database) {
        t.skip(database.skip);
        return;
      }
      t.after(() => database.drop());
      const env = { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') };
      const keys = await createKeysWithCli(database.url, [], { env, killAfterMs: 20_000 });
      const args = [
        '--redis',
        testRedis().url,
        '--redis-prefix',
        testRedis().prefix(),
        '--publishable-limit-test',
        '10',
        '--rate-limit-window',
        '60',
      ];
      const nodes = await Promise.all(
        [1, 2].map(() =>
          spawnServe(database.url, args, {
            env,
            startTimeoutMs: 20_000,
            onSpawn: (child) => children.push(child),
          }),
        ),
      );
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          createToken(nodes[i % 2] as { url: string }, visaCard(), { key: keys.publishable_key }),
        ),
      );
      // Counted per node, each would have let its ten through.
      assert.equal(replies.filter((reply) => reply.status === 200).length, 10, 'ten in all');
      for (const reply of replies.filter((each) => each.status !== 200)) assertRateLimited(reply);
      const rows = await database.query<{ count: string }>('SELECT count(*) AS count FROM tokens');
      assert.equal(Number(rows[0]?.count), 10);
      for (const node of nodes)
        assert.deepEqual(await stopChild(node.child), { code: 0, signal: null });
    });
  },
);

describe('rate limit configuration', () => {
  const config = (flags: ServeFlags, env: TesseraEnv = {}) =>
    serveConfig({ db: '/tmp/tessera-config-test.db', ...flags }, env).rateLimits;

  it("defaults to Stripe's published figures, in this process", () => {
    assert.deepEqual(config({}), {
      windowMs: 1000,
      publishable: { live: 100, test: 25 },
      secret: { live: 100, test: 25 },
      cardErrors: { perIp: 10, perKey: 100, windowMs: 600_000, cooldownMs: 600_000 },
      redis: null,
    });
    assert.equal(config({ 'rate-limit': 'off' }), 'off');
  });

  it('takes every limit from flags, and Redis from --redis or TESSERA_REDIS_URL', () => {
    const given = config({
      'rate-limit-window': '2',
      'publishable-limit': '50',
      'publishable-limit-test': '5',
      'secret-limit': '70',
      'secret-limit-test': '7',
      'card-error-limit': '0',
      'card-error-key-limit': '30',
      'card-error-window': '120',
      'card-error-cooldown': '300',
      redis: 'redis://cache.internal:6380/2',
      'redis-prefix': 'shop:',
      'redis-timeout': '50',
    });
    assert.deepEqual(given, {
      windowMs: 2000,
      publishable: { live: 50, test: 5 },
      secret: { live: 70, test: 7 },
      cardErrors: { perIp: 0, perKey: 30, windowMs: 120_000, cooldownMs: 300_000 },
      redis: { url: 'redis://cache.internal:6380/2', keyPrefix: 'shop:', commandTimeoutMs: 50 },
    });
    const fromEnv = config({}, { TESSERA_REDIS_URL: 'rediss://:secret@cache:6379' });
    assert.deepEqual(fromEnv !== 'off' && fromEnv.redis, {
      url: 'rediss://:secret@cache:6379',
      keyPrefix: 'tessera:rate-limit:',
      commandTimeoutMs: 250,
    });
    // As the warnings show it.
    assert.equal(redactedUrl('rediss://:secret@cache:6379'), 'rediss://:****@cache:6379');
  });

  it('refuses what it cannot take, saying why', () => {
    for (const [flags, message] of [
      [{ 'rate-limit': 'maybe' }, /--rate-limit must be on or off/],
      [{ 'rate-limit': 'off', 'publishable-limit': '5' }, /--publishable-limit has no effect/],
      [{ 'publishable-limit': '0' }, /--publishable-limit must be a whole number from 1/],
      [{ 'secret-limit': '1.5' }, /--secret-limit must be a whole number/],
      [{ 'card-error-window': '0' }, /--card-error-window must be a whole number from 1/],
      [{ redis: 'http://cache:6379' }, /--redis takes a URL such as redis:/],
      [{ 'redis-timeout': '50' }, /apply with --redis/],
      [{ redis: 'redis://cache', 'redis-prefix': 'a b' }, /--redis-prefix takes/],
    ] as const) {
      assert.throws(() => config(flags), message);
    }
  });
});
