/**
 * Every stored input is a disk quota: one client with the publishable key could store about
 * 110 KB per token (seven 5,000-character fields, in the token object, again sealed, and again
 * as the idempotency reply) and rows were never deleted. Now a body is capped at 8 KiB, each
 * value is stored once, rows go after their retention, and their space comes back.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { call, createToken, form, visaCard } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** A card token body just under the 8 KiB cap, most of it cardholder text. */
function largeCard(): Record<string, unknown> {
  return visaCard({
    name: 'N'.repeat(1500),
    address_line1: 'L'.repeat(1500),
    address_line2: 'M'.repeat(1500),
    address_city: 'C'.repeat(1500),
    address_state: 'S'.repeat(1500),
  });
}

/** Bytes the database holds: its pages (the WAL checkpointed first). */
function databaseBytes(server: TestServer): number {
  const db = new Database(server.dbPath);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(db.pragma('page_count', { simple: true }));
    const free = Number(db.pragma('freelist_count', { simple: true }));
    return (pages - free) * Number(db.pragma('page_size', { simple: true }));
  } finally {
    db.close();
  }
}

/** The database file's size, with the WAL checkpointed into it first. */
function fileBytes(server: TestServer): number {
  const db = new Database(server.dbPath);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return statSync(server.dbPath).size;
}

describe('what a token may cost on disk', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ tokenTtlSeconds: 60, tokenRetentionSeconds: 600 });
  });
  after(() => server.close());

  it('refuses a body over 8 KiB, even with every field under its own limit', async () => {
    const body = form({
      card: {
        number: '4242424242424242',
        exp_month: '12',
        exp_year: '2040',
        name: 'x'.repeat(4999),
        address_line1: 'y'.repeat(4999),
      },
    });
    const reply = await call(`${server.url}/v1/tokens`, {
      method: 'POST',
      key: server.test.publishable_key,
      body,
    });
    assert.equal(reply.status, 400);
    assert.match(String(reply.body.error?.message), /larger than 8192 bytes/);
  });

  it('stores a token’s data once, idempotency key or not', async () => {
    const bodyBytes = Buffer.byteLength(form(largeCard()));
    assert.ok(bodyBytes > 7000 && bodyBytes < 8192, String(bodyBytes));
    const start = databaseBytes(server);
    const count = 40;
    for (let i = 0; i < count; i++) {
      const reply = await createToken(server, largeCard(), {
        key: server.test.publishable_key,
        headers: { 'idempotency-key': `large-${String(i)}` },
      });
      assert.equal(reply.status, 200, reply.text);
    }
    const perToken = (databaseBytes(server) - start) / count;
    // The cardholder text is in the token object once: not sealed again, not copied as the reply.
    assert.ok(
      perToken < 1.5 * bodyBytes,
      `${String(Math.round(perToken))} bytes per token for a ${String(bodyBytes)}-byte body`,
    );
  });

  it('deletes token rows after their retention and gives the space back', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const reply = await createToken(server, largeCard(), { key: server.test.publishable_key });
      ids.push(String(reply.body.id));
    }
    const full = fileBytes(server);
    server.advanceClock(61 + 601);
    const swept = await server.sweep();
    assert.ok(swept.deleted >= 30, JSON.stringify(swept));
    for (const id of ids.slice(0, 3)) {
      const reply = await call(`${server.url}/v1/tokens/${id}`, {
        method: 'GET',
        key: server.test.secret_key,
      });
      assert.equal(reply.status, 404, 'a token past its retention can still be read');
    }
    const after = fileBytes(server);
    assert.ok(after < full / 2, `the file kept ${String(after)} of ${String(full)} bytes`);
  });
});
