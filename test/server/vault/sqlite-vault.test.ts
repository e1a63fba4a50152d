import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteVault } from '../../../src/server/vault/sqlite-vault.js';
import type { TokenRecord } from '../../../src/server/vault/vault.js';

function token(id: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id,
    accountId: 'acct_1',
    livemode: false,
    type: 'card',
    created: 1000,
    expiresAt: 2000,
    used: false,
    publicJson: JSON.stringify({ id }),
    sealed: Buffer.from('sealed'),
    ...overrides,
  };
}

describe('SqliteVault', () => {
  let dir: string;
  let vault: SqliteVault;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-vault-'));
    vault = new SqliteVault(join(dir, 'vault.db'));
  });
  after(async () => {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back the pragmas it set: WAL and synchronous NORMAL', async () => {
    const described = await vault.describe();
    assert.equal(described.journal_mode, 'wal');
    assert.equal(described.synchronous, 'NORMAL');
    assert.equal(vault.integrityCheck(), 'ok');
  });

  it('commits concurrent inserts together and resolves each only once stored', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `tok_batch${i}`);
    await Promise.all(ids.map((id) => vault.insertToken(token(id))));
    for (const id of ids) assert.equal((await vault.findToken(id))?.id, id);
  });

  it('isolates a failing insert: the others in its batch are still stored', async () => {
    const results = await Promise.allSettled([
      vault.insertToken(token('tok_dup')),
      vault.insertToken(token('tok_dup')),
      vault.insertToken(token('tok_neighbour')),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.ok(await vault.findToken('tok_neighbour'));
  });

  it('saves the idempotent reply in the same transaction as the token', async () => {
    const ref = { scope: 'acct_1:test', key: 'k1' };
    const clock = { now: 1000, expiredBefore: 0, staleBefore: 940 };
    assert.deepEqual(await vault.beginIdempotent(ref, 'h1', clock), { kind: 'proceed' });
    assert.deepEqual(await vault.beginIdempotent(ref, 'h1', clock), { kind: 'in_flight' });
    assert.deepEqual(await vault.beginIdempotent(ref, 'h2', clock), { kind: 'mismatch' });
    await vault.insertToken(token('tok_idem'), {
      ...ref,
      statusCode: 200,
      body: '{"id":"tok_idem"}',
    });
    assert.deepEqual(await vault.beginIdempotent(ref, 'h1', clock), {
      kind: 'replay',
      reply: { statusCode: 200, body: '{"id":"tok_idem"}' },
    });
  });

  it('lets a retry take over a claim whose server died (stale) and reuse an expired key', async () => {
    const ref = { scope: 'acct_1:test', key: 'k2' };
    await vault.beginIdempotent(ref, 'h', { now: 1000, expiredBefore: 0, staleBefore: 0 });
    const later = { now: 1061, expiredBefore: 0, staleBefore: 1001 };
    assert.deepEqual(await vault.beginIdempotent(ref, 'h', later), { kind: 'proceed' });
    await vault.completeIdempotent({ ...ref, statusCode: 402, body: '{}' });
    const nextDay = { now: 90_000, expiredBefore: 3_600, staleBefore: 89_940 };
    assert.deepEqual(await vault.beginIdempotent(ref, 'other', nextDay), { kind: 'proceed' });
  });

  it('uses a token once, and erases sealed data on use and on expiry', async () => {
    await vault.insertToken(token('tok_use'));
    await vault.insertToken(token('tok_old', { expiresAt: 1500 }));
    assert.deepEqual(await vault.consumeToken('tok_use', 1200), {
      kind: 'consumed',
      sealed: Buffer.from('sealed'),
    });
    assert.deepEqual(await vault.consumeToken('tok_use', 1200), { kind: 'already_used' });
    assert.deepEqual(await vault.consumeToken('tok_missing', 1200), { kind: 'missing' });
    assert.equal(await vault.eraseExpiredSecrets(1600), 1);
    assert.deepEqual(await vault.consumeToken('tok_old', 1600), { kind: 'expired' });
    const used = await vault.findToken('tok_use');
    assert.equal(used?.used, true);
    assert.equal(used.sealed, null);
  });

  it('keeps the first value of a metadata key', async () => {
    assert.equal(await vault.setMetaIfAbsent('master_key_id', 'a'), 'a');
    assert.equal(await vault.setMetaIfAbsent('master_key_id', 'b'), 'a');
    assert.equal(await vault.getMeta('master_key_id'), 'a');
    assert.equal(await vault.getMeta('absent'), null);
  });
});
