/**
 * `GET /readyz` says whether this node can store tokens (its vault answers), `GET /healthz`
 * only that the process lives: a load balancer takes a node whose database is gone out of
 * rotation without restarting it.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { call, errorOf } from './helpers/http.js';
import { ADMIN_URL, createTestDatabase } from './helpers/postgres.js';
import { startTestServer } from './helpers/test-server.js';

const database = await createTestDatabase();
const skip = 'skip' in database ? database.skip : undefined;
after(async () => {
  if (!('skip' in database)) await database.drop();
});

async function assertNotReady(url: string): Promise<void> {
  const ready = await call(`${url}/readyz`, { method: 'GET' });
  assert.equal(ready.status, 503);
  assert.equal(errorOf(ready).type, 'api_error');
  assert.match(String(errorOf(ready).message), /vault is not answering/);
  assert.match(ready.headers.get('cache-control') ?? '', /no-store/);
  const alive = await call(`${url}/healthz`, { method: 'GET' });
  assert.equal(alive.status, 200, 'liveness must not depend on the database');
}

describe('readiness', () => {
  it('is ready while the SQLite vault answers, and says 503 once it is closed', async () => {
    const server = await startTestServer();
    try {
      const ready = await call(`${server.url}/readyz`, { method: 'GET' });
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { status: 'ok' });
      await server.vault.close();
      await assertNotReady(server.url);
    } finally {
      await server.close();
    }
  });

  it(
    'says 503 when its Postgres database is gone, and is ready again once it is back',
    { skip: skip ?? false },
    async () => {
      if ('skip' in database) return;
      const name = new URL(database.url).pathname.slice(1);
      const server = await startTestServer({ postgresUrl: database.url });
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        assert.equal((await call(`${server.url}/readyz`, { method: 'GET' })).status, 200);
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await assertNotReady(server.url);
        // An empty database of that name: the vault answers again, and the node with it.
        await admin.query(`CREATE DATABASE ${name}`);
        assert.equal((await call(`${server.url}/readyz`, { method: 'GET' })).status, 200);
      } finally {
        await server.close();
        await admin.end();
      }
    },
  );
});
