/**
 * The API's suites again, on the Postgres vault: what a client sees must not depend on the
 * store. This file creates a database and imports the suites with the test server pointed at
 * it (each server gets a fresh schema); on their own, the same files run on SQLite.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { createTestDatabase } from './helpers/postgres.js';
import { POSTGRES_SUITES_ENV, startTestServer } from './helpers/test-server.js';

const database = await createTestDatabase();
if ('skip' in database) {
  it('runs the API suites on Postgres', { skip: database.skip }, () => undefined);
} else {
  process.env[POSTGRES_SUITES_ENV] = database.url;
  after(async () => {
    await database.drop();
  });
  it('points the test server at Postgres', async () => {
    const server = await startTestServer();
    try {
      assert.equal(server.storage, 'postgres');
      assert.equal((await server.vault.describe()).storage, 'postgres');
    } finally {
      await server.close();
    }
  });
  await import('./audit.test.js');
  await import('./auth.test.js');
  await import('./create-token.test.js');
  await import('./errors.test.js');
  await import('./idempotency.test.js');
  await import('./oracles.test.js');
  await import('./restricted-keys.test.js');
  await import('./retrieve-and-use.test.js');
  await import('./stripe-node.test.js');
}
