/**
 * The real Redis the rate-limit tests use (127.0.0.1:6379 on the project's machines and in CI,
 * or `$TESSERA_TEST_REDIS_URL`), each test under a random key prefix of its own that it deletes
 * afterwards; and a TCP proxy in front of it that a test can stop or stall (never the shared
 * Redis itself). When Redis cannot be reached the suites are skipped with a loud message,
 * except under CI (`CI`, `TESSERA_REQUIRE_REDIS` or `TESSERA_REQUIRE_POSTGRES` set), where the
 * run fails: CI never skips them.
 */
import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { Redis } from 'ioredis';

/** The Redis the tests share. */
export const REDIS_URL = process.env.TESSERA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const required =
  Boolean(process.env.CI) ||
  Boolean(process.env.TESSERA_REQUIRE_REDIS) ||
  Boolean(process.env.TESSERA_REQUIRE_POSTGRES);

/** A connection to the shared Redis for one test file. */
export interface TestRedis {
  url: string;
  /** A new random key prefix; {@link TestRedis.close} deletes every key under the ones made. */
  prefix(): string;
  /** The keys under `prefix`. */
  keys(prefix: string): Promise<string[]>;
  /** Deletes the keys of every prefix made, and disconnects. */
  close(): Promise<void>;
}

/** Connects, or returns why the suite is skipped (printed). Throws under CI when unreachable. */
export async function connectTestRedis(): Promise<TestRedis | { skip: string }> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    const reason = `Redis at ${REDIS_URL} cannot be reached (${(error as Error).message})`;
    if (required) throw new Error(`${reason}; CI runs every Redis test.`);
    console.error(
      `\n*** SKIPPED: ${reason}. Start it (see ../shared/ENV-RECIPE.md) or set TESSERA_TEST_REDIS_URL. ***\n`,
    );
    return { skip: reason };
  }
  const prefixes: string[] = [];
  const keys = async (prefix: string) => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  };
  return {
    url: REDIS_URL,
    prefix() {
      const prefix = `tessera-test:${randomBytes(6).toString('hex')}:`;
      prefixes.push(prefix);
      return prefix;
    },
    keys,
    async close() {
      for (const prefix of prefixes) {
        const found = await keys(prefix);
        if (found.length > 0) await client.del(...found);
      }
      await client.quit();
    },
  };
}

/** A TCP proxy to Redis that a test controls. */
export interface RedisProxy {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** Closes the listener and every connection: Redis is gone. */
  stop(): Promise<void>;
  /** Keeps connections open but passes nothing on either way, from now on: Redis hangs. */
  stall(): void;
  /** Listens again on the same port (after {@link RedisProxy.stop}). */
  restart(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of the Redis at `target`. */
export async function startRedisProxy(target: string): Promise<RedisProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let stalled = false;
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port || 6379) });
    sockets.add(client).add(upstream);
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (!stalled) to.write(chunk);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  const listen = (at: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const listening = await listen(0);
  return {
    url: `redis://127.0.0.1:${String(listening)}`,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
    stall() {
      stalled = true;
    },
    async restart() {
      await listen(listening);
    },
  };
}
