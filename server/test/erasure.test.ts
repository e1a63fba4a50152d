/**
 * "Erased" means gone from the disk: after a token is used, or expires, no byte of its sealed
 * data is left in the SQLite file or its WAL (with the key file beside the database, those
 * bytes were the card number and CVC). The raw files are scanned for the ciphertext.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { call, createToken, visaCard } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** The sealed blob of token `id`, read from the database file. */
function sealedOf(server: TestServer, id: string): Buffer {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const row = db
      .prepare<[string], { sealed: Buffer | null }>('SELECT sealed FROM tokens WHERE id = ?')
      .get(id);
    assert.ok(row?.sealed, `token ${id} has no sealed data to look for`);
    return row.sealed;
  } finally {
    db.close();
  }
}

/** Where on disk (the database file or its WAL) any 16 bytes of `blob` still stand. */
function residues(server: TestServer, blob: Buffer): string[] {
  const found: string[] = [];
  for (const file of [server.dbPath, `${server.dbPath}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    // The ciphertext after its 21-byte header, in pieces (a page boundary may split it).
    for (let start = 21; start + 16 <= blob.length - 16; start += 16) {
      if (bytes.includes(blob.subarray(start, start + 16))) {
        found.push(`${file}: bytes ${String(start)}–${String(start + 16)}`);
        break;
      }
    }
  }
  return found;
}

describe('erased sealed data leaves no residue on disk', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ tokenTtlSeconds: 60 });
  });
  after(() => server.close());

  /**
   * A token whose sealed data is larger than a database page (long cardholder fields): SQLite
   * keeps it on overflow pages, which a plain erase only moves to the free list, intact.
   */
  async function newToken(): Promise<{ id: string; sealed: Buffer }> {
    const reply = await createToken(
      server,
      visaCard({ cvc: '737', name: 'J'.repeat(2500), address_line1: '1 Long Street '.repeat(150) }),
      { key: server.test.publishable_key },
    );
    assert.equal(reply.status, 200, reply.text);
    const id = String(reply.body.id);
    const sealed = sealedOf(server, id);
    assert.notDeepEqual(residues(server, sealed), [], 'the scan does not find live sealed data');
    return { id, sealed };
  }

  it('after the token is used', async () => {
    const { id, sealed } = await newToken();
    const used = await call(`${server.url}/v1/tokens/${id}/detokenize`, {
      method: 'POST',
      key: server.test.secret_key,
    });
    assert.equal(used.status, 200, used.text);
    assert.deepEqual(residues(server, sealed), []);
  });

  it('after the token expires and its data is swept', async () => {
    const { sealed } = await newToken();
    server.advanceClock(61);
    assert.equal((await server.sweep()).erased, 1);
    assert.deepEqual(residues(server, sealed), []);
  });

  it('after an expired token is asked for', async () => {
    const { id, sealed } = await newToken();
    server.advanceClock(61);
    const expired = await call(`${server.url}/v1/tokens/${id}/detokenize`, {
      method: 'POST',
      key: server.test.secret_key,
    });
    assert.equal(expired.status, 400);
    assert.deepEqual(residues(server, sealed), []);
  });
});

describe('an erased CVC leaves no residue on disk, while its token lives on', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ tokenTtlSeconds: 3600, cvcTtlSeconds: 30 });
  });
  after(() => server.close());

  /** The CVC's own sealed blob: nonce, ciphertext and tag (unique: the nonce is random). */
  function cvcBlobOf(id: string): Buffer {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const row = db
        .prepare<[string], { sealed_cvc: Buffer | null }>(
          'SELECT sealed_cvc FROM tokens WHERE id = ?',
        )
        .get(id);
      assert.ok(row?.sealed_cvc, `token ${id} has no sealed CVC to look for`);
      return row.sealed_cvc.subarray(9);
    } finally {
      db.close();
    }
  }
  const onDisk = (blob: Buffer) =>
    [server.dbPath, `${server.dbPath}-wal`].filter(
      (file) => existsSync(file) && readFileSync(file).includes(blob),
    );

  it('after the CVC time runs out and the sweep runs', async () => {
    const reply = await createToken(server, visaCard({ cvc: '737' }), {
      key: server.test.publishable_key,
    });
    assert.equal(reply.status, 200, reply.text);
    const id = String(reply.body.id);
    const blob = cvcBlobOf(id);
    assert.notDeepEqual(onDisk(blob), [], 'the scan does not find the live sealed CVC');
    server.advanceClock(30);
    assert.equal((await server.sweep()).cvcsErased, 1);
    assert.deepEqual(onDisk(blob), []);
    assert.notEqual((await server.vault.findToken(id))?.sealed, null, 'the card went too');
  });
});
